package dev.flakegen.nix.ast;

/** {@code if condition then consequent else alternative}. */
public record If(Expr condition, Expr consequent, Expr alternative, SourcePos pos) implements Expr {
  public If {
    Nodes.notNull(condition, "If.condition");
    Nodes.notNull(consequent, "If.consequent");
    Nodes.notNull(alternative, "If.alternative");
    Nodes.notNull(pos, "pos");
  }
}
