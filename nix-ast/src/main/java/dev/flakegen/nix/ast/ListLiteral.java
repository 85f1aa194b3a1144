package dev.flakegen.nix.ast;

import java.util.List;

/** A list {@code [ a b c ]}. */
public record ListLiteral(List<Expr> items, SourcePos pos) implements Expr {
  public ListLiteral {
    items = Nodes.listOf(items, "ListLiteral.items");
    Nodes.notNull(pos, "pos");
  }
}
