package dev.flakegen.nix.ast;

import java.util.List;
import java.util.Optional;

/**
 * {@code inherit a b;} or {@code inherit (from) a b;}. {@code pos} is the {@code inherit} keyword;
 * {@code namesPos} is where the name list starts (right after {@code inherit} or the closing
 * parenthesis), the position Nix reports for clashes.
 */
public record Inherit(Optional<Expr> from, List<AttrName> names, SourcePos pos, SourcePos namesPos)
    implements Binding {
  public Inherit {
    Nodes.notNull(from, "Inherit.from");
    names = Nodes.listOf(names, "Inherit.names");
    Nodes.notNull(pos, "pos");
    Nodes.notNull(namesPos, "namesPos");
  }
}
