package dev.flakegen.nix.ast;

import java.util.List;

/** The has-attribute test {@code e ? a.b}. */
public record HasAttribute(Expr target, List<AttrName> path, SourcePos pos) implements Expr {
  public HasAttribute {
    Nodes.notNull(target, "HasAttribute.target");
    path = Nodes.nonEmptyListOf(path, "HasAttribute.path");
    Nodes.notNull(pos, "pos");
  }
}
