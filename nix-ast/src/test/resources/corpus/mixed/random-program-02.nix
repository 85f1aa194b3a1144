a: b: c: !{or=let 	a = {
} # c
== # c
rec {	
}.a or ./.; b = a;
  in [rec { /* c */ d.e= /* c */ 62 * 80;} a ] # c
>=/${a}/f/${a}; /* c */ d.e = a.or	<a; /* c */ d.f=
  let  /* c */ a = 123456789.0.${a}	-
(
  a	); inherit (a) c;
in { c	= rec { # c
inherit a; /* c */ b /* c */ = # c
b.${a}&&
"-a";}||
  rec {	"if"
=99; a	=
  '' 
'' b; "q r" /* c */ =b;}.${a}; } [  /* c */ ];}