package dev.flakegen.nix.ast;

/** {@code ${expr}} inside a string, an indented string or a path. */
public record Interpolation(Expr expr, SourcePos pos) implements StringPart, IndentedPart {
  public Interpolation {
    Nodes.notNull(expr, "Interpolation.expr");
    Nodes.notNull(pos, "pos");
  }
}
