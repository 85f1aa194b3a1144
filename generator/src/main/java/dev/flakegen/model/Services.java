package dev.flakegen.model;

import java.util.regex.Pattern;

/**
 * How the generated NixOS module runs the lifecycle services by default (each is an option of
 * {@code services.resource-flake} a NixOS configuration may change): whether it also runs a
 * private Redis, where Redis listens, how often the listeners look at the resources, and the user
 * and group the services run as (the user must own the resources directory the setups use).
 *
 * @param redis whether the module runs a redis-server for the channel
 * @param redisAddress {@code HOST:PORT} or the absolute path of a Unix socket ({@code RESOURCE_REDIS})
 * @param interval seconds between two looks of a listener, 1 to 3600
 * @param user the user the services run as
 * @param group the group the services run as
 */
public record Services(boolean redis, String redisAddress, int interval, String user, String group) {

  private static final Pattern ACCOUNT = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
  private static final Pattern ADDRESS = Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");

  /** A local Redis on 127.0.0.1:6379, a look every second, as root. */
  public static final Services DEFAULT = new Services(true, "127.0.0.1:6379", 1, "root", "root");

  /** Validates with the path {@code services}; see {@link #validate(String)}. */
  public Services {
    validate(redisAddress, interval, user, group, "services");
  }

  private static void validate(String redisAddress, int interval, String user, String group,
      String path) {
    Rules.required(redisAddress, path + ".redisAddress");
    if (!(redisAddress.startsWith("/") && redisAddress.indexOf('\0') < 0 && redisAddress.length() > 1)
        && !(ADDRESS.matcher(redisAddress).matches()
            && Integer.parseInt(redisAddress.substring(redisAddress.lastIndexOf(':') + 1)) <= 65535)) {
      throw Rules.fail(path + ".redisAddress", "must be HOST:PORT (port up to 65535) or the absolute"
          + " path of a Unix socket, was " + Rules.show(redisAddress));
    }
    if (interval < 1 || interval > 3600) {
      throw Rules.fail(path + ".interval", "must be 1 to 3600 seconds, was " + interval);
    }
    account(user, path + ".user");
    account(group, path + ".group");
  }

  private static void account(String name, String path) {
    Rules.required(name, path);
    if (!ACCOUNT.matcher(name).matches()) {
      throw Rules.fail(path, "must be a user or group name ([a-z_][a-z0-9_-]*, up to 32"
          + " characters), was " + Rules.show(name));
    }
  }

  /** A copy that runs no Redis of its own (one runs elsewhere, at {@link #redisAddress}). */
  public Services withoutRedis() {
    return new Services(false, redisAddress, interval, user, group);
  }

  /** A copy with Redis at ADDRESS. */
  public Services withRedisAddress(String address) {
    return new Services(redis, address, interval, user, group);
  }

  /** A copy whose listeners look every INTERVAL seconds. */
  public Services withInterval(int seconds) {
    return new Services(redis, redisAddress, seconds, user, group);
  }

  /** A copy running as USER and GROUP. */
  public Services runAs(String user, String group) {
    return new Services(redis, redisAddress, interval, user, group);
  }
}
