# flakegen resource library: STAND-IN with the formals of generator/README.md, until the real
# lib.nix lands. implementation and check throw when they are used.
{
  buildFHSUserEnv,
  channel ? "resource",
  coreutils,
  failure ? null,
  findutils,
  flock,
  jq,
  makeBinPath,
  makeWrapper,
  mkDerivation,
  nix,
  originator-pid-variable,
  ps,
  redis,
  resources ? { },
  resources-directory,
  sequential-start ? 0,
  store-garbage-collection-root,
  string ? null,
  visitor ? null,
  writeShellApplication,
  yq-go,
}:
{
  implementation = description: throw "flakegen lib: stand-in: implementation is not written yet";
  check = description: throw "flakegen lib: stand-in: check is not written yet";
}
