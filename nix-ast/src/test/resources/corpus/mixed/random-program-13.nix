a: b: c: assert "x-"; { b =
  let  a = {c # c
=
41	&&
  ''
''.${a}; # c
d.f # c
=	''
    '''-
      -
''; # c
a =""; } # c
- # c
[25.a '' 	
  '' ];  # c
in c; ${"s"} = /* c */ rec { ${"s"}
= ""."x y";	or= /* c */ 22.or ''  
     ''\nw
  '';
  }* a;
  }