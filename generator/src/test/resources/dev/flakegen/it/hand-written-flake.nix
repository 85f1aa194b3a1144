# A resource flake written by hand, not by flakegen: it offers the resource motd through the
# output generator/README.md documents ("Offering resources to other flakes"), so that a flakegen
# flake can take it as an input and set it up from an init or a program.
{
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-25.05";

  outputs =
    { self, nixpkgs }:
    let
      system = "x86_64-linux";
      pkgs = nixpkgs.legacyPackages.${system};
      # makes the folder (once), prints it: what a resource's setup does, without the caching
      setupProgram = pkgs.writeShellApplication {
        name = "setup";
        runtimeInputs = [ pkgs.coreutils ];
        text = ''
          folder="''${RESOURCES_DIRECTORY_OVERRIDE:-$HOME/resources}/hand-written-motd"
          mkdir -p "$folder"
          printf '%s\n' 'a message of the day, by hand' > "$folder/motd"
          printf '%s\n' "$folder"
        '';
      };
    in
    {
      resources.${system}.motd = {
        setup = setupProgram;
        # resource { failure, setup }: shell text whose value is the folder; failure is an exit
        # code or shell text run after ||, setup wraps the command (arguments, input)
        __functor =
          resource:
          {
            failure ? 1,
            setup ? command: command,
          }:
          ''"$( ${setup "${resource.setup}/bin/setup"} )" || ${
            if builtins.isInt failure then "exit ${toString failure}" else "{\n${failure}\n}"
          }'';
      };
    };
}
