package dev.flakegen.nix.build;

import dev.flakegen.nix.ast.MessageValues;

import dev.flakegen.nix.ast.Names;
import java.util.List;

/**
 * The DSL's validation: each failure is an {@link IllegalArgumentException} whose message names the
 * field ({@code method.parameter}), the rule and the value, as {@code FIELD RULE, was VALUE};
 * {@code null} is a {@link NullPointerException} naming the field.
 */
final class Checks {

  static final String KEYWORDS = "if then else assert with let in rec inherit";

  private Checks() {}

  static <T> T notNull(T value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
    return value;
  }

  static void require(boolean condition, String field, String rule, Object value) {
    if (!condition) {
      throw new IllegalArgumentException(field + " " + rule + ", was " + show(value));
    }
  }

  static <T> List<T> listOf(List<T> list, String field) {
    notNull(list, field);
    for (int i = 0; i < list.size(); i++) {
      notNull(list.get(i), field + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  static <T> List<T> nonEmptyListOf(List<T> list, String field) {
    List<T> copy = listOf(list, field);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    return copy;
  }

  /**
   * Text a user hands to a string or name builder: no NUL (Nix ends strings there) and valid
   * UTF-16 (a lone surrogate has no UTF-8 form).
   */
  static String text(String text, String field) {
    notNull(text, field);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException(field
            + " must not contain NUL (Nix cuts text at a NUL byte), was " + show(text));
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(field + " must be valid UTF-16 (lone surrogate at index "
            + i + "), was " + show(text));
      }
    }
    return text;
  }

  /** A name for a lambda parameter, formal or {@code @} alias. */
  static String bindableName(String name, String field) {
    notNull(name, field);
    require(Names.isIdentifier(name), field, "must be an identifier [A-Za-z_][A-Za-z0-9_'-]*",
        name);
    require(!Names.KEYWORDS.contains(name), field, "must not be a keyword (" + KEYWORDS + ")",
        name);
    require(!name.equals("or"), field,
        "must not be 'or' (Nix accepts it only as an attribute name)", name);
    return name;
  }

  /** A name for a variable reference. */
  static String variableName(String name, String field) {
    bindableName(name, field);
    require(!name.equals("__curPos"), field,
        "must not be __curPos (Nix reads it as the current position, not as a variable)", name);
    return name;
  }

  /** A value in messages: see {@link MessageValues#show}. */
  static String show(Object value) {
    return MessageValues.show(value);
  }

}
