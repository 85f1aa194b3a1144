a: b: c: [
{
"q r"
= # c
-a;
  ${"s"} /* c */ = # c
''  ${b "hello"}
 -${( # c
"\na"	) + (	'' 
''.b or "$$z" # c
&& 83).b or ""}
''!=b;
  b =
"b c
" / rec { 	}.b or c;} ].${a}
  < { "q r" =
  "" ++ # c
"."; or = /* c */ rec {
   } { /* c */  # c
}; "if" # c
= /* c */ c /* c */ -a;
  }.a or ""