package dev.flakegen.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code nix} on generated flakes, offline: flakes enabled, no substituters, and the
 * flake's {@code nixpkgs} input replaced by a local package set (the host set here, or any nixpkgs
 * checkout).
 */
public final class NixTool {

  /** {@code NIX_CONFIG} for every call: flakes on, no binary cache to wait for. */
  public static final String NIX_CONFIG =
      "experimental-features = nix-command flakes\nsubstituters =";

  private final Path nixpkgs;

  /** A runner that overrides every flake's {@code nixpkgs} input with the folder {@code nixpkgs}. */
  public NixTool(Path nixpkgs) {
    this.nixpkgs = nixpkgs.toAbsolutePath().normalize();
  }

  /** What a finished {@code nix} call printed, and its exit status. */
  public record Result(int status, String standardOutput, String standardError) {

    /** The last lines of standard error, for a one-paragraph failure message. */
    public String errorTail() {
      String[] lines = standardError.strip().split("\n");
      StringBuilder tail = new StringBuilder();
      for (int i = Math.max(0, lines.length - 12); i < lines.length; i++) {
        if (!lines[i].startsWith("warning: ") && !lines[i].contains("Added input")
            && !lines[i].startsWith("    'path:")) {
          tail.append(lines[i]).append('\n');
        }
      }
      return tail.toString().strip();
    }
  }

  /** {@code nix flake check path:FLAKE} with the override. */
  public Result flakeCheck(Path flake) throws IOException, InterruptedException {
    return nix(List.of("flake", "check", flakeUrl(flake)));
  }

  /** {@code nix build path:FLAKE#ATTRIBUTE -o LINK} with the override; the link names the output. */
  public Result build(Path flake, String attribute, Path link)
      throws IOException, InterruptedException {
    return nix(List.of("build", flakeUrl(flake) + "#" + attribute, "-o", link.toString()));
  }

  /** {@code nix eval --raw path:FLAKE#EXPRESSION} with the override. */
  public Result evalRaw(Path flake, String attribute) throws IOException, InterruptedException {
    return nix(List.of("eval", "--raw", flakeUrl(flake) + "#" + attribute));
  }

  private static String flakeUrl(Path flake) {
    return "path:" + flake.toAbsolutePath().normalize();
  }

  private Result nix(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("nix");
    command.addAll(arguments);
    command.add("--override-input");
    command.add("nixpkgs");
    command.add("path:" + nixpkgs);
    Path errors = Files.createTempFile("flakegen-nix", ".err");
    try {
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectError(errors.toFile());
      builder.environment().put("NIX_CONFIG", NIX_CONFIG);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(Duration.ofMinutes(20).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish in 20 minutes");
      }
      return new Result(process.exitValue(), output, Files.readString(errors));
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
