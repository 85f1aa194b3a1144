package dev.flakegen.nix.ast;

/** {@code with scope; body}. */
public record With(Expr scope, Expr body, SourcePos pos) implements Expr {
  public With {
    Nodes.notNull(scope, "With.scope");
    Nodes.notNull(body, "With.body");
    Nodes.notNull(pos, "pos");
  }
}
