package dev.flakegen.nix.ast;

/**
 * A run of ordinary text in an indented string, exactly as written, indentation included. It
 * contains no {@code ''} and no {@code ${}, and does not end in a lone {@code $} or {@code '}:
 * the text of one lexer token.
 */
public record RawText(String text) implements IndentedPart {
  public RawText {
    Nodes.notNull(text, "RawText.text");
    Nodes.require(IndentedStrings.isRawRun(text), "RawText.text",
        "must be one run of plain indented-string text (no '', no ${, not ending in $ or ')", text);
  }
}
