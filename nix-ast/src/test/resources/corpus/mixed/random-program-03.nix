a: b: c: if rec { # c
or
  =let  a = " b c"; in c."x y"; d.e =let a = "''"->
b; inherit (a) c;in ''
''; /* c */ } then { a } @ q: c else !{d.f=with ( /* c */ ""."x y" # c
); 2.5E-7 50; "if"
  = # c
"${ "." [	<a/b> b.b or "" ''  
  ''\ 
  ''$w
  
  ''."x y" /* c */ ]}-".a or rec { "if"=
  .5;
inherit b; /* c */ }; or = 2.5E-7.a or 46;	}