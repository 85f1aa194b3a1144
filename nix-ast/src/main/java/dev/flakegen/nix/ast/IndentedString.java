package dev.flakegen.nix.ast;

import java.util.List;

/**
 * An indented string {@code ''…''} as its pieces: raw text with its indentation, escapes and
 * interpolations. Two indented strings are equal when Nix makes the same pieces of them after
 * stripping indentation (see {@link #strippedParts()}), whatever their indentation in the source,
 * so that re-indenting one in a printer keeps it equal.
 */
public record IndentedString(List<IndentedPart> parts, SourcePos pos) implements Expr {
  public IndentedString {
    parts = IndentedStrings.normalize(Nodes.listOf(parts, "IndentedString.parts"));
    Nodes.notNull(pos, "pos");
  }

  /**
   * The pieces Nix 2.8 builds from this string: its indentation stripped, each text piece a
   * {@link Text} (empty ones kept, as Nix 2.8 keeps them), interpolations as they are.
   */
  public List<StringPart> strippedParts() {
    return IndentedStrings.strip(parts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof IndentedString that && strippedParts().equals(that.strippedParts());
  }

  @Override
  public int hashCode() {
    return strippedParts().hashCode();
  }
}
