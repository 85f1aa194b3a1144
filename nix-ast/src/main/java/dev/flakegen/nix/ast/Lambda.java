package dev.flakegen.nix.ast;

/** A function {@code x: body} or {@code { a, b ? 1, ... } @ args: body}. */
public record Lambda(Parameter parameter, Expr body, SourcePos pos) implements Expr {
  public Lambda {
    Nodes.notNull(parameter, "Lambda.parameter");
    Nodes.notNull(body, "Lambda.body");
    Nodes.notNull(pos, "pos");
  }
}
