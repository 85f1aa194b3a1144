package dev.flakegen.nix.ast;

import java.util.List;

/**
 * An attribute name {@code ${e}}. Static when {@code e} is a string Nix can see is constant: a
 * plain {@code "…"}, an indented string that strips to one piece, or a URI.
 */
public record InterpolatedName(Expr expr, SourcePos pos) implements AttrName {
  public InterpolatedName {
    Nodes.notNull(expr, "InterpolatedName.expr");
    Nodes.notNull(pos, "pos");
  }

  @Override
  public String staticName() {
    if (expr instanceof StringLiteral string && string.isConstant()) {
      return string.constantText();
    }
    if (expr instanceof Uri uri) {
      return uri.text();
    }
    if (expr instanceof IndentedString indented) {
      List<StringPart> parts = indented.strippedParts();
      if (parts.isEmpty()) {
        return "";
      }
      if (parts.size() == 1 && parts.get(0) instanceof Text text) {
        return text.text();
      }
    }
    return null;
  }
}
