package dev.flakegen.model;

import java.util.function.Supplier;

/**
 * A {@link FlakeModel} for {@code flakegen generate --model} in tests: builds whatever the test
 * put in {@link #next}.
 */
public final class InvalidModels implements FlakeModel {

  /** What the next {@link #flake()} builds. */
  public static volatile Supplier<Flake> next;

  @Override
  public Flake flake() {
    return next.get();
  }
}
