package dev.flakegen.nix.parse;

import java.nio.charset.StandardCharsets;
import org.antlr.v4.runtime.Token;

/**
 * One {@code String} per distinct identifier of a source, made straight from its bytes: the same
 * name appears thousands of times in a large file, and every later use of it (symbol table,
 * scopes, attribute sets) hashes and compares it.
 */
final class NameTable {

  private final byte[] source;
  private String[] names = new String[256];
  private int size;

  NameTable(byte[] source) {
    this.source = source;
  }

  /** The text of an identifier token. */
  String of(Token token) {
    int start = token.getStartIndex();
    int length = token.getStopIndex() - start + 1;
    int hash = 1;
    for (int i = 0; i < length; i++) {
      hash = 31 * hash + source[start + i];
    }
    int mask = names.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      String name = names[slot];
      if (name == null) {
        name = new String(source, start, length, StandardCharsets.ISO_8859_1);
        names[slot] = name;
        if (++size * 2 > names.length) {
          grow();
        }
        return name;
      }
      if (matches(name, start, length)) {
        return name;
      }
    }
  }

  private boolean matches(String name, int start, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != (char) (source[start + i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    String[] old = names;
    names = new String[old.length * 2];
    int mask = names.length - 1;
    for (String name : old) {
      if (name != null) {
        int hash = 1;
        for (int i = 0; i < name.length(); i++) {
          hash = 31 * hash + (byte) name.charAt(i);
        }
        int slot = hash & mask;
        while (names[slot] != null) {
          slot = (slot + 1) & mask;
        }
        names[slot] = name;
      }
    }
  }
}
