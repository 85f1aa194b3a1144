package dev.flakegen.nix.ast;

/** Thrown when Nix would reject a source: carries the {@link NixError}. */
public final class NixErrorException extends RuntimeException {

  private final NixError error;

  public NixErrorException(NixError error) {
    super(error.pos().isKnown() ? error.format(error.pos().sourceName()) : error.message());
    this.error = error;
  }

  public NixError error() {
    return error;
  }
}
