package dev.flakegen.nix.ast;

/**
 * One escaped piece of an indented string, by its value: {@code '''} is {@code ''},
 * {@code ''$} (and a lone {@code $}) is {@code $}, a lone {@code '} is {@code '}, and
 * {@code ''\c} is {@code c} unescaped ({@code ''\n} is a newline).
 */
public record Escape(String value) implements IndentedPart {
  public Escape {
    Nodes.notNull(value, "Escape.value");
    Nodes.require(value.equals("''") || value.length() == 1 && isByte(value.charAt(0)),
        "Escape.value", "must be '' or one byte (an ASCII character, or a raw byte as"
            + " U+DC80..U+DCFF)", value);
  }

  private static boolean isByte(char c) {
    return c < 0x80 || c >= 0xDC80 && c <= 0xDCFF;
  }
}
