# Numbers, paths, search paths, URIs, __curPos: printed as themselves; floats in their
# shortest form that reads back as the same double and as a float.
[
  42 007 9223372036854775807
  1.5 1. .5 0.0 1.0e3 1.e5 123456789.0 0.1 1.5e-7 1.0e300 2.2250738585072014e-308 0.30000000000000004
  ./a/b.nix ./. ../x/./y /abs/path ~/dotfiles a/b ./a/${x}.nix /${x} ~/${x}/y
  <nixpkgs> <nixpkgs/lib>
  http://example.org/a?b=c&d x:y
  __curPos
]
