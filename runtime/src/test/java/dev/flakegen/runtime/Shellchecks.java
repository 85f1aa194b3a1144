package dev.flakegen.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The ShellCheck versions the runtime programs must satisfy: the installed one (Debian bookworm's
 * 0.9), Debian trixie's 0.10 (what nixpkgs 25.05's writeShellApplication runs) and Debian sid's
 * 0.11 (nixpkgs after 25.05), the last two made once and cached by {@code
 * scripts/shellcheck-debian}. A test fails, naming why, when one cannot be had.
 */
final class Shellchecks {

  /** One ShellCheck: what the tests call it and how to run it. */
  record Shellcheck(String name, Path program) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final ConcurrentMap<String, Path> MADE = new ConcurrentHashMap<>();

  private Shellchecks() {}

  /** The names of every version, for parameterized tests ("installed", "trixie", "sid"). */
  static List<String> names() {
    return List.of("installed", "trixie", "sid");
  }

  /** The ShellCheck called {@code name} (see {@link #names()}), made on first use. */
  static Shellcheck get(String name) {
    if (name.equals("installed")) {
      return new Shellcheck(name, Path.of(Tools.require("shellcheck")));
    }
    return new Shellcheck(name, MADE.computeIfAbsent(name, Shellchecks::make));
  }

  /** All of them. */
  static List<Shellcheck> all() {
    List<Shellcheck> all = new ArrayList<>();
    for (String name : names()) {
      all.add(get(name));
    }
    return all;
  }

  private static Path make(String suite) {
    Path script = Path.of("../scripts/shellcheck-debian").toAbsolutePath().normalize();
    try {
      Path log = Files.createTempFile("flakegen-shellcheck-", ".log");
      try {
        Process process = new ProcessBuilder(script.toString(), suite)
            .redirectError(log.toFile())
            .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
            .trim();
        int status = process.waitFor();
        if (status != 0 || out.isEmpty()) {
          throw new IllegalStateException("cannot get Debian " + suite + "'s ShellCheck (" + script
              + " " + suite + " exited with " + status + "): " + Files.readString(log));
        }
        return Path.of(out);
      } finally {
        Files.deleteIfExists(log);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
