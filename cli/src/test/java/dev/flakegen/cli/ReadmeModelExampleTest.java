package dev.flakegen.cli;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.GenerateResult;
import dev.flakegen.generate.Generation;
import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeInput;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ModelException;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.output.ForeignFileException;
import dev.flakegen.output.GeneratedFolder;
import dev.flakegen.render.FlakeRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's model example, as written there. */
class ReadmeModelExampleTest {

  @Test
  void theReadmeExampleGeneratesAFlake(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("hello-flake");
    ResourceName hello = ResourceName.of("hello");
    ShellScript init = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("Hello, world!"))
            .toFile(mount("greeting")))
        .build();
    Flake flake = Flake.builder()
        .description("hello")
        .parameters(LibParameters.builder().originatorPidVariable("HELLO_ORIGINATOR_PID")
            .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/.gc-roots"))
        .addResource(hello, Implementation.builder().init(init).targets("greeting"))
        .addCheck("hello", Check.builder(hello).expectedType(EventType.VALID))
        .build();
    GenerateResult result = Generation.run(GenerateRequest.builder()
        .model(flake).directory(out).regenerateCommand("./regenerate")
        .build());
    if (result instanceof GenerateResult.Failure failure) {
      System.err.println("error: " + failure.message(out.toString()));
    }

    assertThat(result).isInstanceOf(GenerateResult.Written.class);
    assertThat(Generation.run(GenerateRequest.builder().model(flake).directory(out)
        .regenerateCommand("./regenerate").mode(GenerateRequest.Mode.CHECK).build()))
        .isInstanceOf(GenerateResult.UpToDate.class);
    assertThat(Files.readString(out.resolve("flake.nix")))
        .contains("\"${pkgs.coreutils}/bin/echo\" 'Hello, world!' > '/mount/greeting'");
    assertThat(out.resolve("lib.nix")).exists();
    assertThat(out.resolve("scripts.nix")).exists();
    assertThatThrownBy(() -> flake.toBuilder()
        .addResource("bad", Implementation.builder().targets("a/b")).build())
        .isInstanceOf(ModelException.class)
        .hasMessage("flake.resources.bad.targets[0]: \"a/b\" must not contain '/'");
    // generation never replaces a hand-written file
    Path handWritten = dir.resolve("hand-written");
    Files.createDirectories(handWritten);
    Files.writeString(handWritten.resolve("flake.nix"), "{ outputs = _: { }; }\n");
    assertThat(Generation.run(GenerateRequest.builder().model(flake).directory(handWritten)
        .build())).isInstanceOf(GenerateResult.ForeignFiles.class);
    assertThat(Files.readString(handWritten.resolve("flake.nix")))
        .isEqualTo("{ outputs = _: { }; }\n");
    assertThat(handWritten.resolve("lib.nix")).doesNotExist();
    // the README's sentences: an unknown name suggests the nearest; a failure script
    assertThatThrownBy(() -> flake.toBuilder().addCheck("typo", Check.builder("helo")).build())
        .hasMessage("flake.checks.typo.resource: \"helo\" is not a resource of the flake (did"
            + " you mean \"hello\"?)");
    Flake user = flake.toBuilder().addResource("user", Implementation.builder()
        .init(ShellScript.builder()
            .set("GREETING", hello.fragment(ResourceCall.builder()
                .failure(command("echo", "no greeting").toFile("/dev/stderr"),
                    command("exit", "3")).build()))
            .run(command(pkg("coreutils", "/bin/cp"), dev.flakegen.model.shell.Shell.word(
                dev.flakegen.model.shell.Shell.variable("GREETING"), literal("/greeting")),
                    mount("greeting")))
            .build())
        .targets("greeting")).build();
    assertThat(user.resources().get("user").dependencies()).containsExactly("hello");
    Flake withProgram = flake.toBuilder().addProgram("show", ShellScript.builder().set("GREETING",
        hello.fragment()).run(command(literal("cat"), dev.flakegen.model.shell.Shell.word(
            dev.flakegen.model.shell.Shell.variable("GREETING"),
                literal("/greeting")))).build()).build();
    assertThat(new String(FlakeRenderer.render(withProgram).bytes("flake.nix"),
        java.nio.charset.StandardCharsets.UTF_8))
        .contains("show = pkgs.writeShellApplication", "GREETING=${resources.hello { }}");
  }

  @Test
  void theReadmeForeignResourceExampleWiresTheInputsResource() {
    Flake flake = Flake.builder()
        .parameters(LibParameters.builder().originatorPidVariable("HELLO_ORIGINATOR_PID")
            .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/.gc-roots"))
        .build();
    // as in the README
    FlakeInput shared = FlakeInput.of("shared", "github:example/shared"); // its nixpkgs follows ours
    Flake user = flake.toBuilder().input(shared)
        .addResource("user", Implementation.builder().targets("key").init(ShellScript.builder()
            .set("KEY", shared.resource("key").fragment())
            .run(command(pkg("coreutils", "/bin/cp"), word(variable("KEY"), literal("/key")),
                mount("key")))
            .build()))
        .build();
    String text = new String(FlakeRenderer.render(user).bytes("flake.nix"),
        java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("inputs.shared.url = \"github:example/shared\";",
        "inputs.shared.inputs.nixpkgs.follows = \"nixpkgs\";",
        "KEY=${resources.\"shared/key\" { }}",
        "\"shared/key\" = foreign.\"shared/key\";",
        "\"shared/key\" = inputs.shared.resources.${system}.key;",
        "resources = forEachSystem (system: (flake system).resources);");
  }

  @Test
  void theReadmeLifecycleExampleRendersItsReleaseResolutionsAndServiceDefaults() {
    ShellScript init = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("Hello, world!"))
            .toFile(mount("greeting")))
        .build();
    Flake flake = Flake.builder()
        .parameters(LibParameters.builder().originatorPidVariable("HELLO_ORIGINATOR_PID")
            .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/.gc-roots"))
        .addResource("hello", Implementation.builder().init(init).targets("greeting")
            .release(ShellScript.raw("echo released \"$RESOURCE_PATH\""))
            .addInitResolution("repair", ShellScript.raw("printf fixed > greeting"))
            .addReleaseResolution("forget", ShellScript.raw("true")))
        .services(dev.flakegen.model.Services.DEFAULT.withInterval(2).runAs("alice", "users"))
        .build();
    String text = new String(FlakeRenderer.render(flake).bytes("flake.nix"), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("release = ''", "echo released \"$RESOURCE_PATH\"",
        "init-resolutions = {", "repair = ''", "release-resolutions = {", "forget = ''",
        "group = \"users\";", "interval = 2;", "user = \"alice\";", "nixosModules.default");
    assertThatThrownBy(() -> flake.toBuilder().addResource("services", Implementation.builder()).build())
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("flake.resources name: \"services\" is reserved");
    assertThatThrownBy(() -> Flake.builder().parameters(LibParameters.builder()
            .originatorPidVariable("X").resourcesDirectory("/r").storeGarbageCollectionRoot("/g"))
        .services(dev.flakegen.model.Services.DEFAULT.withInterval(0)).build())
        .isInstanceOf(ModelException.class)
        .hasMessage("services.interval: must be 1 to 3600 seconds, was 0");
  }
}
