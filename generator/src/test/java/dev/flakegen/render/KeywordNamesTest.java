package dev.flakegen.render;

import static dev.flakegen.model.ModelFixtures.flake;
import static dev.flakegen.model.ModelFixtures.implementation;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.Value;
import dev.flakegen.testing.FlakeHarness;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.json.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names that are Nix keywords or contextual ones are valid resource and check names. */
@NixTest
class KeywordNamesTest {

  @Test
  void keywordsAreQuotedWhereverANameGoes(@TempDir Path dir) {
    Flake.Builder builder = flake();
    List<String> names = List.of("if", "let", "or", "inherit", "rec", "true", "null", "x'-y");
    for (String name : names) {
      builder.addResource(name, implementation("out").seed(Value.of(name)));
      builder.addCheck(name, Check.builder(name));
    }
    ShellScript init = ShellScript.builder()
        .set("A", resource("if"))
        .set("B", resource("or"))
        .run(command(pkg("coreutils", "/bin/ln"), literal("-s"), variable("A"), variable("B"),
            mount("")))
        .build();
    Flake flake = builder.addResource("user", Implementation.builder().init(init).targets("if",
        "or")).build();
    Object json = FlakeHarness.evaluate(FlakeRenderer.render(flake), dir);
    for (String name : names) {
      assertThat(Json.at(json, "resources", "x86_64-linux", name, "description", "targets"))
          .isEqualTo(List.of("out"));
      assertThat(Json.at(json, "checks", "x86_64-linux", name, "arguments", "targets"))
          .isEqualTo(List.of("out"));
    }
    assertThat(Json.at(json, "resources", "x86_64-linux", "user", "parameters", "resources"))
        .isEqualTo(List.of("if", "or"));
  }
}
