package dev.flakegen.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real second local user for cross-user tests: created with {@code useradd} (no home, no login
 * shell) and removed with {@code userdel} on close. Needs root: {@link #available} says whether the
 * tests can make one.
 */
final class OtherUser implements AutoCloseable {

  final String name;
  final long uid;
  final long gid;

  private OtherUser(String name, long uid, long gid) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
  }

  /** Whether this test runs as root with useradd and setpriv at hand. */
  static boolean available() {
    return "root".equals(System.getProperty("user.name")) && Tools.find("useradd").isPresent()
        && Tools.find("setpriv").isPresent();
  }

  /** Creates a new user (a random name). */
  static OtherUser create() {
    String name = "fgt" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    command(List.of(Tools.require("useradd"), "-M", "-N", "-s", "/usr/sbin/nologin", name));
    long uid = Long.parseLong(command(List.of("id", "-u", name)).strip());
    long gid = Long.parseLong(command(List.of("id", "-g", name)).strip());
    return new OtherUser(name, uid, gid);
  }

  /** COMMAND… run as this user (no supplementary groups): exit status, then standard output. */
  Run.Result run(String... command) {
    List<String> line = new ArrayList<>(List.of(Tools.require("setpriv"), "--reuid=" + uid,
        "--regid=" + gid, "--clear-groups", "--"));
    line.addAll(List.of(command));
    Run run = Run.of(Path.of(line.get(0)));
    run.args(line.subList(1, line.size()));
    return run.run();
  }

  /** Gives PATH (and, recursively, what is below) to this user. */
  void own(Path path) {
    command(List.of("chown", "-R", "-h", uid + ":" + gid, path.toString()));
  }

  @Override
  public void close() {
    command(List.of(Tools.require("userdel"), name));
  }

  private static String command(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
