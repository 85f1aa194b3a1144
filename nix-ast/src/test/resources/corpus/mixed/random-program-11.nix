a: b: c: let  /* c */ a = let  a = c.or /* c */ &&
  a; inherit (a) c;
in with [ /* c */ b c http://x.org/a?b=c ].or; 66;  in let  a = rec { # c
d.e =	a.${a}; "q r"	= rec {  /* c */ }|| ./a/b.nix;}.b or [
0.0001 13."x y" 74]++
  a; inherit (a) c;	in ( "-." # c
).or