package dev.flakegen.cli;

import static dev.flakegen.model.Shell.command;
import static dev.flakegen.model.Shell.mount;
import static dev.flakegen.model.Shell.pkg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ModelException;
import dev.flakegen.model.ShellScript;
import dev.flakegen.output.AtomicWriter;
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
    ShellScript init = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), "Hello, world!").toFile(mount("greeting")))
        .build();
    Flake flake = Flake.builder()
        .description("hello")
        .parameters(LibParameters.builder().originatorPidVariable("HELLO_ORIGINATOR_PID")
            .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/.gc-roots"))
        .resource("hello", Implementation.builder().init(init).targets("greeting"))
        .check("hello", Check.builder("hello").expectedType(EventType.VALID))
        .build();
    AtomicWriter.write(FlakeRenderer.render(flake), out);

    assertThat(Files.readString(out.resolve("flake.nix")))
        .contains("\"${pkgs.coreutils}/bin/echo\" 'Hello, world!' > '/mount/greeting'");
    assertThat(out.resolve("lib.nix")).exists();
    assertThat(out.resolve("scripts.nix")).exists();
    assertThatThrownBy(() -> flake.toBuilder()
        .resource("bad", Implementation.builder().targets("a/b")).build())
        .isInstanceOf(ModelException.class)
        .hasMessage("flake.resources.bad.targets[0]: \"a/b\" must not contain '/'");
  }
}
