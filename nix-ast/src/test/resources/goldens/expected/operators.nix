{
  arithmetic = 1 + 2 * 3 - 4 / 5;
  grouping = (1 + 2) * 3;
  left = a - (b - c);
  right = (a ++ b) ++ c;
  update = a // b // c;
  not_loose = !a + b;
  not_tight = (!a) + b;
  not_cmp = !a == b;
  negation = -a * b;
  negation_app = -f x;
  negation_path = - ./a;
  double_neg = -(-a);
  has_attr = x ? a.b && -x ? c;
  has_concat = x ? a ++ y;
  implies = a -> b -> c;
  implies_left = (a -> b) -> c;
  compare = a < b == c >= d;
  logic = a && b || c && !d;
  division = a / b;
  paths = ./a + ./b;

  long_chain =
    aVeryLongOperandNumberOne
    + aVeryLongOperandNumberTwo
    + aVeryLongOperandNumberThree
    + fourth
    + fifth;

  long_update =
    {
      a = 1;
      b = 2;
    }
    // aVeryLongAttributeSetExpression
    // { c = 3; };

  concat_lists = [ a ] ++ lib.optionals cond [ b ] ++ [ c ];

  chain_with_tail =
    [ cfg.package ]
    ++ optional (cfg.settings != { }) pkgs.jq
    ++ optionals cfg.bar [ pkgs.bar pkgs.baz ];

  two_operands =
    x
    ++ lib.optionals stdenv.isLinux [
      pkgs.aaaaaaaaaaaaaaa
      pkgs.bbbbbbbbbbbbbbbbbbbb
      pkgs.cccccccccccccccccccc
    ];

  update_with_set =
    bar
    // {
      x = 10;
      y = 20;
    };
}
