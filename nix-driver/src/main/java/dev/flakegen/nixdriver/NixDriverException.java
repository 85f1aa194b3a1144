package dev.flakegen.nixdriver;

/**
 * A call to Nix did not give its result: Nix failed ({@link NixFailureException}), ran out of
 * time ({@link NixTimeoutException}) or is not installed ({@link NixNotFoundException}).
 */
public class NixDriverException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** A failure described by {@code message}. */
  public NixDriverException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public NixDriverException(String message, Throwable cause) {
    super(message, cause);
  }
}
