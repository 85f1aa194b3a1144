package dev.flakegen.nix.ast;

/** {@code assert condition; body}. */
public record Assert(Expr condition, Expr body, SourcePos pos) implements Expr {
  public Assert {
    Nodes.notNull(condition, "Assert.condition");
    Nodes.notNull(body, "Assert.body");
    Nodes.notNull(pos, "pos");
  }
}
