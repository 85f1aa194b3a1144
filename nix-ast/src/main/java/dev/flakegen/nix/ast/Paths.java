package dev.flakegen.nix.ast;

import java.util.List;

/** Nix's lexical rules for path and search-path literals. */
final class Paths {

  private Paths() {}

  static boolean isPathChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
        || c == '.' || c == '_' || c == '+' || c == '-';
  }

  /** {@code PC* ('/' PC+)+ '/'?}, with or without the trailing slash as asked. */
  static boolean isPathToken(String s, boolean trailingSlashAllowed) {
    int i = 0;
    int n = s.length();
    while (i < n && isPathChar(s.charAt(i))) {
      i++;
    }
    return isSegments(s, i, trailingSlashAllowed);
  }

  /** {@code ~ ('/' PC+)+ '/'?}. */
  static boolean isHomePathToken(String s, boolean trailingSlashAllowed) {
    return s.startsWith("~") && isSegments(s, 1, trailingSlashAllowed);
  }

  private static boolean isSegments(String s, int from, boolean trailingSlashAllowed) {
    int n = s.length();
    int i = from;
    int segments = 0;
    while (i < n) {
      if (s.charAt(i) != '/') {
        return false;
      }
      i++;
      int start = i;
      while (i < n && isPathChar(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return trailingSlashAllowed && i == n && segments > 0;
      }
      segments++;
    }
    return segments > 0;
  }

  /** Whether the lexer reads {@code text} (path characters and '/') as exactly one piece. */
  private static boolean isSinglePathPiece(String text) {
    return isPathToken(text, true) || isPathSegment(text) || text.chars().allMatch(
        c -> isPathChar((char) c));
  }

  /** {@code PC* '/'}: a first segment that an interpolation may follow. */
  static boolean isPathSegment(String s) {
    if (s.isEmpty() || s.charAt(s.length() - 1) != '/') {
      return false;
    }
    for (int i = 0; i < s.length() - 1; i++) {
      if (!isPathChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code PC+ ('/' PC+)*}, the inside of {@code <…>}. */
  static boolean isSearchPath(String s) {
    return !s.startsWith("/") && isPathToken("x/" + s, false);
  }

  static void validate(List<StringPart> parts) {
    Nodes.require(!parts.isEmpty() && parts.get(0) instanceof Text, "PathLiteral.parts",
        "must start with the path's first segment as Text", parts);
    String head = ((Text) parts.get(0)).text();
    if (parts.size() == 1) {
      Nodes.require(isPathToken(head, false) || isHomePathToken(head, false), "PathLiteral.parts",
          "must be a path such as ./a, /a/b or ~/a (with a '/', path characters"
              + " [A-Za-z0-9._+-], no empty segment, no trailing '/')", head);
      return;
    }
    Nodes.require(isPathToken(head, true) || isPathSegment(head) || isHomePathToken(head, true)
            || head.equals("~/"), "PathLiteral.parts",
        "must start with a path segment such as ./a/, ./a, / or ~/ before an interpolation", head);
    int firstInterpolation = 1;
    if (parts.get(1) instanceof Text between) {
      // Nix's lexer allows one piece between the first segment and the first interpolation: text
      // that a path token cannot take, starting with a second '/' (./a//b${x}).
      String text = between.text();
      Nodes.require(head.endsWith("/") && text.startsWith("/")
              && text.chars().allMatch(c -> c == '/' || isPathChar((char) c))
              && isSinglePathPiece(text), "PathLiteral.parts",
          "text before the first interpolation must be one path piece after a '/' ending the"
              + " first segment, starting with '/'", text);
      firstInterpolation = 2;
    }
    Nodes.require(parts.size() > firstInterpolation
            && parts.get(firstInterpolation) instanceof Interpolation, "PathLiteral.parts",
        "must have an interpolation after the first segment and at most one text piece", parts);
    for (int i = firstInterpolation + 1; i < parts.size(); i++) {
      StringPart part = parts.get(i);
      if (part instanceof Text text) {
        String s = text.text();
        Nodes.require(!(parts.get(i - 1) instanceof Text), "PathLiteral.parts",
            "must not have two texts in a row", parts);
        Nodes.require(!s.isEmpty() && s.chars().allMatch(c -> c == '/' || isPathChar((char) c)),
            "PathLiteral.parts", "text after an interpolation must be path characters and '/'", s);
        Nodes.require(i < parts.size() - 1 || !s.endsWith("/"), "PathLiteral.parts",
            "must not end in '/'", s);
      }
    }
  }
}
