{
  short = f a b;

  long =
    someFunction
      argumentNumberOne
      argumentNumberTwo
      argumentNumberThree
      argumentNumberFour
      argumentNumberFive;

  absorbed_set = mkDerivation {
    pname = "x";
    version = "1";
  };

  absorbed_list = lib.optionals stdenv.isLinux [ a b ];

  finalAttrs = stdenv.mkDerivation (finalAttrs: {
    pname = "x";
    version = finalAttrs.pname;
  });

  parenthesised_last = map (x: x + 1) (builtins.filter (x: x > 0) (
    builtins.genList (i: i - 5) 10000000000000
  ));

  set_not_last =
    f
      {
        a = 1;
        b = 2;
      }
      x;

  negative = f (-1) (-x);
  select_args = f x.a (x.b or 1) x.c.d;
  apply_lambda = (x: x) 1;
  flattened = f a b;
}
