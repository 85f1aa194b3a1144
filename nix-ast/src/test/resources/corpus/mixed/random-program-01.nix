a: b: c: { "q r" # c
=rec { c /* c */ =
''''\t${rec { b =	"\qa" "-";d.f= /* c */ ''

    ''.${a} ++ /* c */ ''  word twow
      
  '';inherit c; /* c */ }
++rec {
  }}
''.b or rel/p /* c */ == { d.f = "" a; /* c */ or
=a;
  }.${a}; "q r"
  =
assert ./.; ""; # c
} ? b.c; a /* c */ = let 
a = if rec { }.b.c then ( # c
c) else a; b = a; in assert rec {
 }; [
  ].${a} ""; }.${a} {a = c.${a}>= <nixpkgs>; # c
}.a