package com.example;

import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.shell.ShellScript;

/** A model that breaks a rule: a target name with a '/'. */
public final class BrokenFlake implements FlakeModel {

  @Override
  public Flake flake() {
    return SampleFlake.sample()
        .addResource("broken", Implementation.builder().init(ShellScript.raw("true\n"))
            .targets("a/b"))
        .build();
  }
}
