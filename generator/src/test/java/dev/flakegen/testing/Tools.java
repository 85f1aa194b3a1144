package dev.flakegen.testing;

import dev.flakegen.testing.json.Json;
import dev.flakegen.testing.nix.Nix;
import dev.flakegen.testing.nix.NixSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real tools as test oracles: Nix 2.8 ({@code nix-instantiate}), bash and shellcheck (0.9,
 * 0.10 and 0.11). Tests fail, rather than skip, when a tool is missing: {@code
 * scripts/prerequisites} installs them.
 */
public final class Tools {

  /** The Nix settings of the tests: {@link NixSettings#CONFIG}. */
  public static final String NIX_CONFIG = NixSettings.CONFIG;

  private Tools() {}

  /** What a process did. */
  public record Result(int exitCode, byte[] stdout, String stderr) {
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Fails unless the process exited with 0. */
    public Result ok(String what) {
      if (exitCode != 0) {
        throw new AssertionError(what + " exited with " + exitCode + ":\n" + stderr
            + "\nstdout:\n" + out());
      }
      return this;
    }
  }

  /** Runs {@code command} in {@code directory} with {@code input} on standard input. */
  public static Result run(List<String> command, Path directory, byte[] input,
      Map<String, String> environment) {
    return run(command, directory, input, environment, Duration.ofSeconds(120));
  }

  /** As above, failing after {@code timeout}: the test kit's {@link Nix} runner (Nix 2.8). */
  public static Result run(List<String> command, Path directory, byte[] input,
      Map<String, String> environment, Duration timeout) {
    Nix.Result result = Nix.host().run(command, directory, input, environment, timeout);
    return new Result(result.exitCode(), result.stdout(), result.stderr());
  }

  /** {@code nix-instantiate --eval --strict --json FILE}, parsed. */
  public static Object nixJson(Path file) {
    Result result = run(List.of("nix-instantiate", "--eval", "--strict", "--json",
        file.toString()), file.getParent(), null, Map.of()).ok("nix-instantiate " + file);
    return Json.parse(result.out());
  }

  /** {@code bash FILE ARGS…}. */
  public static Result bash(Path script, List<String> arguments, byte[] input) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(arguments);
    return run(command, script.getParent(), input, Map.of());
  }

  /**
   * {@code shellcheck -f gcc FILE…} (all severities, as writeShellApplication runs it) with every
   * ShellCheck the generated shell must satisfy: the installed one (bookworm's 0.9), Debian
   * trixie's 0.10 (nixpkgs 25.05) and sid's 0.11 (nixpkgs after 25.05), the last two made once and
   * cached by {@code scripts/shellcheck-debian}. The output is each version's findings, each line
   * prefixed with the version's name; the exit code the largest.
   */
  public static Result shellcheck(List<Path> files) {
    StringBuilder findings = new StringBuilder();
    StringBuilder errors = new StringBuilder();
    int exitCode = 0;
    for (String version : List.of("installed", "trixie", "sid")) {
      List<String> command = new ArrayList<>(List.of(shellcheckProgram(version), "-f", "gcc"));
      for (Path file : files) {
        command.add(file.toString());
      }
      Result result = run(command, null, null, Map.of());
      for (String line : result.out().split("\n")) {
        if (!line.isEmpty()) {
          findings.append(version).append(": ").append(line).append('\n');
        }
      }
      errors.append(result.stderr());
      exitCode = Math.max(exitCode, result.exitCode());
    }
    return new Result(exitCode, findings.toString().getBytes(StandardCharsets.UTF_8),
        errors.toString());
  }

  private static final Map<String, String> SHELLCHECKS = new ConcurrentHashMap<>();

  /** The program of a ShellCheck version ("installed", "trixie", "sid"); fails naming why. */
  public static String shellcheckProgram(String version) {
    if (version.equals("installed")) {
      return "shellcheck";
    }
    return SHELLCHECKS.computeIfAbsent(version, suite -> {
      Path script = Path.of("../scripts/shellcheck-debian").toAbsolutePath().normalize();
      Result made = run(List.of(script.toString(), suite), null, null, Map.of(),
          Duration.ofMinutes(5));
      if (made.exitCode() != 0 || made.out().isBlank()) {
        throw new IllegalStateException("cannot get Debian " + suite + "'s ShellCheck ("
            + script + " " + suite + " exited with " + made.exitCode() + "): " + made.stderr());
      }
      return made.out().trim();
    });
  }
}
