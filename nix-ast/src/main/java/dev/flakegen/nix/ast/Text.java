package dev.flakegen.nix.ast;

/** Literal text of a string or path, already unescaped. */
public record Text(String text) implements StringPart {
  public Text {
    Nodes.notNull(text, "Text.text");
  }
}
