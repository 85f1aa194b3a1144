package dev.flakegen.render;

import static dev.flakegen.model.ModelFixtures.flake;
import static dev.flakegen.model.ModelFixtures.implementation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ModelException;
import dev.flakegen.output.FileSet;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 9: an originator PID variable named after something bash or the runtime reads
 * ({@code BASH_ENV} made init's bash source a file; {@code PATH} broke every setup) is refused by
 * the Java model and by lib.nix (evaluated by nix-instantiate), with the same rule in the message.
 */
@NixTest
class ReservedNamesTest {

  static final List<String> REFUSED = List.of("BASH_ENV", "ENV", "PATH", "IFS", "SHELLOPTS",
      "BASHOPTS", "HOME", "PS4", "PROMPT_COMMAND", "LD_PRELOAD", "LC_ALL", "NIX_PATH",
      "RESOURCE_REDIS", "RESOURCES_DIRECTORY", "RESOURCE_ORIGINATOR_PID_VARIABLE",
      "RESOLUTION_NAME", "REDISCLI_AUTH", "FLAKEGEN_ITEM", "_", "TMPDIR", "pid", "Pid");
  static final List<String> ACCEPTED = List.of("PID", "ORIGINATOR_PID", "HELLO_ORIGINATOR_PID",
      "FLAKEGEN_EXAMPLE_ORIGINATOR_PID_5B1F0C", "_PID", "X");

  /** lib.nix with originator-pid-variable NAME, forced by nix-instantiate. */
  private static Tools.Result lib(Path dir, String name) throws IOException {
    FileSet files = FlakeRenderer.render(flake().addResource("a", implementation("x")).build());
    for (String file : List.of("lib.nix", "scripts.nix")) {
      Files.write(dir.resolve(file), files.bytes(file));
    }
    String expression = """
        let
          stub = name: "/stub/" + name;
          lib = import ./lib.nix {
            buildFHSUserEnv = stub "buildFHSUserEnv"; coreutils = stub "coreutils";
            findutils = stub "findutils"; flock = stub "flock"; jq = stub "jq";
            makeBinPath = stub "makeBinPath"; makeWrapper = stub "makeWrapper";
            mkDerivation = arguments: arguments; nix = stub "nix"; pkgs = { }; ps = stub "ps";
            originator-pid-variable = "%s"; redis = stub "redis";
            resources-directory = "/r"; store-garbage-collection-root = "/g";
            writeShellApplication = stub; yq-go = stub "yq-go";
          };
        in
        lib ? check
        """.formatted(name);
    return Tools.run(List.of("nix-instantiate", "--eval", "--expr", expression), dir, null, Map.of());
  }

  private static String javaMessage(String name) {
    try {
      LibParameters.builder().originatorPidVariable(name).resourcesDirectory("/r")
          .storeGarbageCollectionRoot("/g").build();
      return null;
    } catch (ModelException e) {
      return e.getMessage();
    }
  }

  @Test
  void namesWithAMeaningAreRefusedByTheModelAndByLibWithTheSameRule(@TempDir Path dir)
      throws IOException {
    for (String name : REFUSED) {
      String java = javaMessage(name);
      assertThat(java).as(name).isNotNull();
      String rule = java.substring(java.indexOf(": ") + 2);
      // lib.nix names the value only when it is a name (a value of another type has no text).
      String shape = "\"" + name + "\" must be";
      if (rule.startsWith(shape)) {
        rule = rule.substring(rule.indexOf("must be"));
      }
      Tools.Result nix = lib(dir, name);
      assertThat(nix.exitCode()).as(name).isNotZero();
      assertThat(nix.stderr()).as(name)
          .contains("flakegen lib: originator-pid-variable: " + rule);
    }
    assertThat(javaMessage("BASH_ENV")).contains("is a name bash or the runtime gives a meaning to",
        "BASH_ENV", "PATH", "IFS", "SHELLOPTS", "nor starting with", "RESOURCE");
    assertThatThrownBy(() -> LibParameters.builder().originatorPidVariable("PATH").build())
        .isInstanceOf(ModelException.class);
  }

  @Test
  void ordinaryNamesAreAccepted(@TempDir Path dir) throws IOException {
    for (String name : ACCEPTED) {
      assertThat(javaMessage(name)).as(name).isNull();
      Tools.Result nix = lib(dir, name);
      assertThat(nix.exitCode()).as(name + ": " + nix.stderr()).isZero();
      assertThat(nix.out().strip()).isEqualTo("true");
    }
  }
}
