package dev.flakegen.nix.ast;

import java.util.List;

/** {@code let bindings in body}. {@code pos} is the position of the {@code let} keyword. */
public record Let(List<Binding> bindings, Expr body, SourcePos pos) implements Expr {
  public Let {
    bindings = Nodes.listOf(bindings, "Let.bindings");
    Nodes.notNull(body, "Let.body");
    Nodes.notNull(pos, "pos");
  }
}
