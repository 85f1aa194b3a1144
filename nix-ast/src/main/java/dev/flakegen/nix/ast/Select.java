package dev.flakegen.nix.ast;

import java.util.List;
import java.util.Optional;

/** Attribute selection {@code e.a.b}, with an optional default: {@code e.a.b or d}. */
public record Select(Expr target, List<AttrName> path, Optional<Expr> fallback, SourcePos pos)
    implements Expr {
  public Select {
    Nodes.notNull(target, "Select.target");
    path = Nodes.nonEmptyListOf(path, "Select.path");
    Nodes.notNull(fallback, "Select.fallback");
    Nodes.notNull(pos, "pos");
  }
}
