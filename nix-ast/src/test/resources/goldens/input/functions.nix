# Functions: bodies are not indented; a set pattern with several formals expands with trailing
# commas; x: y: { absorbs the set.
{
  simple = x: x;
  curried = x: y: z: x + y + z;
  absorbs = name: value: { inherit name value; result = value; };
  string_body = name: ''
    ${name}
  '';
  one_formal = { pkgs }: pkgs.hello;
  ellipsis = { lib, ... }: lib;
  several = { lib, stdenv, fetchurl ? null, ... }: stdenv.mkDerivation { pname = "x"; };
  empty = { }: 1;
  only_ellipsis = { ... }: 1;
  alias_first = args@{ a, b }: args;
  alias_after = { a, b }@args: args;
  uri_default = { url ? (http://example.org/a), b }: url;
  # Without parentheses the URI takes the comma: one formal, whose default is an application.
  uri_swallows_comma = { url ? http://example.org/a, b }: url;
  long = aVeryLongParameterNameNumberOne: aVeryLongParameterNameNumberTwo: aVeryLongParameterNameNumberThree: null;
  let_body = x: let y = x; in y;
}
