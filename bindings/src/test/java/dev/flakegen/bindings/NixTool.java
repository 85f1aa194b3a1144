package dev.flakegen.bindings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code nix-instantiate} as the oracle, with the project's Nix settings. */
final class NixTool {

  private NixTool() {}

  /** What {@code nix-instantiate ARGS} printed on standard output; fails on a non-zero exit. */
  static String instantiate(String... args) {
    List<String> command = new ArrayList<>(List.of("nix-instantiate"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("NIX_CONFIG",
        "experimental-features = nix-command flakes\nsubstituters =");
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process process = builder.start();
      var err = process.getErrorStream();
      byte[] out = process.getInputStream().readAllBytes();
      String error = new String(err.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(command + " failed:\n" + error);
      }
      return new String(out, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
