# let is always multi-line, the body on its own line after in; the legacy let { } prints as
# itself.
{
  simple = let a = 1; b = a; in a + b;
  empty = let in 1;
  inherits = let inherit (lib) mkIf; inherit x; in mkIf x;
  legacy = let { a = 1; body = a; };
  nested = let f = let g = 1; in g; in f;
}
