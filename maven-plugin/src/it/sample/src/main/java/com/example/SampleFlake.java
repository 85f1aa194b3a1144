package com.example;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.shell.ShellScript;

/** A user's model: one resource and a check that its first setup makes it. */
public final class SampleFlake implements FlakeModel {

  /** What the resource's init writes; the wrong-check model expects something else. */
  static Flake.Builder sample() {
    ShellScript init = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("sample")).toFile(mount("greeting")))
        .build();
    return Flake.builder()
        .description("a user's sample flake")
        .parameters(LibParameters.builder()
            .originatorPidVariable("SAMPLE_ORIGINATOR_PID")
            .resourcesDirectory("~/resources")
            .storeGarbageCollectionRoot("~/.gc-roots"))
        .addResource("greeting", Implementation.builder().init(init).targets("greeting"));
  }

  @Override
  public Flake flake() {
    return sample()
        .addCheck("greeting", Check.builder("greeting").expectedType(EventType.VALID))
        .build();
  }
}
