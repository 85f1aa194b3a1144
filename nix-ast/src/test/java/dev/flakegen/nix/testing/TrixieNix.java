package dev.flakegen.nix.testing;

import dev.flakegen.testing.nix.NixSettings;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Nix 2.26 as a test oracle: {@code nix-instantiate --parse} inside the Debian trixie root that
 * {@code scripts/debian-root trixie} makes once and caches, entered with bubblewrap. One long-lived
 * shell per configuration runs Nix for each file it is sent (starting bubblewrap per file would
 * cost as much again), and answers with a header {@code STATUS OUTBYTES ERRBYTES} and the bytes.
 * The repository and {@code /tmp} are bound at their own paths, so files keep their names and Nix
 * resolves relative paths as on the host.
 */
final class TrixieNix {

  private static final String LOOP = String.join("\n",
      "d=$(mktemp -d)",
      "while IFS= read -r f; do",
      "  nix-instantiate --parse \"$f\" >\"$d/o\" 2>\"$d/e\"; s=$?",
      "  printf '%s %s %s\\n' \"$s\" \"$(stat -c %s \"$d/o\")\" \"$(stat -c %s \"$d/e\")\"",
      "  cat \"$d/o\" \"$d/e\"",
      "done");

  private static final Object LOCK = new Object();
  private static final TrixieNix[] RUNNING = new TrixieNix[2];

  private final Process process;
  private final OutputStream requests;
  private final DataInputStream answers;

  private TrixieNix(boolean pipeOperators) {
    Path repository = repository();
    Path root = root(repository);
    // The trixie settings, with only the parser's feature (or none) on.
    String config = NixSettings.trixie()
        .withExperimentalFeatures(pipeOperators ? "pipe-operators" : "").config();
    List<String> command = new ArrayList<>(List.of("bwrap", "--bind", root.toString(), "/",
        "--proc", "/proc", "--dev", "/dev", "--bind", "/tmp", "/tmp"));
    String tmp = System.getProperty("java.io.tmpdir");
    if (!Path.of(tmp).toAbsolutePath().normalize().startsWith("/tmp")) {
      command.addAll(List.of("--bind", tmp, tmp));
    }
    command.addAll(List.of("--bind", repository.toString(), repository.toString(),
        "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/root",
        "--setenv", "NIX_CONFIG", config, "--", "bash", "-c", LOOP));
    try {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start bubblewrap for the trixie root: " + e, e);
    }
    requests = new BufferedOutputStream(process.getOutputStream());
    answers = new DataInputStream(process.getInputStream());
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
  }

  /** {@code nix-instantiate --parse FILE} of Nix 2.26. */
  static NixOracle.Result parse(Path file, boolean pipeOperators) {
    synchronized (LOCK) {
      int slot = pipeOperators ? 1 : 0;
      if (RUNNING[slot] == null || !RUNNING[slot].process.isAlive()) {
        RUNNING[slot] = new TrixieNix(pipeOperators);
      }
      return RUNNING[slot].ask(file.toAbsolutePath());
    }
  }

  private NixOracle.Result ask(Path file) {
    try {
      requests.write((file + "\n").getBytes(StandardCharsets.UTF_8));
      requests.flush();
      String[] header = readLine(answers).split(" ");
      byte[] out = new byte[Integer.parseInt(header[1])];
      answers.readFully(out);
      byte[] err = new byte[Integer.parseInt(header[2])];
      answers.readFully(err);
      return new NixOracle.Result(Integer.parseInt(header[0]), out,
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Nix 2.26 in the trixie root stopped answering", e);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("end of output");
      }
      line.append((char) c);
    }
    return line.toString();
  }

  private static Path repository() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("scripts/debian-root"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("scripts/debian-root not found above " + Path.of("")
          .toAbsolutePath());
    }
    return dir;
  }

  /** The cached root (made on first use: a few minutes, needs root and Debian's mirror). */
  private static Path root(Path repository) {
    try {
      Process make = new ProcessBuilder(repository.resolve("scripts/debian-root").toString(),
          "trixie").redirectError(ProcessBuilder.Redirect.INHERIT).start();
      make.getOutputStream().close();
      String path = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
          .trim();
      if (!make.waitFor(30, TimeUnit.MINUTES) || make.exitValue() != 0) {
        throw new IllegalStateException("scripts/debian-root trixie failed");
      }
      return Path.of(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
