package dev.flakegen.model;

/**
 * A model that breaks a rule, found when it is built: the message is {@code PATH: RULE}, where
 * PATH names the field from the root of what was built ({@code flake.resources.keyring.targets[1]})
 * and RULE says what is wrong, showing the rejected value ({@code "a/b" must not contain '/'}).
 */
public final class ModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String path;
  private final String rule;

  public ModelException(String path, String rule) {
    super(path + ": " + rule);
    this.path = path;
    this.rule = rule;
  }

  /** The field at fault, e.g. {@code flake.resources.keyring.targets[1]}. */
  public String path() {
    return path;
  }

  /** What is wrong with it, e.g. {@code "a/b" must not contain '/'}. */
  public String rule() {
    return rule;
  }
}
