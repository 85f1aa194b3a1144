package dev.flakegen.model;

/** A {@link FlakeModel} class could not be found or instantiated; the message says why. */
public final class ModelLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}, caused by {@code cause} (may be null). */
  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
