package dev.flakegen.maven;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code nix flake check path:DIR} for {@code flakegen:generate -Dflakegen.build}: flakes enabled
 * through {@code NIX_CONFIG} (added to the caller's), inputs overridden as configured, Nix's
 * output in the build log, its last lines in the failure.
 */
final class NixFlakeCheck {

  private static final int TAIL = 40;

  private final String nix;
  private final String nixConfig;
  private final Map<String, String> overrideInputs;
  private final int timeoutSeconds;
  private final Log log;

  NixFlakeCheck(String nix, String nixConfig, Map<String, String> overrideInputs,
      int timeoutSeconds, Log log) {
    this.nix = nix;
    this.nixConfig = nixConfig;
    this.overrideInputs = overrideInputs == null ? Map.of() : new TreeMap<>(overrideInputs);
    this.timeoutSeconds = timeoutSeconds;
    this.log = log;
  }

  void run(Path flake, String folder) throws MojoExecutionException, MojoFailureException {
    String program = locate();
    if (program == null) {
      log.warn("flakegen: " + nix + " is not on the PATH, so " + folder + " was not built (install"
          + " Nix, e.g. `apt-get install nix-bin` on Debian, or set flakegen.nix)");
      return;
    }
    List<String> command = new ArrayList<>(List.of(program, "flake", "check",
        "path:" + flake.toAbsolutePath().normalize()));
    overrideInputs.forEach((input, reference) -> command.addAll(List.of("--override-input",
        input, reference)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    String inherited = System.getenv("NIX_CONFIG");
    builder.environment().put("NIX_CONFIG", (inherited == null ? "" : inherited + "\n")
        + "experimental-features = nix-command flakes"
        + (nixConfig == null || nixConfig.isBlank() ? "" : "\n" + nixConfig));
    log.info("flakegen: nix flake check " + folder);
    Deque<String> tail = new ArrayDeque<>();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new MojoExecutionException("flakegen: cannot run " + program + ": " + e, e);
    }
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          log.info("nix: " + line);
          synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL) {
              tail.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        log.debug("flakegen: reading nix's output: " + e);
      }
    }, "flakegen-nix-output");
    reader.start();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new MojoFailureException("flakegen: nix flake check " + folder + " took longer"
            + " than " + timeoutSeconds + " s (flakegen.buildTimeout) and was stopped");
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("flakegen: interrupted while nix checked " + folder, e);
    }
    if (process.exitValue() != 0) {
      String last;
      synchronized (tail) {
        last = String.join("\n", tail);
      }
      throw new MojoFailureException("flakegen: nix flake check " + folder + " failed (exit "
          + process.exitValue() + "):\n" + last);
    }
  }

  /** The program: {@code nix} itself when it contains a '/', else found on the PATH; or null. */
  private String locate() {
    if (nix.indexOf('/') >= 0) {
      return Files.isExecutable(Path.of(nix)) ? nix : null;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String folder : path.split(File.pathSeparator)) {
      if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, nix))) {
        return Path.of(folder, nix).toString();
      }
    }
    return null;
  }
}
