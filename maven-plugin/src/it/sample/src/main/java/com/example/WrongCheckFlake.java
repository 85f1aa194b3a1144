package com.example;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;

/** A valid model whose check expects the wrong outcome, so {@code nix flake check} fails. */
public final class WrongCheckFlake implements FlakeModel {

  @Override
  public Flake flake() {
    return SampleFlake.sample()
        .addCheck("wrong", Check.builder("greeting").expectedType(EventType.INVALID_INIT))
        .build();
  }
}
