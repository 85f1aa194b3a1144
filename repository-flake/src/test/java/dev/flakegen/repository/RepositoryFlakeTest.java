package dev.flakegen.repository;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.nix.NixSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own checked-in flake (the top-level {@code flake.nix} and the files it
 * imports) exports the resource-flake {@code lib} and passes {@code nix flake check} against the
 * host package set. That it is what {@link RepositoryFlake} renders is {@code flakegen:check}'s
 * job, in {@code verify}.
 */
@NixTest
class RepositoryFlakeTest {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  @TempDir
  Path flake;

  private record Result(int status, String output) {}

  private Result nix(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("nix"));
    command.addAll(List.of(arguments));
    command.addAll(List.of("--override-input", "nixpkgs",
        "path:" + REPOSITORY.resolve("hostpkgs").toRealPath()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("NIX_CONFIG", NixSettings.CONFIG);
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private void copyTheFlake() throws IOException {
    for (String file : List.of("flake.nix", "lib.nix", "module.nix", "scripts.nix")) {
      Files.copy(REPOSITORY.resolve(file), flake.resolve(file));
    }
  }

  @Test
  void exportsTheLibAndTheProjectsChecks() throws Exception {
    copyTheFlake();
    Result lib = nix("eval", "path:" + flake + "#lib", "--apply", "builtins.isFunction");
    assertThat(lib.status()).as(lib.output()).isZero();
    assertThat(lib.output().strip()).as(lib.output()).endsWith("true");
    Result checks = nix("eval", "--json", "path:" + flake + "#checks.x86_64-linux",
        "--apply", "builtins.attrNames");
    assertThat(checks.status()).as(checks.output()).isZero();
    assertThat(checks.output().strip()).endsWith("[\"greeting-hit\",\"greeting-miss\","
        + "\"greeting-released\",\"rejected-accepted\",\"stamp-anew\"]");
  }

  @Test
  void passesNixFlakeCheck() throws Exception {
    copyTheFlake();
    Result check = nix("flake", "check", "path:" + flake);
    assertThat(check.status()).as(check.output()).isZero();
  }
}
