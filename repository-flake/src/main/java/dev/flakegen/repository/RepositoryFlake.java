package dev.flakegen.repository;

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
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.ShellScript;

/**
 * The repository's own {@code flake.nix}: the resource-flake {@code lib} (so another flake can
 * take this repository as its resource flake) and the project's checks of it, built by
 * {@code nix flake check}: a miss, a hit and a release; a transient resource made anew; an init
 * that fails, is quarantined and is accepted by a resolution.
 */
public final class RepositoryFlake implements FlakeModel {

  @Override
  public Flake flake() {
    ShellScript greet = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("Hello from flakegen"))
            .toFile(mount("greeting")))
        .build();
    ShellScript stamp = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/date"), literal("+%s.%N")).toFile(mount("stamp")))
        .build();
    ShellScript setupOnce = ShellScript.builder()
        .run(command(variable("SETUP")).toFile("/dev/null"))
        .build();
    return Flake.builder()
        .description("flakegen: the resource-flake library, with the project's checks of it")
        .parameters(LibParameters.builder()
            .originatorPidVariable("FLAKEGEN_ORIGINATOR_PID")
            .resourcesDirectory("~/resources")
            .storeGarbageCollectionRoot("~/.gc-roots"))
        .addResource("greeting", Implementation.builder().init(greet).targets("greeting"))
        .addResource("stamp", Implementation.builder().init(stamp).targets("stamp")
            .transientResource(true))
        .addResource("rejected", Implementation.builder().init(ShellScript.raw("exit 3\n")))
        .addCheck("greeting-miss", Check.builder("greeting")
            .expectedType(EventType.VALID)
            .expectedProvenance(Provenance.NEW)
            .expectedTargets("greeting")
            .expectedSetupExitStatus(0))
        .addCheck("greeting-hit", Check.builder("greeting")
            .fixture(setupOnce)
            .expectedType(EventType.STALE)
            .expectedProvenance(Provenance.CACHED))
        .addCheck("greeting-released", Check.builder("greeting")
            .expectedLifecycle(EventType.VALID, EventType.RELEASED))
        .addCheck("stamp-anew", Check.builder("stamp")
            .fixture(setupOnce)
            .expectedType(EventType.VALID)
            .expectedProvenance(Provenance.NEW)
            .expectedTransient(true))
        .addCheck("rejected-accepted", Check.builder("rejected")
            .resolution("accept")
            .expectedType(EventType.INVALID_INIT)
            .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED, EventType.RELEASED))
        .build();
  }
}
