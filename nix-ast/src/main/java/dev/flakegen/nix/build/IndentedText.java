package dev.flakegen.nix.build;

import dev.flakegen.nix.ast.Escape;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.IndentedStrings;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.RawText;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * The escaper for indented strings: turns text and interpolations into the lexer-level pieces of
 * an {@code ''…''} string whose value, after Nix's indentation stripping, is exactly that text.
 *
 * <p>The pieces assume a printer that writes {@code ''} and a line feed, then each
 * {@link RawText} verbatim (escapes as {@code '''}, {@code ''$}, {@code ''\c}), then {@code ''};
 * such a printer may also indent every non-empty raw line by the same number of spaces (and the
 * closing {@code ''} after a final line feed): stripping removes exactly that again.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>A line that ends, before its line feed, in a space or another whitespace character with
 *       no visible escape (anything {@link Character#isWhitespace} or
 *       {@link Character#isSpaceChar} but LF, TAB and CR) makes the whole string a {@code "…"}
 *       {@link StringLiteral}: in {@code ''…''} it could only be written as trailing whitespace,
 *       which editors and pre-commit hooks delete.
 *   <li>Indentation: if every line with content starts with a space, the first space of one such
 *       line is written {@code ''\ } (an {@link Escape}); an escape ends Nix's indentation
 *       count, so the common indentation becomes 0 and nothing is stripped. The line is the first
 *       line with content after the string's first line if there is one, so that the escape is
 *       not the string's first piece (indenting a line that starts the string adds a piece). A
 *       last line of only spaces gets the same escape, so that Nix's last-line rule does not cut
 *       it.
 *   <li>CR is written {@code ''\r}; a TAB right before a line feed {@code ''\t}; other TABs, line
 *       feeds and all other characters (non-ASCII as UTF-8) are raw text.
 *   <li>{@code ''} is written {@code '''}; a {@code $} before <code>{</code>, before {@code '},
 *       before an escape or interpolation, or at the end is written {@code ''$}; a {@code '} before
 *       {@code '}, {@code $}, an escape or interpolation, or at the end is written {@code ''\'}.
 *       Everything else, <code>$${</code> included, is literal raw text.
 * </ol>
 *
 * <p>The result is checked against {@link IndentedStrings#strip}; a mismatch is a bug here and
 * throws {@link IllegalStateException}.
 */
final class IndentedText {

  private static final char INTERPOLATION = 0;
  private static final byte RAW = 0;
  private static final byte ESCAPE = 1;
  private static final byte SKIP = 2;
  private static final byte INTERP = 3;

  private IndentedText() {}

  /**
   * The indented string of {@code parts} (validated {@link String}s and {@link Expr}s), or the
   * {@code "…"} string of them when rule 1 applies.
   */
  static Expr of(List<Object> parts) {
    StringBuilder chars = new StringBuilder();
    List<Expr> interpolations = new ArrayList<>();
    for (Object part : parts) {
      if (part instanceof String s) {
        chars.append(s);
      } else {
        chars.append(INTERPOLATION);
        interpolations.add((Expr) part);
      }
    }
    int n = chars.length();
    List<StringPart> expected = expected(chars, interpolations);
    for (int i = 1; i < n; i++) {
      if (chars.charAt(i) == '\n' && hasNoVisibleEscape(chars.charAt(i - 1))) {
        return new StringLiteral(expected, SourcePos.NONE);
      }
    }

    byte[] kind = new byte[n];
    String[] escaped = new String[n];
    for (int i = 0; i < n; i++) {
      char c = chars.charAt(i);
      if (c == INTERPOLATION) {
        kind[i] = INTERP;
      } else if (c == '\r') {
        escape(kind, escaped, i, "\r");
      } else if (c == '\t' && i + 1 < n && chars.charAt(i + 1) == '\n') {
        escape(kind, escaped, i, "\t");
      }
    }
    protectIndentation(chars, kind, escaped);
    for (int i = 0; i + 1 < n; i++) {
      if (kind[i] == RAW && kind[i + 1] == RAW && chars.charAt(i) == '\''
          && chars.charAt(i + 1) == '\'') {
        escape(kind, escaped, i, "''");
        kind[i + 1] = SKIP;
        i++;
      }
    }
    int i = 0;
    while (i < n) {
      if (kind[i] != RAW) {
        i++;
        continue;
      }
      char c = chars.charAt(i);
      boolean nextRaw = i + 1 < n && kind[i + 1] == RAW;
      char next = nextRaw ? chars.charAt(i + 1) : 0;
      if (c == '$') {
        if (nextRaw && next != '{' && next != '\'') {
          i += 2;
        } else {
          escape(kind, escaped, i++, "$");
        }
      } else if (c == '\'') {
        if (nextRaw && next != '\'' && next != '$') {
          i += 2;
        } else {
          escape(kind, escaped, i++, "'");
        }
      } else {
        i++;
      }
    }

    List<IndentedPart> pieces = new ArrayList<>();
    StringBuilder raw = new StringBuilder();
    int interpolation = 0;
    for (int j = 0; j < n; j++) {
      if (kind[j] == RAW) {
        raw.append(chars.charAt(j));
        continue;
      }
      if (kind[j] == SKIP) {
        continue;
      }
      if (raw.length() > 0) {
        pieces.add(new RawText(raw.toString()));
        raw.setLength(0);
      }
      pieces.add(kind[j] == ESCAPE ? new Escape(escaped[j])
          : new Interpolation(interpolations.get(interpolation++), SourcePos.NONE));
    }
    if (raw.length() > 0) {
      pieces.add(new RawText(raw.toString()));
    }
    IndentedString result = new IndentedString(pieces, SourcePos.NONE);
    List<StringPart> actual = merged(result.strippedParts());
    if (!actual.equals(expected)) {
      throw new IllegalStateException("bug in the indented-string escaper: " + pieces
          + " strips to " + actual + ", not " + expected);
    }
    return result;
  }

  /** Whether {@code c} at the end of a line could only be written as trailing whitespace. */
  static boolean hasNoVisibleEscape(char c) {
    return c != '\n' && c != '\t' && c != '\r' && c != INTERPOLATION
        && (Character.isWhitespace(c) || Character.isSpaceChar(c));
  }

  /** Rule 2: makes Nix's common indentation 0, and keeps a last line of only spaces. */
  private static void protectIndentation(CharSequence chars, byte[] kind, String[] escaped) {
    int n = chars.length();
    int minIndent = Integer.MAX_VALUE;
    int firstContentLine = -1;
    int laterContentLine = -1;
    int start = 0;
    while (start <= n) {
      int end = start;
      while (end < n && chars.charAt(end) != '\n') {
        end++;
      }
      int indent = 0;
      while (start + indent < end && chars.charAt(start + indent) == ' ') {
        indent++;
      }
      if (start + indent < end) {
        if (firstContentLine < 0) {
          firstContentLine = start;
        }
        if (laterContentLine < 0 && start > 0) {
          laterContentLine = start;
        }
        minIndent = Math.min(minIndent, indent);
      } else if (indent > 0 && end == n) {
        escape(kind, escaped, start, " ");
        return;
      }
      start = end + 1;
    }
    if (firstContentLine >= 0 && minIndent > 0) {
      // Not on the string's first line when there is another: there the escape would be the
      // first piece, and a printer indenting the lines would add a piece of spaces before it.
      escape(kind, escaped, laterContentLine >= 0 ? laterContentLine : firstContentLine, " ");
    }
  }

  private static void escape(byte[] kind, String[] escaped, int i, String value) {
    kind[i] = ESCAPE;
    escaped[i] = value;
  }

  private static List<StringPart> expected(CharSequence chars, List<Expr> interpolations) {
    List<StringPart> out = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int interpolation = 0;
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (c != INTERPOLATION) {
        text.append(c);
        continue;
      }
      if (text.length() > 0) {
        out.add(new Text(text.toString()));
        text.setLength(0);
      }
      out.add(new Interpolation(interpolations.get(interpolation++), SourcePos.NONE));
    }
    if (text.length() > 0) {
      out.add(new Text(text.toString()));
    }
    return out;
  }

  /** Nix's pieces with adjacent texts joined and empty ones dropped: what they evaluate to. */
  private static List<StringPart> merged(List<StringPart> parts) {
    return new StringLiteral(parts, SourcePos.NONE).parts();
  }

}
