package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.examples.Examples;
import dev.flakegen.testing.NixTest;
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
 * Nix prints no warning about them (today's Nix warns, e.g., about an app without {@code meta});
 * the one about not writing a lock file comes from the test's {@code --override-input}, Nix
 * 2.8 does not know the standard output {@code lib} yet, and no Nix knows flakegen's own output
 * {@code resources} (the resources offered to other flakes).
 */
@NixTest
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
    boolean knowsLib = !nixVersion().startsWith("2.8.");
    List<String> warnings = result.stderr().lines()
        .filter(line -> line.startsWith("warning:"))
        .filter(line -> !line.startsWith("warning: not writing modified lock file of flake"))
        .filter(line -> knowsLib || !line.equals("warning: unknown flake output 'lib'"))
        .filter(line -> !line.equals("warning: unknown flake output 'resources'"))
        .toList();
    assertThat(warnings).as("nix %s: %s", nixVersion(), result.stderr()).isEmpty();
  }

  /** The version of the {@code nix} on the PATH, e.g. {@code 2.26.3}. */
  static String nixVersion() {
    String out = Tools.run(List.of("nix", "--version"), Path.of("."), null, Map.of(),
        Duration.ofMinutes(1)).ok("nix --version").out().strip();
    return out.substring(out.lastIndexOf(' ') + 1);
  }
}
