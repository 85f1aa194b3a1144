package dev.flakegen.nix.ast;

import java.util.List;

/**
 * An attribute set {@code { … }} or {@code rec { … }}, its bindings in source order (attribute
 * paths and inherits unmerged). {@code pos} is the position of the opening brace.
 */
public record AttributeSet(boolean recursive, List<Binding> bindings, SourcePos pos)
    implements Expr {
  public AttributeSet {
    bindings = Nodes.listOf(bindings, "AttributeSet.bindings");
    Nodes.notNull(pos, "pos");
  }
}
