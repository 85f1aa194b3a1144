package dev.flakegen.nix.ast;

import java.util.Set;

/** Nix's rules for identifiers, keywords and URIs. */
public final class Names {

  /** The words that can never be a bare name. {@code or} is not among them: see the methods. */
  public static final Set<String> KEYWORDS =
      Set.of("if", "then", "else", "assert", "with", "let", "in", "rec", "inherit");

  private Names() {}

  /** Whether {@code s} has the shape of an identifier: {@code [A-Za-z_][A-Za-z0-9_'-]*}. */
  public static boolean isIdentifier(String s) {
    if (s.isEmpty() || !isIdentifierStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isIdentifierPart(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isIdentifierStart(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || c >= '0' && c <= '9' || c == '\'' || c == '-';
  }

  /** Whether {@code s} can be written bare as an attribute name (so {@code or} can). */
  public static boolean isBareAttributeName(String s) {
    return isIdentifier(s) && !isKeyword(s);
  }

  /** Whether {@code s} is one of {@link #KEYWORDS}. */
  public static boolean isKeyword(String s) {
    // Most names are longer than any keyword or do not start like one.
    return s.length() >= 2 && s.length() <= 7 && "itealwr".indexOf(s.charAt(0)) >= 0
        && KEYWORDS.contains(s);
  }

  /** Whether {@code s} can name a function parameter, formal or {@code @} alias. */
  public static boolean isBindableName(String s) {
    return isBareAttributeName(s) && !s.equals("or");
  }

  /** Whether {@code s} can be written as a variable reference. */
  public static boolean isVariableName(String s) {
    return isBindableName(s) && !s.equals("__curPos");
  }

  /**
   * A Nix identifier as a lower-camel-case Java name, the one conversion flakegen uses for every
   * {@code kebab-case} name (library parameters, check arguments, bindings' formals): each
   * {@code -} after the first character starts a capital ({@code yq-go} → {@code yqGo},
   * {@code expected-setup-exit-status} → {@code expectedSetupExitStatus}), each {@code '} becomes
   * {@code Prime} ({@code x'} → {@code xPrime}), other characters stay; nothing left gives
   * {@code _}. The result is not checked against Java's keywords.
   */
  public static String camelCase(String identifier) {
    StringBuilder out = new StringBuilder(identifier.length());
    boolean upper = false;
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == '-') {
        upper = out.length() > 0;
      } else if (c == '\'') {
        out.append("Prime");
        upper = false;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.length() == 0 ? "_" : out.toString();
  }

  /** Whether {@code s} is a URI literal as Nix's lexer reads one. */
  public static boolean isUri(String s) {
    int colon = s.indexOf(':');
    if (colon < 1 || colon == s.length() - 1) {
      return false;
    }
    char first = s.charAt(0);
    if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    for (int i = colon + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c < 0x80 && (Character.isLetterOrDigit(c) || "%/?:@&=+$,-_.!~*'".indexOf(c) >= 0))) {
        return false;
      }
    }
    return true;
  }
}
