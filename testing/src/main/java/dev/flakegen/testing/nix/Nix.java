package dev.flakegen.testing.nix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tests' one runner of the real Nix (and of the programs the tests run next to it): a command
 * runs with the {@link NixSettings}' {@code NIX_CONFIG}, without {@code NIX_PATH}, in {@code
 * C.UTF-8}, its output read while it runs. A missing program fails the test naming {@code
 * scripts/prerequisites}; tests that need Nix are tagged {@code @NixTest}.
 *
 * <pre>{@code
 * Nix nix = Nix.host();
 * Object value = Json.parse(nix.run(List.of("nix-instantiate", "--eval", "--json", file)).ok("eval").out());
 * }</pre>
 */
public final class Nix {

  /** How long a command may run unless told otherwise. */
  public static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final NixSettings settings;

  private Nix(NixSettings settings) {
    this.settings = settings;
  }

  /** A runner with {@code settings}. */
  public static Nix with(NixSettings settings) {
    return new Nix(settings);
  }

  /** Nix 2.8 on the host ({@link NixSettings#HOST}). */
  public static Nix host() {
    return new Nix(NixSettings.HOST);
  }

  /** The settings. */
  public NixSettings settings() {
    return settings;
  }

  /** What a process did. */
  public record Result(int exitCode, byte[] stdout, String stderr) {

    /** Standard output as UTF-8. */
    public String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** This result; fails, showing both outputs, unless the process exited with 0. */
    public Result ok(String what) {
      if (exitCode != 0) {
        throw new AssertionError(
            what + " exited with " + exitCode + ":\n" + stderr + "\nstdout:\n" + out());
      }
      return this;
    }
  }

  /** Runs {@code command} (in the working directory, no input). */
  public Result run(List<String> command) {
    return run(command, null, null, Map.of(), TIMEOUT);
  }

  /** Runs {@code command} in {@code directory} with {@code input} on standard input. */
  public Result run(
      List<String> command, Path directory, byte[] input, Map<String, String> environment) {
    return run(command, directory, input, environment, TIMEOUT);
  }

  /**
   * Runs {@code command} (after the settings' prefix) in {@code directory} (null: the working
   * directory) with {@code input} (null: none) and {@code environment} added; fails after {@code
   * timeout}, killing the process.
   */
  public Result run(
      List<String> command,
      Path directory,
      byte[] input,
      Map<String, String> environment,
      Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(settings.command(command));
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    builder.environment().put("NIX_CONFIG", settings.config());
    builder.environment().remove("NIX_PATH");
    builder.environment().put("LC_ALL", "C.UTF-8");
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> out =
          CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      try (OutputStream stdin = process.getOutputStream()) {
        if (input != null) {
          stdin.write(input);
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError(command + " timed out after " + timeout);
      }
      return new Result(
          process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run "
              + command.get(0)
              + " with "
              + settings.name()
              + " (install it with scripts/prerequisites)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** {@code nix-instantiate ARGS…}'s standard output, stripped; fails on a non-zero exit. */
  public String instantiate(String... args) {
    List<String> command = new ArrayList<>(List.of("nix-instantiate"));
    command.addAll(List.of(args));
    return run(command).ok(String.join(" ", command)).out().strip();
  }

  private static byte[] read(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
