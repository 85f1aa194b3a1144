package dev.flakegen.nix.ast;

import java.util.Optional;

/** One formal of a set pattern: {@code name} or {@code name ? default}. */
public record Formal(String name, Optional<Expr> fallback, SourcePos pos) {
  public Formal {
    Nodes.notNull(name, "Formal.name");
    Nodes.require(Names.isBindableName(name), "Formal.name",
        "must be an identifier [A-Za-z_][A-Za-z0-9_'-]* that is not a keyword or 'or'", name);
    Nodes.notNull(fallback, "Formal.fallback");
    Nodes.notNull(pos, "pos");
  }
}
