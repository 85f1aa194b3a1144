package dev.flakegen.maven;

import dev.flakegen.nixdriver.Installable;
import dev.flakegen.nixdriver.NixDriver;
import dev.flakegen.nixdriver.NixDriverException;
import dev.flakegen.nixdriver.NixFailureException;
import dev.flakegen.nixdriver.NixNotFoundException;
import dev.flakegen.nixdriver.NixTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * {@code nix flake check path:DIR} for {@code flakegen:generate -Dflakegen.build}, through
 * {@link NixDriver#checkFlake}: flakes enabled in {@code NIX_CONFIG} (after the caller's own
 * settings), inputs overridden as configured, Nix's log in the build log, its last lines in the
 * failure.
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
    String inherited = System.getenv("NIX_CONFIG");
    NixDriver.Builder builder = NixDriver.builder()
        .config(inherited == null ? "" : inherited)
        .addConfig("experimental-features = nix-command flakes")
        .timeout(Duration.ofSeconds(timeoutSeconds));
    if (nixConfig != null && !nixConfig.isBlank()) {
      builder.addConfig(nixConfig);
    }
    if (nix.indexOf('/') >= 0) {
      builder.binDirectory(Path.of(nix).toAbsolutePath().getParent());
    }
    Installable installable = Installable.of("path:" + flake.toAbsolutePath().normalize());
    for (Map.Entry<String, String> input : overrideInputs.entrySet()) {
      installable = installable.withOverrideInput(input.getKey(), input.getValue());
    }
    log.info("flakegen: nix flake check " + folder);
    try {
      builder.build().checkFlake(installable, line -> log.info("nix: " + line));
    } catch (NixNotFoundException e) {
      log.warn("flakegen: " + nix + " is not on the PATH, so " + folder + " was not built (install"
          + " Nix, e.g. `apt-get install nix-bin` on Debian, or set flakegen.nix)");
    } catch (NixTimeoutException e) {
      throw new MojoFailureException("flakegen: nix flake check " + folder + " took longer"
          + " than " + timeoutSeconds + " s (flakegen.buildTimeout) and was stopped", e);
    } catch (NixFailureException e) {
      String[] lines = e.standardError().strip().split("\n");
      String tail = String.join("\n",
          Arrays.copyOfRange(lines, Math.max(0, lines.length - TAIL), lines.length));
      throw new MojoFailureException("flakegen: nix flake check " + folder + " failed (exit "
          + e.exitStatus() + "):\n" + tail, e);
    } catch (NixDriverException e) {
      throw new MojoExecutionException("flakegen: nix flake check " + folder + ": " + e.getMessage(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("flakegen: interrupted while nix checked " + folder, e);
    }
  }
}
