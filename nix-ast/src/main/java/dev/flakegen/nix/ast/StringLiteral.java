package dev.flakegen.nix.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * A double-quoted string {@code "…"}: text (unescaped) and interpolations. Adjacent texts are
 * merged and empty ones dropped, as Nix does, so equal strings have equal parts.
 */
public record StringLiteral(List<StringPart> parts, SourcePos pos) implements Expr {
  public StringLiteral {
    parts = normalize(Nodes.listOf(parts, "StringLiteral.parts"));
    Nodes.notNull(pos, "pos");
  }

  /** A string without interpolations. */
  public static StringLiteral of(String text) {
    return new StringLiteral(List.of(new Text(text)), SourcePos.NONE);
  }

  /** Whether the string has no interpolation. */
  public boolean isConstant() {
    return parts.stream().allMatch(Text.class::isInstance);
  }

  /** The text of a constant string; fails if there is an interpolation. */
  public String constantText() {
    if (!isConstant()) {
      throw new IllegalStateException("string has interpolations");
    }
    return parts.isEmpty() ? "" : ((Text) parts.get(0)).text();
  }

  static List<StringPart> normalize(List<StringPart> parts) {
    if (parts.size() == 1 && parts.get(0) instanceof Text only && !only.text().isEmpty()) {
      Nodes.requireNixText(only.text(), "StringLiteral.parts");
      return List.copyOf(parts);
    }
    List<StringPart> out = new ArrayList<>(parts.size());
    for (StringPart part : parts) {
      if (part instanceof Text text) {
        Nodes.requireNixText(text.text(), "StringLiteral.parts");
        if (text.text().isEmpty()) {
          continue;
        }
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof Text previous) {
          out.set(out.size() - 1, new Text(previous.text() + text.text()));
          continue;
        }
      }
      out.add(part);
    }
    return List.copyOf(out);
  }
}
