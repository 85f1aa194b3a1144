package dev.flakegen.nix.ast;

import java.util.List;

/** Validation shared by the node constructors: messages name the field, the rule and the value. */
final class Nodes {

  private Nodes() {}

  static void notNull(Object value, String field) {
    if (value == null) {
      throw new NullPointerException(field + " must not be null");
    }
  }

  static void require(boolean condition, String field, String rule, Object value) {
    if (!condition) {
      throw new IllegalArgumentException(field + " " + rule + ", was " + show(value));
    }
  }

  static <T> List<T> listOf(List<T> list, String field) {
    notNull(list, field);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new NullPointerException(field + "[" + i + "] must not be null");
      }
    }
    return List.copyOf(list);
  }

  static <T> List<T> nonEmptyListOf(List<T> list, String field) {
    List<T> copy = listOf(list, field);
    require(!copy.isEmpty(), field, "must not be empty", copy);
    return copy;
  }

  /**
   * Text whose bytes are defined: UTF-16 surrogates only in pairs or as U+DC80..U+DCFF, which
   * stand for raw bytes that are not UTF-8. (NUL can occur in parsed strings; builders that take
   * user text reject it, since Nix cuts strings there when it evaluates them.)
   */
  static void requireNixText(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new IllegalArgumentException(field + " must be valid UTF-16 (unpaired surrogate at "
            + i + "), was " + show(text));
      }
      if (Character.isLowSurrogate(c) && (c < 0xDC80 || c > 0xDCFF)) {
        throw new IllegalArgumentException(field + " must be valid UTF-16 (unpaired surrogate at "
            + i + "), was " + show(text));
      }
    }
  }

  private static String show(Object value) {
    return MessageValues.show(value);
  }
}
