[
  { }
  rec { }
  { a = 1; }
  {
    a = 1;
    b = 2;
  }
  rec {
    a = 1;
    b = a;
  }
  {
    nested = {
      inner = 1;
    };
  }
  {
    a.b.c = 1;
    "a b".c = 2;
    ${x} = 3;
    "${y}z" = 4;
  }
  {
    "if" = 1;
    "then" = 2;
    or = 3;
    true = 4;
    "" = 5;
    "1x" = 6;
    "a\"b" = 7;
    "with space" = 8;
  }
  {
    inherit a b;
    inherit (pkgs) c d;
    inherit;
  }
  {
    inherit
      aVeryLongNameNumberOne
      aVeryLongNameNumberTwo
      aVeryLongNameNumberThree
      aVeryLongNameNumberFour
      ;
  }
  {
    inherit (aVeryLongSourceExpression.withAttributes)
      aVeryLongNameNumberOne
      aVeryLongNameNumberTwo
      aVeryLongNameNumberThree
      ;
  }
  {
    aVeryLongAttributeNameThatIsLong =
      someFunctionWithALongName argumentNumberOne argumentNumberTwo arg3;
  }
  {
    short =
      "a string that is long enough to push the binding over the limit of one hundred columns, surely";
  }
]
