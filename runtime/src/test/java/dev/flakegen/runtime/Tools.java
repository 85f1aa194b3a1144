package dev.flakegen.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The commands the tests use, found on the test JVM's PATH, and the tool folder the programs get
 * instead of runtimeInputs: links to coreutils, findutils, flock, jq, redis-cli, redis-server and
 * nix-store, and {@code yq} (the host package set's yq-go stand-in, {@code hostpkgs/yq-go.py}),
 * only, so that a program using anything else fails its tests.
 */
final class Tools {

  /** The programs may use these and nothing else (besides bash builtins). */
  private static final List<String> ALLOWED = List.of(
      // coreutils
      "arch", "b2sum", "base32", "base64", "basename", "basenc", "cat", "chcon", "chgrp", "chmod",
      "chown", "chroot", "cksum", "comm", "cp", "csplit", "cut", "date", "dd", "df", "dir",
      "dircolors", "dirname", "du", "echo", "env", "expand", "expr", "factor", "false", "fmt",
      "fold", "groups", "head", "hostid", "id", "install", "join", "link", "ln", "logname", "ls",
      "md5sum", "mkdir", "mkfifo", "mknod", "mktemp", "mv", "nice", "nl", "nohup", "nproc",
      "numfmt", "od", "paste", "pathchk", "pinky", "pr", "printenv", "printf", "ptx", "pwd",
      "readlink", "realpath", "rm", "rmdir", "runcon", "seq", "sha1sum", "sha224sum", "sha256sum",
      "sha384sum", "sha512sum", "shred", "shuf", "sleep", "sort", "split", "stat", "stdbuf",
      "stty", "sum", "sync", "tac", "tail", "tee", "test", "timeout", "touch", "tr", "true",
      "truncate", "tsort", "tty", "uname", "unexpand", "uniq", "unlink", "users", "vdir", "wc",
      "who", "whoami", "yes",
      // findutils, util-linux, the rest
      "find", "xargs", "flock", "jq", "redis-cli", "redis-server", "nix-store");

  private static Path folder;

  private Tools() {}

  /** The absolute path of COMMAND on the JVM's PATH, if any. */
  static Optional<Path> find(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      path = "/usr/local/bin:/usr/bin:/bin";
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** COMMAND's path; fails the test (not skips) when it is missing. */
  static String require(String command) {
    return find(command)
        .orElseThrow(() -> new IllegalStateException(command + " is not installed (scripts/prerequisites)"))
        .toString();
  }

  /** COMMAND's path; skips the test with a message when it is missing. */
  static String assume(String command) {
    Optional<Path> found = find(command);
    Assumptions.assumeTrue(found.isPresent(), command + " is not installed; test skipped");
    return found.get().toString();
  }

  /** The folder of links to the allowed tools (created once per JVM). */
  static synchronized Path folder() {
    if (folder != null) {
      return folder;
    }
    try {
      Path created = Files.createTempDirectory("flakegen-tools-");
      for (String tool : ALLOWED) {
        Optional<Path> target = find(tool);
        if (target.isPresent()) {
          Files.createSymbolicLink(created.resolve(tool), target.get());
        }
      }
      // Debian's python3 (with python3-yaml), as hostpkgs uses it; not a shim earlier on PATH.
      Path yqGo = Path.of("../hostpkgs/yq-go.py").toAbsolutePath().normalize();
      Files2.executable(created.resolve("yq"), "#!/bin/sh\nexec /usr/bin/python3 " + yqGo + " \"$@\"\n");
      for (String needed : List.of("sha512sum", "flock", "jq", "redis-cli")) {
        if (!Files.exists(created.resolve(needed))) {
          throw new IllegalStateException(needed + " is not installed (scripts/prerequisites)");
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> Files2.deleteTree(created)));
      folder = created;
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
