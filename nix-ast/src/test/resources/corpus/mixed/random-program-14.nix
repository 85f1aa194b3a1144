a: b: c: ({	${"s"} # c
= [
] # c
&&
  b.b or b;
  a # c
=
  if "-a-" then c else a."x y"; }
) + # c
rec { # c
c= { # c
a =
  {
  "q r" # c
= a; } rec {"q r" # c
=
  (
2.5E-7
!=	1.5e3 # c
)."x y";	${"s"} = /* c */ "" c;	b
= # c
a "b ca."; };}; /* c */ }