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
 * {@code transient}: a resource that is never cached. Its check runs setup once in the fixture
 * and still sees a new resource: provenance {@code new} and a new index. The counter starts at 0
 * and hands out, in order, the fixture's transient token (0) and index (1), then the checked
 * setup's token (2) and index (3).
 */
public final class TransientExample implements FlakeModel {

  @Override
  public Flake flake() {
    ShellScript init = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/date"), literal("+%s.%N")).toFile(mount("stamp")))
        .build();
    return Flake.builder()
        .description("flakegen example: a transient resource, made anew by every setup")
        .parameters(ExampleParameters.parameters())
        .addResource("stamp", Implementation.builder().init(init).targets("stamp")
            .transientResource(true))
        .addCheck("stamp-again", Check.builder("stamp")
            .fixture(ShellScript.builder()
                .run(command(variable("SETUP")).toFile("/dev/null"))
                .build())
            .expectedType(EventType.VALID)
            .expectedProvenance(Provenance.NEW)
            .expectedIndex(3)
            .expectedTransient(true)
            .expectedTargets("stamp")
            .expectedSetupExitStatus(0))
        .build();
  }
}
