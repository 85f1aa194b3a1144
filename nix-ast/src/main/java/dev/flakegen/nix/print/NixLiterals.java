package dev.flakegen.nix.print;

import dev.flakegen.nix.ast.Escape;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * How literal values are written in Nix source: one function per kind of literal, each the only
 * place that escapes that kind.
 */
public final class NixLiterals {

  private NixLiterals() {}

  /**
   * A piece of {@code "…"} text as Nix source, without the quotes. {@code \ " LF CR TAB} are
   * escaped ({@code \n \r \t}, since a raw CR would be read back as LF), <code>${</code> becomes
   * <code>\${</code>, and a NUL becomes a backslash followed by the NUL (the lexer stops a string
   * piece at an unescaped NUL). When an interpolation follows the piece ({@code
   * beforeInterpolation}), a final {@code $} is written {@code \$}: <code>$${</code> would not start
   * one. Everything else, non-ASCII included, is written as it is.
   */
  public static String simpleStringText(String text, boolean beforeInterpolation) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\\0");
        case '$' -> {
          boolean brace = i + 1 < n ? text.charAt(i + 1) == '{' : beforeInterpolation;
          out.append(brace ? "\\$" : "$");
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * An escaped piece of an indented string as Nix source: {@code '''} for {@code ''},
   * {@code ''$} for {@code $}, {@code ''\'} for {@code '}, {@code ''\n ''\r ''\t} for LF, CR,
   * TAB, and {@code ''\c} for any other byte. The letters {@code n r t} cannot be written as an
   * escape (the lexer never makes such a piece); they are written as plain text.
   */
  public static String indentedEscape(Escape escape) {
    String v = escape.value();
    return switch (v) {
      case "''" -> "'''";
      case "$" -> "''$";
      case "\n" -> "''\\n";
      case "\r" -> "''\\r";
      case "\t" -> "''\\t";
      case "n", "r", "t" -> v;
      default -> "''\\" + v;
    };
  }

  /**
   * A float literal: the fewest significant digits that read back as the same double, in a form
   * Nix's lexer reads as a float ({@code [1-9][0-9]*\.[0-9]*} or {@code 0?\.[0-9]+}, optional
   * exponent): plain notation with at least one digit after the point when the decimal exponent
   * is in [-5, 15], else {@code d.ddde±x}.
   */
  public static String floatLiteral(double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("not a Nix float literal: " + value);
    }
    if (value == 0) {
      return "0.0";
    }
    BigDecimal exact = new BigDecimal(value);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (Double.parseDouble(rounded.toString()) == value) {
        shortest = rounded;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    int exponent = shortest.precision() - shortest.scale() - 1;
    if (exponent >= -5 && exponent <= 15) {
      String plain = shortest.toPlainString();
      return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }
    String digits = shortest.unscaledValue().toString();
    String fraction = digits.length() > 1 ? digits.substring(1) : "0";
    return digits.charAt(0) + "." + fraction + "e" + exponent;
  }
}
