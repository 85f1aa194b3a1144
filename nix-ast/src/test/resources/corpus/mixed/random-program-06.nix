a: b: c: ( a: (53.a) ? b.c)
  +	rec { d.e=	let  /* c */ a = [ ''  
 word two
   -text
    ''.b or ''  
    '' {
 /* c */ } a
  ]<
( ( 43 # c
).a or "\thelloa"
  ); inherit (a) c; in ''
  

    
    '';
"q r"=let a = 123456789.0; 	in let 
  a = [ /* c */ 78 # c
]
  ->
[  /* c */ ].a or ./a/b.nix;  in c;
}