package dev.flakegen.nix.ast;

import java.util.List;

/**
 * An attribute name {@code ${e}}. Static when {@code e} is a string Nix can see is constant: a
 * plain {@code "…"}, a URI, or an indented string that strips to one such piece.
 */
public record InterpolatedName(Expr expr, SourcePos pos) implements AttrName {
  public InterpolatedName {
    Nodes.notNull(expr, "InterpolatedName.expr");
    Nodes.notNull(pos, "pos");
  }

  @Override
  public String staticName() {
    return constantString(expr);
  }

  /** The value of {@code expr} when Nix's parser sees it as a plain string constant, else null. */
  static String constantString(Expr expr) {
    if (expr instanceof StringLiteral string) {
      return string.isConstant() ? string.constantText() : null;
    }
    if (expr instanceof Uri uri) {
      return uri.text();
    }
    if (expr instanceof IndentedString indented) {
      List<StringPart> parts = indented.strippedParts();
      if (parts.isEmpty()) {
        return "";
      }
      if (parts.size() == 1) {
        return parts.get(0) instanceof Text text ? text.text()
            : constantString(((Interpolation) parts.get(0)).expr());
      }
    }
    return null;
  }
}
