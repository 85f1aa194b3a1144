# The stand-in for nixpkgs' `lib.nixosSystem` (the flake's `lib.nixosSystem`):
#   nixosSystem { system ? "x86_64-linux", modules, specialArgs ? { } } → { config, options, pkgs }
# It evaluates NixOS modules with lib.evalModules; the modules get this host package set as
# `pkgs`. Evaluation only: nothing is built (no system.build.toplevel, no assertions/warnings),
# and the base modules below declare only the NixOS options flakegen's generated modules set,
# with NixOS' names, types and defaults.
{ system ? "x86_64-linux", modules, specialArgs ? { } }:
let
  pkgs = import ./hostpkgs.nix { inherit system; };
  inherit (pkgs) lib;
  inherit (lib) types mkOption mkIf mkDefault;

  option = type: default: description: mkOption { inherit type default description; };
  # As NixOS (nixos/lib/systemd-lib.nix): a unit name with its type's suffix.
  unitSuffixes = "service|socket|device|mount|automount|swap|target|path|timer|scope|slice";
  unitNamePattern = "[a-zA-Z0-9@%:_.\\-]+[.](${unitSuffixes})";
  unitNameType = types.strMatching unitNamePattern;
  units = description: option (types.listOf unitNameType) [ ] description;
  # users' fields end up in /etc/passwd and /etc/group.
  passwdEntry = type: types.addCheck type (x: builtins.match "[^:\n]*" (toString x) != null) // {
    name = "passwdEntry ${type.name}";
    description = "${type.description}, not containing newlines or colons";
  };

  # A value of a [Unit]/[Service] setting: an atom or a list of atoms (one line per element).
  # Definitions of a setting are concatenated if any of them is a list, else they must be equal.
  unitOption =
    let atom = types.oneOf [ types.bool types.int types.str types.path types.package ]; in
    lib.mkOptionType {
      name = "systemd option";
      check = x: atom.check x || (builtins.isList x && builtins.all atom.check x);
      merge = loc: defs:
        if builtins.any (def: builtins.isList def.value) defs
        then builtins.concatMap (def: lib.toList def.value) defs
        else lib.mergeEqualOption loc defs;
    };

  # As NixOS' serviceConfig check (nixos/lib/systemd-unit-options.nix): the values systemd accepts
  # for Type= and Restart=; a definition with another is not of the option's type, and the reason
  # is traced. mkIf/mkOverride wrappers inside the set are looked through, as there.
  oneOf = field: values: attrs:
    lib.optional (attrs ? ${field} && !builtins.elem attrs.${field} values)
      "Systemd Service field `${field}' cannot have value `${toString attrs.${field}}'.";
  checkService = attrs:
    let
      values = builtins.mapAttrs (_: value:
        if builtins.elem (value._type or "") [ "override" "if" ] then value.content else value) attrs;
      errors =
        oneOf "Type" [ "exec" "simple" "forking" "oneshot" "dbus" "notify" "notify-reload" "idle" ] values
        ++ oneOf "Restart" [ "no" "on-success" "on-failure" "on-abnormal" "on-abort" "always" ] values;
    in
    errors == [ ] || builtins.trace (lib.concatStringsSep "\n" errors) false;

  # systemd.services.NAME is the unit NAME.service: NAME must make a valid unit name.
  servicesType =
    let attrs = types.attrsOf (types.submodule service); in
    attrs // {
      check = value: attrs.check value && builtins.all (name:
        builtins.match unitNamePattern "${name}.service" != null
        || builtins.trace "systemd.services.${name}: `${name}.service' is not a valid systemd unit name." false)
        (builtins.attrNames value);
    };

  service = {
    options = {
      enable = option types.bool true
        "Whether to enable this unit (if false, it is not installed at all).";
      description = option types.singleLineStr "" "Description of this unit used in systemd messages and progress indicators.";
      documentation = option (types.listOf types.str) [ ] "A list of URIs referencing documentation for this unit.";
      requires = units "Start the specified units when this unit is started, and stop this unit when the specified units are stopped or fail.";
      wants = units "Start the specified units when this unit is started.";
      after = units "If the specified units are started at the same time as this unit, delay this unit until they have started.";
      before = units "If the specified units are started at the same time as this unit, delay them until this unit has started.";
      bindsTo = units "Like requires, but in addition, if the specified units unexpectedly disappear, this unit will be stopped as well.";
      partOf = units "If the specified units are stopped or restarted, then this unit is stopped or restarted as well.";
      conflicts = units "If the specified units are started, then this unit is stopped and vice versa.";
      wantedBy = units "Units that want (i.e. depend on) this unit.";
      requiredBy = units "Units that require (i.e. depend on and need to go down with) this unit.";
      unitConfig = option (types.attrsOf unitOption) { } "Each attribute in this set specifies an option in the [Unit] section of the unit file.";
      restartTriggers = option (types.listOf types.unspecified) [ ] "An arbitrary list of items such as derivations; if any item changes between reconfigurations, the service is restarted.";
      environment = option (types.attrsOf (types.nullOr (types.oneOf [ types.str types.path types.package ]))) { }
        "Environment variables passed to the service's processes.";
      path = option (types.listOf (types.oneOf [ types.package types.str ])) [ ]
        "Packages added to the service's PATH environment variable (their bin and sbin subdirectories).";
      serviceConfig = option (types.addCheck (types.attrsOf unitOption) checkService) { }
        "Each attribute in this set specifies an option in the [Service] section of the unit (ExecStart, User, Restart, RestartSec, StateDirectory, …).";
      script = option types.lines "" "Shell commands executed as the service's main process.";
      scriptArgs = option types.str "" "Arguments passed to the main process script.";
      preStart = option types.lines "" "Shell commands executed before the service's main process is started.";
      postStart = option types.lines "" "Shell commands executed after the service's main process is started.";
      preStop = option types.lines "" "Shell commands executed to stop the service.";
      postStop = option types.lines "" "Shell commands executed after the service's main process has exited.";
      reload = option types.lines "" "Shell commands executed when the service's main process is reloaded.";
      restartIfChanged = option types.bool true "Whether the service should be restarted during a NixOS configuration switch if its definition has changed.";
      reloadIfChanged = option types.bool false "Whether the service should be reloaded during a NixOS configuration switch if its definition has changed.";
      stopIfChanged = option types.bool true "If set, a changed unit is restarted by calling stop in the old configuration, then start in the new one.";
      startAt = option (types.either types.str (types.listOf types.str)) [ ] "Automatically start this unit at the given date/time (systemd.time(7) format).";
    };
  };

  user = { name, config, ... }: {
    options = {
      name = option (passwdEntry types.str) name "The name of the user account (default: the attribute name).";
      description = option (passwdEntry types.str) "" "A short description of the user account (the GECOS field).";
      uid = option (types.nullOr types.int) null "The account UID; null: chosen automatically.";
      isSystemUser = option types.bool false "Whether this is a system user (a UID below 1000, no home directory by default).";
      isNormalUser = option types.bool false "Whether this is a normal (human) user: group users, home /home/<name>, created.";
      group = option types.str "" "The user's primary group.";
      extraGroups = option (types.listOf types.str) [ ] "The user's auxiliary groups.";
      home = option (passwdEntry types.path) "/var/empty" "The user's home directory.";
      homeMode = option (types.strMatching "[0-7]{1,5}") "700" "The permissions of the home directory when it is created.";
      createHome = option types.bool false "Whether to create the home directory and make the user its owner.";
      useDefaultShell = option types.bool false "Whether the user gets the default shell.";
      packages = option (types.listOf types.package) [ ] "Packages installed in the user's profile.";
    };
    # As in NixOS: a normal user gets these unless the definitions say otherwise.
    config = mkIf config.isNormalUser {
      group = mkDefault "users";
      createHome = mkDefault true;
      home = mkDefault "/home/${config.name}";
      useDefaultShell = mkDefault true;
      isSystemUser = mkDefault false;
    };
  };

  group = { name, ... }: {
    options = {
      name = option (passwdEntry types.str) name "The name of the group (default: the attribute name).";
      gid = option (types.nullOr types.int) null "The group GID; null: chosen automatically.";
      members = option (types.listOf (passwdEntry types.str)) [ ] "The user names of the group members.";
    };
  };

  baseModule = {
    _file = "hostpkgs/nixos.nix";
    options = {
      systemd.services = option servicesType { } "Definition of systemd service units.";
      users.users = option (types.attrsOf (types.submodule user)) { } "Additional user accounts to be created automatically by the system.";
      users.groups = option (types.attrsOf (types.submodule group)) { } "Additional groups to be created automatically by the system.";
      environment.systemPackages = option (types.listOf types.package) [ ] "The set of packages that appear in /run/current-system/sw.";
      networking.hostName = option (types.strMatching "^$|^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?$") "nixos"
        "The name of the machine.";
      system.stateVersion = option types.str lib.trivial.release
        "The NixOS release with which stateful data on this system is compatible.";
    };
    config._module.args.pkgs = pkgs;
  };

  eval = lib.evalModules { inherit specialArgs; modules = [ baseModule ] ++ modules; };
in
{
  inherit (eval) config options;
  inherit pkgs;
}
