package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;

import dev.flakegen.nix.ast.Expr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** What the tests share: a driver, the repository's examples and host package set, derivations. */
final class Fixtures {

  static final NixDriver NIX = NixDriver.builder().timeout(Duration.ofSeconds(120)).build();

  static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

  static final String HOSTPKGS = "path:" + REPOSITORY.resolve("hostpkgs");

  private Fixtures() {}

  /** {@code path:examples/NAME#ATTRIBUTE} with nixpkgs replaced by the host package set. */
  static Installable example(String name, String attribute) {
    return Installable.of("path:" + REPOSITORY.resolve("examples").resolve(name) + "#" + attribute)
        .withOverrideInput("nixpkgs", HOSTPKGS);
  }

  /**
   * A name no other test or run uses, so what is built under it can be deleted safely (after the
   * dash a letter, so Nix takes no part of it for a version and prefixes log lines with all of it).
   */
  static String unique(String prefix) {
    return prefix + "-n" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** A derivation whose builder is {@code /bin/sh -c SCRIPT}, plus the attributes in {@code extra}. */
  static Expr derivation(String name, String script) {
    return derivation(name, script, java.util.Map.of());
  }

  /** Like {@link #derivation(String, String)}, with more attributes. */
  static Expr derivation(String name, String script, java.util.Map<String, Expr> extra) {
    var attributes = set()
        .attr("name", string(name))
        .attr("system", select(variable("builtins"), "currentSystem"))
        .attr("builder", string("/bin/sh"))
        .attr("args", list(string("-c"), string(script)));
    for (var entry : extra.entrySet()) {
      attributes = attributes.attr(entry.getKey(), entry.getValue());
    }
    return apply(variable("derivation"), attributes.build());
  }

  /** Runs {@code nix-store ARGUMENTS} with the driver's settings; returns its output. */
  static String nixStore(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("nix-store"));
    command.addAll(List.of(arguments));
    return run(command);
  }

  /** Runs {@code command}; returns standard output and error; fails on a non-zero status. */
  static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NIX_CONFIG", NixDriver.DEFAULT_CONFIG);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int status = process.waitFor();
    if (status != 0) {
      throw new IOException(command + " exited with " + status + ": " + output);
    }
    return output;
  }

  /** The processes whose command line contains {@code text}. */
  static List<String> processesMentioning(String text) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!entry.getFileName().toString().matches("[0-9]+")) {
          continue;
        }
        try {
          String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline")),
              StandardCharsets.UTF_8).replace('\0', ' ');
          if (commandLine.contains(text)) {
            found.add(entry.getFileName() + ": " + commandLine);
          }
        } catch (IOException e) {
          // the process has exited meanwhile
        }
      }
    }
    return found;
  }
}
