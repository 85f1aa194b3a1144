a: b: c: let 
  a = let  a = ./d/${{ "q r" =a;c=./.;d.e = 58 ''

''; /* c */ } -
b.or}/e && "b c${	[	] }"; in rec { /* c */ "q r" # c
=rec {	d.e=c.or c;	d.f = /* c */ ''  '';
} /* c */ &&
  a;} rec { "if"
  = # c
18; }; inherit (a) c; in <nixpkgs>.b.c