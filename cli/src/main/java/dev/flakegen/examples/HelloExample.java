package dev.flakegen.examples;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.ShellScript;

/**
 * {@code hello}: one resource whose init writes a greeting file, and three checks — the first
 * setup is a miss that runs init ({@code valid}, {@code new}, index 0), a setup after a fixture
 * that ran setup once is a hit ({@code stale}, {@code cached}), and once its originator has
 * exited the resource is released ({@code valid} then {@code released}).
 */
public final class HelloExample implements FlakeModel {

  @Override
  public Flake flake() {
    ShellScript init = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("Hello, world!"))
            .toFile(mount("greeting")))
        .run(command(pkg("coreutils", "/bin/echo"), literal("wrote the greeting")))
        .build();
    return Flake.builder()
        .description("flakegen example: a resource whose init writes a greeting")
        .parameters(ExampleParameters.parameters())
        .addResource("hello", Implementation.builder().init(init).targets("greeting"))
        .addCheck("hello-miss", Check.builder("hello")
            .expectedType(EventType.VALID)
            .expectedProvenance(Provenance.NEW)
            .expectedIndex(0)
            .expectedTargets("greeting")
            .expectedStandardOutput("wrote the greeting")
            .expectedSetupExitStatus(0))
        .addCheck("hello-hit", Check.builder("hello")
            .fixture(ShellScript.builder()
                .run(command(variable("SETUP")).toFile("/dev/null"))
                .build())
            .expectedType(EventType.STALE)
            .expectedProvenance(Provenance.CACHED)
            .expectedIndex(0)
            .expectedSetupExitStatus(0))
        .addCheck("hello-released", Check.builder("hello")
            .expectedLifecycle(EventType.VALID, EventType.RELEASED))
        .build();
  }
}
