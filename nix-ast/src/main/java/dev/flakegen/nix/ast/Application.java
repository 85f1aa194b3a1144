package dev.flakegen.nix.ast;

/** Function application {@code f x}; {@code f x y} is {@code (f x) y}. */
public record Application(Expr function, Expr argument, SourcePos pos) implements Expr {
  public Application {
    Nodes.notNull(function, "Application.function");
    Nodes.notNull(argument, "Application.argument");
    Nodes.notNull(pos, "pos");
  }
}
