package dev.flakegen.bindings;

import dev.flakegen.nix.ast.NixError;
import java.util.Optional;

/**
 * Why bindings could not be made: the Nix file does not parse (then {@link #nixError()} holds
 * Nix's message and position, and the message is {@code FILE:LINE:COL: error: MESSAGE}), the
 * attribute path leads nowhere or not to a function with a set pattern (the message names the
 * path), or an argument such as the package or class name is invalid. I/O failures are
 * {@link java.io.IOException}s, not this.
 */
public final class BindingsException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient NixError nixError;

  /** An error described by {@code message}. */
  public BindingsException(String message) {
    super(message);
    this.nixError = null;
  }

  /** A parse error of the file {@code fileName}, as Nix reports it. */
  public BindingsException(String fileName, NixError error, Throwable cause) {
    super(error.format(fileName), cause);
    this.nixError = error;
  }

  /** The parse error, when the file (or a file it imports) is not valid Nix. */
  public Optional<NixError> nixError() {
    return Optional.ofNullable(nixError);
  }
}
