package dev.flakegen.nix.ast;

/** A binary operator application such as {@code a + b} or {@code a // b}. */
public record BinaryOperation(Operator operator, Expr left, Expr right, SourcePos pos)
    implements Expr {
  public BinaryOperation {
    Nodes.notNull(operator, "BinaryOperation.operator");
    Nodes.notNull(left, "BinaryOperation.left");
    Nodes.notNull(right, "BinaryOperation.right");
    Nodes.notNull(pos, "pos");
  }
}
