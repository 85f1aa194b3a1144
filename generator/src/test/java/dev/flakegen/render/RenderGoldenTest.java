package dev.flakegen.render;

import static dev.flakegen.model.ModelFixtures.parameters;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.output;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.root;
import static dev.flakegen.model.shell.Shell.sequential;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeInput;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.ModelFixtures;
import dev.flakegen.model.Pkgs;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.Value;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.testing.goldens.Goldens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flake.nix} of small models, byte for byte against {@code src/test/resources/goldens/}.
 * {@code -Dflakegen.updateGoldens=true} rewrites the goldens (never set in CI).
 */
class RenderGoldenTest {

  static final Path GOLDENS = Path.of("src", "test", "resources", "goldens");

  static Stream<Arguments> models() {
    return Stream.of(
        Arguments.of("minimal", (Supplier<Flake>) () -> Flake.builder()
            .parameters(parameters())
            .addResource("empty", Implementation.builder())
            .build()),
        Arguments.of("parameters", (Supplier<Flake>) () -> Flake.builder()
            .description("every parameter set")
            .nixpkgsUrl("github:NixOS/nixpkgs/nixos-unstable")
            .systems("x86_64-linux", "aarch64-linux")
            .parameters(parameters()
                .channel("events")
                .sequentialStart(1000)
                .coreutils(Pkgs.pkgs("uutils-coreutils"))
                .buildFHSUserEnv(Pkgs.pkgs("buildFHSEnv"))
                .failure(Pkgs.expression("pkgs.writeShellScriptBin \"failure\" \"exit 64\""))
                .string(Nix.string("unused"))
                .visitor(Pkgs.expression("{ inherit system; }")))
            .addResource("empty", Implementation.builder())
            .build()),
        Arguments.of("libraries", (Supplier<Flake>) () -> Flake.builder()
            .parameters(parameters())
            .addResource("c", ModelFixtures.implementation("c"))
            .addResource("a", uses("c"))
            .addResource("b", uses("c").seed(Value.of("b")))
            .addResource("d", uses("a", "c"))
            .build()),
        Arguments.of("description", (Supplier<Flake>) () -> Flake.builder()
            .parameters(parameters())
            .addResource("full", Implementation.builder()
                .init(ShellScript.builder()
                    .set("N", output(command(sequential())))
                    .run(command(pkg("coreutils", "/bin/mkdir"), mount("d")))
                    .run(command(root(), mount("d")))
                    .run(command(pkg("coreutils", "/bin/echo"), variable("N"))
                        .toFile(mount("d/n")))
                    .build())
                .seed(Value.map(Map.of("version", Value.of(3), "tags",
                    Value.list(Value.of("a"), Value.of(true), Value.NULL),
                    "when", Value.expr(Pkgs.expression("pkgs.lib.version")))))
                .targets("d")
                .transientResource(true)
                .release(ShellScript.builder().run(command(pkg("coreutils", "/bin/true")))
                    .build())
                .addInitResolution("retry", ShellScript.raw("exit 0"))
                .addInitResolution("give-up", ShellScript.raw("exit 1"))
                .addReleaseResolution("ignore", ShellScript.raw("exit 0")))
            .build()),
        Arguments.of("checks", (Supplier<Flake>) () -> Flake.builder()
            .parameters(parameters())
            .addResource("r", ModelFixtures.implementation("out"))
            .addCheck("everything", Check.builder("r")
                .arguments("a", "b c")
                .standardInput("line\n")
                .fixture(ShellScript.builder().run(command(variable("SETUP"))
                    .toFile("/dev/null")).build())
                .diffutils(Pkgs.pkgs("diffutilsMinimal"))
                .expectedSetupStandardError("")
                .expectedType(EventType.VALID)
                .expectedProvenance(Provenance.NEW)
                .expectedTargets("out")
                .expectedDescription(Value.map(Map.of("targets", Value.list(Value.of("out")))))
                .expectedArguments("a", "b c")
                .expectedHasStandardInput(true))
            .addCheck("nothing", Check.builder("r"))
            .build()),
        Arguments.of("lifecycle-checks", (Supplier<Flake>) () -> Flake.builder()
            .parameters(parameters())
            .addResource("r", ModelFixtures.implementation("out")
                .release(ShellScript.raw("exit 1\n"))
                .addReleaseResolution("clean-up", ShellScript.raw("exit 0\n")))
            .addCheck("released", Check.builder("r")
                .expectedLifecycle(EventType.VALID, EventType.RELEASED))
            .addCheck("cleaned-up", Check.builder("r")
                .fixture(ShellScript.builder().run(command(variable("SETUP"))
                    .toFile("/dev/null")).build())
                .expectedLifecycle(EventType.STALE, EventType.INVALID_RELEASE, EventType.RESOLVED)
                .resolution("clean-up")
                .expectedType(EventType.STALE))
            .build()),
        Arguments.of("inputs", (Supplier<Flake>) () -> {
          // resources of two other resource flakes: one input's nixpkgs follows, one's not
          FlakeInput shared = FlakeInput.of("shared", "github:example/shared");
          FlakeInput own = FlakeInput.of("own", "path:/srv/own").withoutNixpkgsFollows();
          ShellScript usesBoth = ShellScript.builder()
              .set("KEY", shared.resource("key").fragment(ResourceCall.builder().failure(1)
                  .build()))
              .set("HOME_", ResourceName.ofInput(own, "home").fragment())
              .set("LOCAL", resource("local"))
              .run(command(pkg("coreutils", "/bin/ln"), literal("-s"), variable("KEY"),
                  variable("HOME_"),
                  variable("LOCAL"), mount("")))
              .build();
          return Flake.builder()
              .parameters(parameters())
              .input(shared)
              .input(own)
              .addResource("local", ModelFixtures.implementation("out"))
              .addResource("user", Implementation.builder().init(usesBoth).targets("key", "home", "out"))
              .addProgram("show", ShellScript.builder()
                  .set("KEY", shared.resource("key").fragment())
                  .run(command(literal("cat"), word(variable("KEY"), literal("/key")))).build())
              .build();
        }),
        // a release, a resolution and a fixture that set up the resource c: each rendered as
        // libraries."c".script ({ resources, ... }: ''…''); r's own library stays ""
        Arguments.of("scripts-using-resources", (Supplier<Flake>) () -> Flake.builder()
            .parameters(parameters())
            .addResource("c", ModelFixtures.implementation("c"))
            .addResource("r", ModelFixtures.implementation("out")
                .release(ShellScript.builder().set("C", resource("c"))
                    .run(command(pkg("coreutils", "/bin/ls"), variable("C"))).build())
                .addReleaseResolution("clean-up", ShellScript.builder()
                    .runIf(command(pkg("coreutils", "/bin/true")), ShellScript.builder()
                        .set("C", resource("c"))
                        .run(command(pkg("coreutils", "/bin/ls"), variable("C"))).build())
                    .build()))
            .addCheck("fixture", Check.builder("r")
                .fixture(ShellScript.builder().set("C", resource("c"))
                    .run(command(pkg("coreutils", "/bin/ls"), variable("C"))).build()))
            .build()));
  }

  static Implementation.Builder uses(String... resources) {
    ShellScript.Builder init = ShellScript.builder();
    for (String name : resources) {
      String variable = name.toUpperCase(java.util.Locale.ROOT);
      init.set(variable, resource(name, ResourceCall.builder().failure(1).build()))
          .run(command(pkg("coreutils", "/bin/ln"), literal("-s"), variable(variable),
              mount(name)));
    }
    return Implementation.builder().init(init.build()).targets(resources);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void flakeNixIsTheGolden(String name, Supplier<Flake> model) throws IOException {
    String rendered = new String(FlakeRenderer.render(model.get(),
        dev.flakegen.output.GeneratedHeader.of(null, "test")).bytes("flake.nix"),
        StandardCharsets.UTF_8);
    Path golden = GOLDENS.resolve(name + ".nix");
    Goldens.check(golden, rendered);
  }
}
