# The NixOS module of a flakegen resource flake: the release and resolve listeners, and a private
# Redis for the channel, as systemd services (generator/README.md has the contract).
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
  given = parameters pkgs;
  resourceLib = library (given // {
    inherit (cfg)
      channel
      originator-pid-variable
      resources-directory
      sequential-start
      store-garbage-collection-root
      ;
    resources = { };
  });
  option =
    type: default: description:
    lib.mkOption { inherit type default description; };
  redisUnit = if cfg.redis.enable then [ "resource-redis.service" ] else [ ];
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
    channel = option lib.types.str given.channel "Redis pub/sub channel of the lifecycle events.";
    originator-pid-variable =
      option lib.types.str given.originator-pid-variable
        "Name of the environment variable that carries the originator PID.";
    resources-directory =
      option lib.types.str given.resources-directory
        "Root of the resources' state (~/ is the service user's home).";
    sequential-start = option lib.types.ints.unsigned given.sequential-start "First value of the counter.";
    store-garbage-collection-root =
      option lib.types.str given.store-garbage-collection-root
        "Directory of the resources' GC-root links.";
    redis = {
      enable = option lib.types.bool settings.redis "Whether to run a redis-server for the channel at redis.address.";
      address =
        option lib.types.str settings.redis-address
          "Where Redis listens: HOST:PORT, or the absolute path of a Unix socket.";
    };
    interval =
      option lib.types.ints.positive settings.interval
        "Seconds between two looks of a listener at the resources (a process that ends sends no event).";
    user = option lib.types.str settings.user "User the services run as (it must exist; it owns the resources).";
    group = option lib.types.str settings.group "Group the services run as.";
  };
  config = lib.mkIf cfg.enable {
    systemd.services.resource-release-listener =
      listener "Releases resources nothing uses any more"
        "${resourceLib.release-listener}/bin/resource-release-listener";
    systemd.services.resource-resolve-listener =
      listener "Quarantines resources whose init or release failed"
        "${resourceLib.resolve-listener}/bin/resource-resolve-listener";
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
