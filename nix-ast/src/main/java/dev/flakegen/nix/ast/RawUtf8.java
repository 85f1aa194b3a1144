package dev.flakegen.nix.ast;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Nix works on bytes; the AST holds Java strings. This codec keeps every byte: valid UTF-8
 * becomes characters, and each byte that is not part of valid UTF-8 becomes one of
 * U+DC80..U+DCFF, which encodes back to that byte (as Python's "surrogateescape" does).
 */
public final class RawUtf8 {

  private RawUtf8() {}

  /** The bytes of {@code s}. */
  public static byte[] encode(String s) {
    if (isAscii(s)) {
      return s.getBytes(StandardCharsets.ISO_8859_1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        out.write(c);
      } else if (c >= 0xDC80 && c <= 0xDCFF) {
        out.write(c - 0xDC00);
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        out.write(0xF0 | cp >> 18);
        out.write(0x80 | cp >> 12 & 0x3F);
        out.write(0x80 | cp >> 6 & 0x3F);
        out.write(0x80 | cp & 0x3F);
      } else {
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    }
    return out.toByteArray();
  }

  /** Decodes bytes held one per char (ISO-8859-1), as the lexer sees them. */
  public static String decodeLatin1(String bytes) {
    if (isAscii(bytes)) {
      return bytes;
    }
    return decode(bytes.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Decodes {@code bytes}, keeping invalid bytes as U+DC80..U+DCFF. */
  public static String decode(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length);
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        out.append((char) b);
        i++;
        continue;
      }
      int length;
      int min;
      int cp;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
        min = 0x80;
        cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        min = 0x800;
        cp = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        out.append((char) (0xDC00 + b));
        i++;
        continue;
      }
      boolean valid = i + length <= n;
      for (int k = 1; valid && k < length; k++) {
        int next = bytes[i + k] & 0xFF;
        if ((next & 0xC0) != 0x80) {
          valid = false;
        } else {
          cp = cp << 6 | next & 0x3F;
        }
      }
      valid = valid && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
      if (!valid) {
        out.append((char) (0xDC00 + b));
        i++;
        continue;
      }
      out.appendCodePoint(cp);
      i += length;
    }
    return out.toString();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
