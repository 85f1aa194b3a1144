# Lists: flat when short, expanded when long, nested or holding multi-line items; items are
# select-level, so anything looser gets parentheses.
{
  empty = [ ];
  short = [ 1 2 3 ];
  many = [ 1 2 3 4 5 6 7 ];
  wide = [ "aaaaaaaaaaaaaaaaaaaa" "bbbbbbbbbbbbbbbbbbbb" "cccccccccccccccccccc" "dddddddddddddddddddd" "eeeeeeeeeeeeeeeeeeee" ];
  parens = [ (f x) (-1) (!x) (x: x) (if c then 1 else 2) (a + b) (x ? a) (let a = 1; in a) x.a (x.a or 1) ];
  nested = [ [ 1 ] [ 2 3 ] ];
  of_sets = [ { a = 1; } { b = 2; c = 3; } ];
}
