# Functions for the bindings tests: each is reached by another route.
let
  add = { a, b ? 2, ... }@args: a + b + (args.c or 0);
  helpers = rec {
    strict = { x, y ? "why" }: x;
    alias = strict;
  };
in
{
  inherit add;
  nested.deeper =
    {
      # The name of the class.
      # Two lines.
      class,
      default ? 1, # the default
      /* a package
         with a dash */
      yq-go,
      x' ? x'' + 1,

      # Not a doc comment: a blank line follows.

      x'',
      true ? false,
      a-b ? "s",
      aB ? { },
      _ ? 0,
    }:
    [ class default yq-go x' x'' true a-b aB _ ];
  inherit (helpers) strict alias;
  nested.number = 42;
  single = x: x;
  outputs = { self }: { lib = import ./imported.nix; };
  first = args@{ ... }: args;
  fromParameter = { pkgs }: { f = pkgs.f; };
}
