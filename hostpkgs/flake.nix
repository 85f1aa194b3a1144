{
  description = "flakegen's offline host package set: nixpkgs' names and interfaces, built from the host's binaries";

  # No inputs: everything comes from the host. Use it in place of nixpkgs with
  #   nix build --override-input nixpkgs path:/abs/path/to/hostpkgs …
  outputs = { self }: {
    # nixpkgs' flake adds nixosSystem to its lib the same way.
    lib = import ./lib.nix { system = "x86_64-linux"; } // { nixosSystem = import ./nixos.nix; };
    legacyPackages.x86_64-linux = import ./hostpkgs.nix { system = "x86_64-linux"; };
  };
}
