package dev.flakegen.nix.build;

import dev.flakegen.nix.ast.Escape;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.RawText;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Variable;
import java.util.List;

/**
 * Test-only: Nix source text for string nodes, written the way the readable printer is specified
 * to write them, so that the text form itself can be checked against Nix (the readable printer
 * lives on another branch).
 *
 * <ul>
 *   <li>{@code "…"}: {@code \ " LF CR TAB} escaped as {@code \\ \" \n \r \t}, <code>${</code> as
 *       <code>\${</code>, a {@code $} right before an interpolation as {@code \$}; everything else
 *       verbatim.
 *   <li>{@code ''…''}: {@code ''} and a line feed, raw text verbatim, escapes as {@code '''},
 *       {@code ''$}, {@code ''\'}, {@code ''\n}, {@code ''\r}, {@code ''\t} or {@code ''\} and the
 *       character, then {@code ''}. With {@code indent > 0}, every line that has something on it
 *       is indented by that many spaces, and so is the closing {@code ''} after a final line feed,
 *       as a printer nesting the string would do.
 * </ul>
 */
final class StringSource {

  private StringSource() {}

  static String of(Expr expr) {
    return of(expr, 0);
  }

  static String of(Expr expr, int indent) {
    StringBuilder out = new StringBuilder();
    write(out, expr, indent);
    return out.toString();
  }

  private static void write(StringBuilder out, Expr expr, int indent) {
    if (expr instanceof StringLiteral s) {
      simple(out, s.parts(), indent);
    } else if (expr instanceof IndentedString s) {
      indented(out, s.parts(), indent);
    } else if (expr instanceof Variable v) {
      out.append(v.name());
    } else {
      throw new IllegalArgumentException("StringSource writes strings and variables only: " + expr);
    }
  }

  private static void simple(StringBuilder out, List<StringPart> parts, int indent) {
    out.append('"');
    for (int p = 0; p < parts.size(); p++) {
      if (parts.get(p) instanceof Interpolation interpolation) {
        out.append("${");
        write(out, interpolation.expr(), indent);
        out.append('}');
        continue;
      }
      String text = ((Text) parts.get(p)).text();
      boolean beforeInterpolation = p + 1 < parts.size();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '\\' -> out.append("\\\\");
          case '"' -> out.append("\\\"");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          case '$' -> {
            boolean last = i + 1 == text.length();
            boolean escape = last ? beforeInterpolation : text.charAt(i + 1) == '{';
            out.append(escape ? "\\$" : "$");
          }
          default -> out.append(c);
        }
      }
    }
    out.append('"');
  }

  private static void indented(StringBuilder out, List<IndentedPart> parts, int indent) {
    String pad = " ".repeat(indent);
    out.append("''\n");
    boolean lineStart = true;
    boolean any = false;
    for (IndentedPart part : parts) {
      any = true;
      if (part instanceof RawText raw) {
        for (int i = 0; i < raw.text().length(); i++) {
          char c = raw.text().charAt(i);
          if (lineStart && c != '\n') {
            out.append(pad);
          }
          out.append(c);
          lineStart = c == '\n';
        }
        continue;
      }
      if (lineStart) {
        out.append(pad);
        lineStart = false;
      }
      if (part instanceof Interpolation interpolation) {
        out.append("${");
        write(out, interpolation.expr(), indent);
        out.append('}');
      } else {
        out.append(escape(((Escape) part).value()));
      }
    }
    if (any && lineStart) {
      out.append(pad);
    }
    out.append("''");
  }

  /**
   * Whether indenting the source form keeps every indented string's pieces: false when one starts
   * with an escape or interpolation, where the indentation becomes a piece of its own (that
   * strips to the empty string, which Nix 2.8 keeps).
   */
  static boolean reindentKeepsPieces(Expr expr) {
    if (expr instanceof IndentedString s) {
      if (!s.parts().isEmpty() && !(s.parts().get(0) instanceof RawText)) {
        return false;
      }
      return s.parts().stream().allMatch(
          p -> !(p instanceof Interpolation i) || reindentKeepsPieces(i.expr()));
    }
    if (expr instanceof StringLiteral s) {
      return s.parts().stream().allMatch(
          p -> !(p instanceof Interpolation i) || reindentKeepsPieces(i.expr()));
    }
    return true;
  }

  /**
   * What a string node means: its texts joined (empty ones dropped) and its interpolations, each
   * interpolated string by its meaning too.
   */
  static List<Object> meaning(Expr expr) {
    List<? extends Object> parts;
    if (expr instanceof IndentedString s) {
      parts = s.strippedParts();
    } else if (expr instanceof StringLiteral s) {
      parts = s.parts();
    } else {
      return List.of(expr);
    }
    List<Object> out = new java.util.ArrayList<>();
    for (Object part : parts) {
      if (part instanceof Text t) {
        if (t.text().isEmpty()) {
          continue;
        }
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof String previous) {
          out.set(out.size() - 1, previous + t.text());
        } else {
          out.add(t.text());
        }
      } else {
        out.add(meaning(((Interpolation) part).expr()));
      }
    }
    return out;
  }

  private static String escape(String value) {
    return switch (value) {
      case "''" -> "'''";
      case "$" -> "''$";
      case "'" -> "''\\'";
      case "\n" -> "''\\n";
      case "\r" -> "''\\r";
      case "\t" -> "''\\t";
      case "n", "r", "t" -> throw new IllegalArgumentException(
          "no indented-string escape stands for the letter " + value);
      default -> "''\\" + value;
    };
  }
}
