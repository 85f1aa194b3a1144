package dev.flakegen.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Flake;
import dev.flakegen.output.Drift;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.GeneratedFolder;
import dev.flakegen.render.FlakeRenderer;
import dev.flakegen.testing.FlakeHarness;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.ShellScripts;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples: their checked-in flakes under {@code examples/} are exactly what the models
 * render; they evaluate with Nix; their scripts pass shellcheck.
 */
@NixTest
class ExamplesTest {

  /** The checked-in examples, from the module folder (the tests' working directory). */
  static final Path EXAMPLES = Path.of("..", "examples");

  static FileSet render(String name) {
    return FlakeRenderer.render(Examples.get(name).flake(), Examples.checkedInHeader(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "keyring", "transient", "secrets"})
  void checkedInFilesAreWhatTheModelRenders(String name) throws IOException {
    FileSet files = render(name);
    assertThat(files.paths()).containsExactly("flake.nix", "lib.nix", "module.nix", "scripts.nix");
    List<Drift> drifts = GeneratedFolder.compare(files, EXAMPLES.resolve(name));
    assertThat(drifts).as(() -> GeneratedFolder.report(drifts, "examples/" + name,
        Examples.REGENERATE)).isEmpty();
  }

  @Test
  void everyExampleIsListed() {
    assertThat(Examples.names()).containsExactly("hello", "keyring", "transient", "secrets");
    assertThat(Examples.summaries().keySet())
        .containsExactly("hello", "keyring", "transient", "secrets");
    assertThat(Examples.get("nope")).isNull();
  }

  @Test
  void theKeyringChainsItsResources() {
    Flake keyring = Examples.get("keyring").flake();
    assertThat(keyring.resources().get("secret-key").dependencies()).isEmpty();
    assertThat(keyring.resources().get("keyring-directory").dependencies())
        .containsExactly("secret-key");
    assertThat(keyring.resources().get("script").dependencies())
        .containsExactly("keyring-directory");
  }

  @Test
  @SuppressWarnings("unchecked")
  void examplesEvaluateAndTheirScriptsPassShellcheck(@TempDir Path dir) {
    List<Path> scripts = new ArrayList<>();
    for (String name : Examples.names()) {
      Object json = FlakeHarness.evaluate(render(name), dir.resolve(name));
      assertThat(Json.at(json, "lib")).isEqualTo(true);
      Map<String, Object> resources = (Map<String, Object>) Json.at(json, "resources",
          "x86_64-linux");
      Flake flake = Examples.get(name).flake();
      assertThat(resources.keySet()).containsExactlyElementsOf(flake.resources().keySet());
      for (Map.Entry<String, Object> resource : resources.entrySet()) {
        String init = (String) Json.at(resource.getValue(), "description", "init");
        assertThat(init).doesNotContain("${pkgs").doesNotContain("${root}");
        scripts.add(ShellScripts.write(dir.resolve("sh/" + name + "/" + resource.getKey()
            + ".init.sh"), init));
        assertThat(Json.at(resource.getValue(), "parameters", "resources")).isEqualTo(
            new ArrayList<>(flake.resources().get(resource.getKey()).dependencies()));
        assertThat(Json.at(json, "apps", "x86_64-linux", resource.getKey())).isEqualTo(Map.of(
            "type", "app", "program", "/stub/setup/bin/setup", "meta", Map.of("description",
                "Sets up the resource " + resource.getKey() + " and prints its folder")));
      }
      Map<String, Object> checks = (Map<String, Object>) Json.at(json, "checks", "x86_64-linux");
      assertThat(checks.keySet()).containsExactlyElementsOf(flake.checks().keySet());
      for (Map.Entry<String, Object> check : checks.entrySet()) {
        Map<String, Object> arguments = (Map<String, Object>) Json.at(check.getValue(),
            "arguments");
        assertThat(arguments.get("diffutils")).isEqualTo("/stub/diffutils");
        if (arguments.containsKey("fixture")) {
          scripts.add(ShellScripts.write(dir.resolve("sh/" + name + "/" + check.getKey()
              + ".fixture.sh"), (String) arguments.get("fixture")));
        }
      }
    }
    Tools.Result shellcheck = Tools.shellcheck(scripts);
    assertThat(shellcheck.out()).isEmpty();
    assertThat(shellcheck.exitCode()).isZero();
    assertThat(scripts).hasSize(10);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theKeyringInitsCallTheirResourcesWithTheirFailureCodes(@TempDir Path dir) {
    Object json = FlakeHarness.evaluate(render("keyring"), dir);
    Map<String, Object> resources = (Map<String, Object>) Json.at(json, "resources",
        "x86_64-linux");
    assertThat((String) Json.at(resources, "keyring-directory", "description", "init"))
        .startsWith("SECRET_KEY=\"$( /stub/setup )\" || /stub/failure 1001\n"
            + "\"/stub/coreutils/bin/mkdir\" '/mount/keyring'\n");
    assertThat((String) Json.at(resources, "script", "description", "init"))
        .startsWith("KEYRING=\"$( /stub/setup )\" || /stub/failure 1002\n")
        .contains("\"/stub/wrap\" '/scratch/show' 'bin/show' '0555' '--set-brace' 'BASH'"
            + " \"/stub/bash\"");
  }
}
