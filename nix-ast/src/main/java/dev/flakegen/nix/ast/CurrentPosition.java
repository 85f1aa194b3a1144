package dev.flakegen.nix.ast;

/** {@code __curPos}: the position of the expression itself, a special form rather than a variable. */
public record CurrentPosition(SourcePos pos) implements Expr {
  public CurrentPosition {
    Nodes.notNull(pos, "pos");
  }
}
