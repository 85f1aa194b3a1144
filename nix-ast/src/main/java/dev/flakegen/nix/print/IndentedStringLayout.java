package dev.flakegen.nix.print;

import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedStrings;
import dev.flakegen.nix.ast.RawText;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-indents the content of a multi-line indented string for printing: every line's common
 * indentation is replaced by the indentation of the place the string is printed at, and a last
 * line of only spaces becomes the line of the closing {@code ''}. The result is used only when Nix
 * strips it to exactly the same pieces as the original (checked with
 * {@link IndentedStrings#strip}); escaped line feeds followed by spaces, for instance, can defeat
 * re-indenting, and such strings are printed verbatim.
 */
final class IndentedStringLayout {

  private IndentedStringLayout() {}

  /** Whether the string spans several lines in the source (a raw line feed). */
  static boolean isMultiline(List<IndentedPart> parts) {
    for (IndentedPart part : parts) {
      if (part instanceof RawText raw && raw.text().indexOf('\n') >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The pieces to print after {@code ''} and a line feed, content lines indented by
   * {@code contentIndent} spaces and the closing {@code ''} on a line of its own indented by
   * {@code closingIndent} when the content ends with a line feed; or null when re-indenting would
   * change the string.
   */
  static List<IndentedPart> reindent(List<IndentedPart> parts, int contentIndent,
      int closingIndent) {
    try {
      return reindentOrNull(parts, contentIndent, closingIndent);
    } catch (IllegalArgumentException e) {
      // A piece that is no longer one lexer token: keep the original.
      return null;
    }
  }

  private static List<IndentedPart> reindentOrNull(List<IndentedPart> parts, int contentIndent,
      int closingIndent) {
    int min = IndentedStrings.minIndent(parts);
    List<IndentedPart> out = new ArrayList<>(parts.size() + 2);
    StringBuilder raw = new StringBuilder();
    boolean atLineStart = true;
    boolean closingPlaced = false;
    for (int i = 0; i < parts.size(); i++) {
      IndentedPart part = parts.get(i);
      if (!(part instanceof RawText rawText)) {
        if (atLineStart) {
          raw.append(" ".repeat(Math.max(0, contentIndent - min)));
          atLineStart = false;
        }
        flush(raw, out);
        out.add(part);
        continue;
      }
      String s = rawText.text();
      int j = 0;
      while (j < s.length()) {
        if (!atLineStart) {
          char c = s.charAt(j++);
          raw.append(c);
          atLineStart = c == '\n';
          continue;
        }
        int spaces = 0;
        while (j + spaces < s.length() && s.charAt(j + spaces) == ' ') {
          spaces++;
        }
        int after = j + spaces;
        if (after < s.length() && s.charAt(after) == '\n') {
          if (spaces > min) {
            raw.append(" ".repeat(contentIndent + spaces - min));
          }
          raw.append('\n');
          j = after + 1;
        } else if (after < s.length()) {
          raw.append(" ".repeat(contentIndent + spaces - min));
          atLineStart = false;
          j = after;
        } else if (i == parts.size() - 1) {
          // A last line of spaces is dropped by Nix: the closing '' goes there.
          raw.append(" ".repeat(closingIndent));
          closingPlaced = true;
          j = after;
        } else {
          raw.append(" ".repeat(contentIndent + spaces - min));
          atLineStart = false;
          j = after;
        }
      }
    }
    if (atLineStart && !closingPlaced && !parts.isEmpty() && parts.get(parts.size() - 1) instanceof RawText) {
      raw.append(" ".repeat(closingIndent));
    }
    flush(raw, out);
    return IndentedStrings.strip(out).equals(IndentedStrings.strip(parts)) ? List.copyOf(out)
        : null;
  }

  private static void flush(StringBuilder raw, List<IndentedPart> out) {
    if (raw.length() > 0) {
      out.add(new RawText(raw.toString()));
      raw.setLength(0);
    }
  }

}
