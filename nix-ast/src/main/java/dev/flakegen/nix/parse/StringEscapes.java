package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.RawUtf8;

/** Nix 2.8's unescaping of string tokens, on bytes held one per char. */
final class StringEscapes {

  private StringEscapes() {}

  /**
   * A {@code "…"} text token: {@code \n \r \t} and {@code \c} for any other byte {@code c}; an
   * unescaped CR or CR LF becomes LF; an unescaped NUL ends the token's text (Nix's unescaping
   * loop stops there). The result is decoded from UTF-8 keeping raw bytes.
   */
  static String unescapeSimple(String bytes) {
    if (bytes.indexOf('\\') < 0 && bytes.indexOf('\r') < 0 && bytes.indexOf(0) < 0) {
      return RawUtf8.decodeLatin1(bytes);
    }
    StringBuilder out = new StringBuilder(bytes.length());
    for (int i = 0; i < bytes.length(); i++) {
      char c = bytes.charAt(i);
      if (c == 0) {
        break;
      }
      if (c == '\\' && i + 1 < bytes.length()) {
        out.append(unescaped(bytes.charAt(++i)));
      } else if (c == '\r') {
        out.append('\n');
        if (i + 1 < bytes.length() && bytes.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        out.append(c);
      }
    }
    return RawUtf8.decodeLatin1(out.toString());
  }

  /** The value of {@code ''\c} in an indented string: one byte. */
  static String unescapeByte(char c) {
    char value = unescaped(c);
    return value < 0x80 ? String.valueOf(value) : String.valueOf((char) (0xDC00 + value));
  }

  private static char unescaped(char c) {
    return switch (c) {
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      default -> c;
    };
  }
}
