package com.example;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;

import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeInput;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;

/**
 * A user's model that uses a resource of another resource flake, as the README's "Resources of
 * other flakes" shows: the flake takes the other as an input and an init sets up its resource
 * {@code key} through a typed handle.
 */
public final class ForeignFlake implements FlakeModel {

  @Override
  public Flake flake() {
    FlakeInput shared = FlakeInput.of("shared", "github:example/shared");
    ResourceName key = shared.resource("key");
    return SampleFlake.sample()
        .input(shared)
        .addResource("user", Implementation.builder().targets("key").init(ShellScript.builder()
            .set("KEY", key.fragment())
            .run(command(pkg("coreutils", "/bin/cp"), word(variable("KEY"), literal("/key")),
                mount("key")))
            .build()))
        .build();
  }
}
