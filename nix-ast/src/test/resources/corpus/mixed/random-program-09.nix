a: b: c: ["" rec { a # c
= # c
{ # c
a =c; # c
b
= 10 b.${a}; # c
d.f
  = rec { /* c */ c	= /* c */ ~/h/q 26;
or=
c;
${"s"} =	a b; }+	a;}."x y";
${"s"}
=	let  a = [  # c
] [
   ];  # c
in { "q r" /* c */ =c; # c
c = /* c */ ''
  w
  ''; }.a;
d.f = # c
a	||
  c.a; } ./a
] rec {}