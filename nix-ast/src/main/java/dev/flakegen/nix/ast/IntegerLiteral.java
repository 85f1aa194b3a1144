package dev.flakegen.nix.ast;

/** An integer literal such as {@code 42}. Nix has no negative literals: {@code -1} is a {@link Negation}. */
public record IntegerLiteral(long value, SourcePos pos) implements Expr {
  public IntegerLiteral {
    Nodes.require(value >= 0, "IntegerLiteral.value", "must not be negative (write a Negation)", value);
    Nodes.notNull(pos, "pos");
  }
}
