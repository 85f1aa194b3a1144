a: b: c: rec {"q r"
  = /* c */ ""; } rec {
  ${"s"}
=
  {
  "if" = # c
with a; b;}.a or ''  
-
-
  '' true; b
  = /* c */ ( /* c */ rec { /* c */ "q r"
=''     w'';
or # c
={"q r" /* c */ = '' wword two
wword two
''; # c
or= ".."	/ c; # c
d.e /* c */ = 89.a or ../x/./y; } c;
${"s"}
=
  b; }	|| a )	!= /* c */ ~/${c}.b.c;
}