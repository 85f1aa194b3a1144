package dev.flakegen.nix.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites canonical {@code nix-instantiate --parse} output so that the order of {@code let}
 * bindings and of formals no longer matters (each list sorted), for comparing files whose order
 * Nix 2.8 leaves to its heap: those that intern more than 19 new names.
 */
public final class CanonicalOrder {

  private final String text;
  private int pos;

  private CanonicalOrder(String text) {
    this.text = text;
  }

  /** {@code canonical} with every let-binding list and formals list sorted. */
  public static String normalize(String canonical) {
    CanonicalOrder parser = new CanonicalOrder(canonical);
    List<String> units = parser.units((char) 0);
    return String.join("", units);
  }

  /** Units up to the closing {@code close}: single characters, strings, and whole groups. */
  private List<String> units(char close) {
    List<String> units = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == close) {
        return units;
      }
      if (c == '"') {
        StringBuilder string = new StringBuilder("\"");
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
          if (text.startsWith("${", pos)) {
            // A dynamic attribute name "${E}": E may hold strings, lets and formals of its own.
            pos += 2;
            string.append("${").append(String.join("", units('}'))).append('}');
            pos++;
          } else {
            int end = Math.min(text.length(), pos + (text.charAt(pos) == '\\' ? 2 : 1));
            string.append(text, pos, end);
            pos = end;
          }
        }
        pos++;
        units.add(string.append(pos <= text.length() ? "\"" : "").toString());
      } else if (c == '(' || c == '[' || c == '{') {
        pos++;
        char closing = c == '(' ? ')' : c == '[' ? ']' : '}';
        List<String> inner = units(closing);
        pos++;
        units.add(c + render(c, inner) + closing);
      } else {
        units.add(String.valueOf(c));
        pos++;
      }
    }
    return units;
  }

  private static String render(char open, List<String> units) {
    if (open == '(' && startsWith(units, 0, "let ")) {
      int end = 4;
      List<String> bindings = new ArrayList<>();
      int start = 4;
      while (end < units.size() && !startsWith(units, end, "in ")) {
        if (startsWith(units, end, "; ")) {
          bindings.add(String.join("", units.subList(start, end + 2)));
          end += 2;
          start = end;
        } else {
          end++;
        }
      }
      bindings.sort(null);
      return "let " + String.join("", bindings) + String.join("", units.subList(end, units.size()));
    }
    if (open == '(' && !units.isEmpty() && units.get(0).startsWith("{")
        && (startsWith(units, 1, ": ") || startsWith(units, 1, " @ "))) {
      String formals = units.get(0);
      List<String> inner = new CanonicalOrder(formals.substring(1, formals.length() - 1))
          .units((char) 0);
      List<String> items = new ArrayList<>();
      int start = 0;
      for (int i = 0; i <= inner.size(); i++) {
        if (i == inner.size() || startsWith(inner, i, ", ")) {
          items.add(String.join("", inner.subList(start, i)).strip());
          start = i + 2;
          i++;
        }
      }
      items.sort(null);
      List<String> rest = new ArrayList<>(units.subList(1, units.size()));
      return "{ " + String.join(", ", items) + " }" + String.join("", rest);
    }
    return String.join("", units);
  }

  private static boolean startsWith(List<String> units, int index, String s) {
    if (index + s.length() > units.size()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!units.get(index + i).equals(String.valueOf(s.charAt(i)))) {
        return false;
      }
    }
    return true;
  }
}
