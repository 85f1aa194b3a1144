package dev.flakegen.nix.ast;

import java.util.ArrayList;
import java.util.List;

/** Nix 2.8's rules for the pieces of indented strings, and its indentation stripping. */
public final class IndentedStrings {

  private IndentedStrings() {}

  /**
   * Whether {@code text} is one run of plain text as the lexer reads it:
   * {@code ([^$']|$[^{']|'[^'$])+}.
   */
  public static boolean isRawRun(String text) {
    int n = text.length();
    if (n == 0) {
      return false;
    }
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '$') {
        if (i + 1 >= n || text.charAt(i + 1) == '{' || text.charAt(i + 1) == '\'') {
          return false;
        }
        i += 2;
      } else if (c == '\'') {
        if (i + 1 >= n || text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '$') {
          return false;
        }
        i += 2;
      } else {
        i++;
      }
    }
    return true;
  }

  static List<IndentedPart> normalize(List<IndentedPart> parts) {
    List<IndentedPart> out = new ArrayList<>(parts.size());
    for (IndentedPart part : parts) {
      if (part instanceof RawText raw) {
        Nodes.requireNixText(raw.text(), "IndentedString.parts");
        if (!out.isEmpty() && out.get(out.size() - 1) instanceof RawText previous) {
          out.set(out.size() - 1, new RawText(previous.text() + raw.text()));
          continue;
        }
      }
      out.add(part);
    }
    return List.copyOf(out);
  }

  /**
   * Strips indentation exactly as Nix 2.8 does: the smallest indentation of the lines that have
   * content (counted in raw text; escapes and interpolations end a line's indentation) is removed
   * from every line, and a last line of only spaces is dropped. Every text piece stays a piece of
   * its own, empty ones included.
   */
  public static List<StringPart> strip(List<IndentedPart> parts) {
    int minIndent = minIndent(parts);
    List<StringPart> out = new ArrayList<>(parts.size());
    boolean atStartOfLine = true;
    int curDropped = 0;
    for (int i = 0; i < parts.size(); i++) {
      IndentedPart part = parts.get(i);
      if (part instanceof Interpolation interpolation) {
        atStartOfLine = false;
        curDropped = 0;
        out.add(interpolation);
        continue;
      }
      String s = part instanceof RawText raw ? raw.text() : ((Escape) part).value();
      StringBuilder kept = new StringBuilder(s.length());
      for (int j = 0; j < s.length(); j++) {
        char c = s.charAt(j);
        if (atStartOfLine) {
          if (c == ' ') {
            if (curDropped++ >= minIndent) {
              kept.append(c);
            }
          } else if (c == '\n') {
            curDropped = 0;
            kept.append(c);
          } else {
            atStartOfLine = false;
            curDropped = 0;
            kept.append(c);
          }
        } else {
          kept.append(c);
          if (c == '\n') {
            atStartOfLine = true;
          }
        }
      }
      if (i == parts.size() - 1) {
        int lastNewline = kept.lastIndexOf("\n");
        if (lastNewline >= 0 && onlySpacesAfter(kept, lastNewline + 1)) {
          kept.setLength(lastNewline + 1);
        }
      }
      out.add(new Text(kept.toString()));
    }
    return List.copyOf(out);
  }

  /**
   * Nix's first pass: the least indentation (in spaces) of the lines that have content, counted
   * in raw text only (an escape or interpolation ends a line's indentation); 1,000,000, as in Nix,
   * when no line has content.
   */
  public static int minIndent(List<IndentedPart> parts) {
    boolean atStartOfLine = true;
    int minIndent = 1000000;
    int curIndent = 0;
    for (IndentedPart part : parts) {
      if (!(part instanceof RawText raw)) {
        if (atStartOfLine) {
          atStartOfLine = false;
          minIndent = Math.min(minIndent, curIndent);
        }
        continue;
      }
      String s = raw.text();
      for (int j = 0; j < s.length(); j++) {
        char c = s.charAt(j);
        if (atStartOfLine) {
          if (c == ' ') {
            curIndent++;
          } else if (c == '\n') {
            curIndent = 0;
          } else {
            atStartOfLine = false;
            minIndent = Math.min(minIndent, curIndent);
          }
        } else if (c == '\n') {
          atStartOfLine = true;
          curIndent = 0;
        }
      }
    }
    return minIndent;
  }

  private static boolean onlySpacesAfter(CharSequence s, int from) {
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) != ' ') {
        return false;
      }
    }
    return true;
  }
}
