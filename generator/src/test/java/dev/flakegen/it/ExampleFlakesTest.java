package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.examples.Examples;
import dev.flakegen.testing.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in example flakes pass {@code nix flake check} against the host package set: every
 * check derivation of each is built, running its setup (and init, in bubblewrap) in the build.
 */
class ExampleFlakesTest {

  static List<String> examples() {
    return StreamSupport.stream(Examples.names().spliterator(), false).toList();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void passesNixFlakeCheck(String example) {
    Path flake = Path.of("..", "examples", example).toAbsolutePath().normalize();
    List<String> command = new ArrayList<>(List.of("nix", "flake", "check", "path:" + flake,
        "--override-input", "nixpkgs", "path:" + BuiltFlake.HOST_PACKAGES));
    Tools.Result result = Tools.run(command, flake, null, Map.of(), Duration.ofMinutes(20));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }
}
