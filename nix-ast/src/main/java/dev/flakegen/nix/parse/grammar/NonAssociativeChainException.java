package dev.flakegen.nix.parse.grammar;

import org.antlr.v4.runtime.Token;

/** A chain such as {@code a < b < c} or {@code a == b == c}, which Nix refuses at {@code token}. */
public final class NonAssociativeChainException extends RuntimeException {

  private final transient Token token;

  public NonAssociativeChainException(Token token) {
    super(null, null, false, false);
    this.token = token;
  }

  public Token token() {
    return token;
  }
}
