package dev.flakegen.model;

/**
 * A model for {@code flakegen generate --model CLASS}: a public class with a public no-argument
 * constructor whose {@link #flake()} builds the flake.
 */
public interface FlakeModel {

  /**
   * The flake to generate.
   *
   * @throws ModelException when the model breaks a rule
   */
  Flake flake();
}
