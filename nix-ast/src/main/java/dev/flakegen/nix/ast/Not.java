package dev.flakegen.nix.ast;

/** Boolean negation {@code !e}. */
public record Not(Expr operand, SourcePos pos) implements Expr {
  public Not {
    Nodes.notNull(operand, "Not.operand");
    Nodes.notNull(pos, "pos");
  }
}
