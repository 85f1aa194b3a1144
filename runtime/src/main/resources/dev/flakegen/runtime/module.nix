# The NixOS module of a flakegen resource flake: the release and resolve listeners, and a private
# Redis for the channel, as systemd services (generator/README.md has the contract).
/**
  Applied by the generated flake.nix to make `nixosModules.default`.

  # Inputs

  `library`
  : lib.nix as a function of its arguments

  `parameters`
  : `system: pkgs: { … }`, the flake's lib parameters for a system's package set (the options
    below default to them)

  `settings`
  : the services' defaults from the model: `redis` (whether to run Redis), `redis-address`,
    `interval`, `user`, `group`
*/
{
  library,
  parameters,
  settings,
}:
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.services.resource-flake;
  # The lib parameters of this system, and the library made of them with the options' settings
  # (no resources: the services only read the resources directory and the channel).
  given = parameters pkgs.stdenv.hostPlatform.system pkgs;
  resourceLib = library (
    given
    // {
      inherit (cfg)
        channel
        originator-pid-variable
        resources-directory
        sequential-start
        store-garbage-collection-root
        ;
      resources = { };
    }
  );
  releaseListener = "${resourceLib.release-listener}/bin/resource-release-listener";
  resolveListener = "${resourceLib.resolve-listener}/bin/resource-resolve-listener";
  redisUnit = if cfg.redis.enable then [ "resource-redis.service" ] else [ ];
  # A listener as a systemd service: after the private Redis when it runs, restarted always.
  listener = description: program: {
    inherit description;
    wantedBy = [ "multi-user.target" ];
    after = redisUnit;
    wants = redisUnit;
    environment = {
      RESOURCE_REDIS = cfg.redis.address;
      RESOURCE_LISTENER_INTERVAL = toString cfg.interval;
    };
    serviceConfig = {
      ExecStart = program;
      User = cfg.user;
      Group = cfg.group;
      Restart = "always";
      RestartSec = 1;
    };
  };
in
{
  options.services.resource-flake = {
    enable = lib.mkEnableOption "the resource flake's release and resolve listeners";
    channel = lib.mkOption {
      type = lib.types.str;
      default = given.channel;
      description = "Redis pub/sub channel of the lifecycle events.";
    };
    originator-pid-variable = lib.mkOption {
      type = lib.types.str;
      default = given.originator-pid-variable;
      description = "Name of the environment variable that carries the originator PID.";
    };
    resources-directory = lib.mkOption {
      type = lib.types.str;
      default = given.resources-directory;
      description = "Root of the resources' state (~/ is the service user's home).";
    };
    sequential-start = lib.mkOption {
      type = lib.types.ints.unsigned;
      default = given.sequential-start;
      description = "First value of the counter.";
    };
    store-garbage-collection-root = lib.mkOption {
      type = lib.types.str;
      default = given.store-garbage-collection-root;
      description = "Directory of the resources' GC-root links.";
    };
    redis.enable = lib.mkOption {
      type = lib.types.bool;
      default = settings.redis;
      description = "Whether to run a redis-server for the channel at redis.address.";
    };
    redis.address = lib.mkOption {
      type = lib.types.str;
      default = settings.redis-address;
      description = "Where Redis listens: HOST:PORT, or the absolute path of a Unix socket.";
    };
    interval = lib.mkOption {
      type = lib.types.ints.positive;
      default = settings.interval;
      description =
        "Seconds between two looks of a listener at the resources (a process that ends sends no event).";
    };
    user = lib.mkOption {
      type = lib.types.str;
      default = settings.user;
      description = "User the services run as (it must exist; it owns the resources directory).";
    };
    group = lib.mkOption {
      type = lib.types.str;
      default = settings.group;
      description = "Group the services run as.";
    };
  };
  config = lib.mkIf cfg.enable {
    systemd.services.resource-release-listener =
      listener "Releases resources nothing uses any more" releaseListener;
    systemd.services.resource-resolve-listener =
      listener "Quarantines resources whose init or release failed" resolveListener;
    systemd.services.resource-redis = lib.mkIf cfg.redis.enable {
      description = "Redis for the resource flake's lifecycle events";
      wantedBy = [ "multi-user.target" ];
      environment.RESOURCE_REDIS = cfg.redis.address;
      serviceConfig = {
        ExecStart = "${resourceLib.redis}/bin/resource-redis";
        User = cfg.user;
        Group = cfg.group;
        Restart = "always";
        RestartSec = 1;
      };
    };
  };
}
