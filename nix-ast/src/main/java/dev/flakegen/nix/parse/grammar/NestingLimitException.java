package dev.flakegen.nix.parse.grammar;

import org.antlr.v4.runtime.Token;

/**
 * Nesting deeper than Nix's parser can hold: its bison stack has 10,000 entries, and Nix stops
 * with "memory exhausted". Raised at {@code token}, the token Nix reports, where bison's stack
 * fills ({@link BisonStack}).
 */
public final class NestingLimitException extends RuntimeException {

  private final transient Token token;

  public NestingLimitException(Token token) {
    super(null, null, false, false);
    this.token = token;
  }

  public Token token() {
    return token;
  }
}
