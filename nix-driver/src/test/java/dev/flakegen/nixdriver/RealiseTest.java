package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.parse;
import static dev.flakegen.nixdriver.Fixtures.NIX;
import static dev.flakegen.nixdriver.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link NixDriver#realise}: builds, with their log lines, and running what was built. */
@NixTest
class RealiseTest {

  static final String SCRIPT_BUILDER = String.join("\n",
      "echo making the script",
      "echo on standard error >&2",
      "/bin/mkdir -p $out/bin",
      "printf '#!/bin/sh\\necho %s from \"$@\"\\n' \"$greeting\" > $out/bin/greet",
      "/bin/chmod +x $out/bin/greet");

  @Test
  void aDerivationIsBuiltItsLogStreamedAndItsProgramRuns()
      throws IOException, InterruptedException {
    String name = Fixtures.unique("greet");
    List<String> log = new CopyOnWriteArrayList<>();
    Realisation built = NIX.realise(Installable.expression(Fixtures.derivation(name,
        SCRIPT_BUILDER, Map.of("greeting", dev.flakegen.nix.build.Nix.string("hello")))),
        log::add);

    assertThat(built.outputs()).hasSize(1);
    Realisation.Output output = built.outputs().get(0);
    assertThat(output.name()).isEqualTo("out");
    assertThat(output.derivation().orElseThrow().name()).isEqualTo(name + ".drv");
    assertThat(output.path().name()).isEqualTo(name);
    assertThat(log).contains(name + "> making the script", name + "> on standard error");
    assertThat(log).anyMatch(line -> line.startsWith("building '")
        && line.contains(output.derivation().get().path()));
    assertThat(NIX.checkPath(NixStore.local(), output.path())).isTrue();

    Path program = Path.of(built.outputPath().path(), "bin", "greet");
    assertThat(Fixtures.run(List.of(program.toString(), "java"))).isEqualTo("hello from java\n");
  }

  @Test
  void argumentsAndDerivationPaths() throws InterruptedException {
    String name = Fixtures.unique("argument");
    Installable function = Installable.expression(parse(
        "{ name, text }: derivation { inherit name; system = builtins.currentSystem;"
            + " builder = \"/bin/sh\"; args = [ \"-c\" \"echo $text > $out\" ]; text = text; }"))
        .withArgString("name", name)
        .withArgString("text", "hi");
    NixValue drvPath = NIX.observe(function, "drvPath");
    StorePath derivation = StorePath.of(((NixValue.StringValue) drvPath).value());
    Realisation built = NIX.realise(Installable.of(derivation));
    assertThat(built.outputs().get(0).derivation()).contains(derivation);
    assertThat(NIX.realise(function).outputPath()).isEqualTo(built.outputPath());
    // An output path as the installable: already valid, nothing to build.
    assertThat(NIX.realise(Installable.of(built.outputPath())).outputPath())
        .isEqualTo(built.outputPath());
  }

  @Test
  void aGeneratedExampleIsRealised() throws IOException, InterruptedException {
    Realisation built = NIX.realise(example("hello", "hello"));
    StorePath setup = built.outputPath();
    assertThat(setup.name()).isEqualTo("hello-setup");
    assertThat(NIX.checkPath(NixStore.local(), setup)).isTrue();
    Path program = Path.of(setup.path(), "bin", "setup");
    assertThat(Files.isExecutable(program)).isTrue();
    // Its runtime programs are in its closure.
    assertThat(NIX.closure(NixStore.local(), List.of(setup))).hasSizeGreaterThan(1);
  }

  @Test
  void aFailedBuildCarriesNixsMessage() {
    String name = Fixtures.unique("failing");
    assertThatThrownBy(() -> NIX.realise(Installable.expression(
        Fixtures.derivation(name, "echo it went wrong >&2; exit 3"))))
        .isInstanceOfSatisfying(NixFailureException.class, e -> {
          assertThat(e.nixMessage()).startsWith("builder for '").contains(name)
              .contains("failed with exit code 3");
          assertThat(e.standardError()).contains(name + "> it went wrong");
          assertThat(e.exitStatus()).isEqualTo(1);
        });
  }
}
