package dev.flakegen.nix.testing;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.testing.nix.NixSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Nix as the test oracle: runs {@code nix-instantiate} (Nix 2.8) with the settings the
 * spec was verified under (no experimental features, no substituters) and reports what it said.
 * Tests fail, rather than skip, when Nix is missing: CI installs it.
 */
public final class NixOracle {

  private static final Pattern POSITION = Pattern.compile("^\\s*at (.*):(\\d+):(\\d+):");

  private NixOracle() {}

  /** What one {@code nix-instantiate} run printed. */
  public record Result(int exitCode, byte[] stdout, String stderr) {

    public boolean accepted() {
      return exitCode == 0;
    }

    /** The output without its final newline. */
    public byte[] line() {
      int n = stdout.length;
      return n > 0 && stdout[n - 1] == '\n' ? java.util.Arrays.copyOf(stdout, n - 1) : stdout;
    }

    /** The first error message without its {@code error: } prefix. */
    public String message() {
      String first = stderr.lines().findFirst().orElse("");
      return first.startsWith("error: ") ? first.substring(7) : first;
    }

    /** {@code LINE:COL} of the error, or "" if Nix printed none. */
    public String position() {
      for (String line : stderr.lines().toList()) {
        Matcher m = POSITION.matcher(line);
        if (m.find()) {
          return m.group(2) + ":" + m.group(3);
        }
      }
      return "";
    }
  }

  /** {@code nix-instantiate --parse FILE}. */
  public static Result parse(Path file) {
    return run(List.of("nix-instantiate", "--parse", file.toString()));
  }

  /**
   * {@code nix-instantiate --parse FILE} of {@code dialect}'s Nix: 2.8 on the host, 2.26 in the
   * cached Debian trixie root ({@link TrixieNix}), with the dialect's experimental features.
   */
  public static Result parse(Path file, NixDialect dialect) {
    if (dialect.version() == NixVersion.NIX_2_8) {
      return parse(file);
    }
    return TrixieNix.parse(file, dialect.pipeOperators());
  }

  /** {@code nix-instantiate --eval --strict FILE}. */
  public static Result eval(Path file) {
    return run(List.of("nix-instantiate", "--eval", "--strict", file.toString()));
  }

  /** {@code nix-instantiate --eval --strict --json FILE}. */
  public static Result evalJson(Path file) {
    return run(List.of("nix-instantiate", "--eval", "--strict", "--json", file.toString()));
  }

  /** Runs a Nix command with the test settings. */
  public static Result run(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    Map<String, String> env = builder.environment();
    env.put("NIX_CONFIG", NixSettings.HOST_PLAIN.config());
    env.remove("NIX_PATH");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      byte[][] out = new byte[2][];
      Thread errReader = new Thread(() -> out[1] = readAll(process.getErrorStream()));
      errReader.start();
      out[0] = readAll(process.getInputStream());
      errReader.join();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(process.exitValue(), out[0], new String(out[1], StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + " (" + e.getMessage()
          + "); install Nix with scripts/prerequisites", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      in.transferTo(buffer);
      return buffer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
