package dev.flakegen.nix.ast;

/** Arithmetic negation {@code -e} (Nix reads it as {@code __sub 0 e}). */
public record Negation(Expr operand, SourcePos pos) implements Expr {
  public Negation {
    Nodes.notNull(operand, "Negation.operand");
    Nodes.notNull(pos, "pos");
  }
}
