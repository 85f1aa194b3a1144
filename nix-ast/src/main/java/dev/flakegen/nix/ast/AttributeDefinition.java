package dev.flakegen.nix.ast;

import java.util.List;

/** {@code a.b.c = value;}. {@code pos} is the start of the attribute path. */
public record AttributeDefinition(List<AttrName> path, Expr value, SourcePos pos)
    implements Binding {
  public AttributeDefinition {
    path = Nodes.nonEmptyListOf(path, "AttributeDefinition.path");
    Nodes.notNull(value, "AttributeDefinition.value");
    Nodes.notNull(pos, "pos");
  }
}
