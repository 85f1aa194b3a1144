package dev.flakegen.render;

/**
 * A rendered file that does not pass its own checks: the printed text does not parse, fails a
 * static check (undefined variable, attribute defined twice), or parses to a different tree. The
 * model was valid, so this is a bug in flakegen; the message starts with {@code FILE:LINE:COL}.
 */
public final class RenderException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RenderException(String message) {
    super(message);
  }

  public RenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
