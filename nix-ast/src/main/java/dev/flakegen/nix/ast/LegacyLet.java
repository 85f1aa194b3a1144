package dev.flakegen.nix.ast;

import java.util.List;

/** The old {@code let { …; body = …; }}: a recursive set of which {@code body} is the value. */
public record LegacyLet(List<Binding> bindings, SourcePos pos) implements Expr {
  public LegacyLet {
    bindings = Nodes.listOf(bindings, "LegacyLet.bindings");
    Nodes.notNull(pos, "pos");
  }
}
