# A sample in the shape of the flakes flakegen generates.
{
  description = "A resource flake: hash-addressed resources built by an init script";

  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs = { self, nixpkgs, ... }@inputs:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAll = f: builtins.listToAttrs (map (system: { name = system; value = f system; }) systems);
      channel = "resource";
    in {
      lib = { coreutils, jq, redis, sequential-start ? 0, channel ? "resource", ... }: {
        implementation = { init ? null, seed ? null, targets ? [ ], transient ? false }:
          { failure ? 64, setup ? (setup: setup) }:
          ''"$( ${setup "setup"} )" || ${if builtins.isInt failure then "failure ${toString failure}" else failure}'';
      };
      packages = forAll (system: {
        hello = ./hello/${system}.nix;
        greeting = "Hello, \${USER}: $HOME costs ${toString (1 + 2 * 3)}$";
      });
      checks.x86_64-linux.order = assert 1 < 2 && !(3 >= 4); -1.5e-3 // { };
    };
}
