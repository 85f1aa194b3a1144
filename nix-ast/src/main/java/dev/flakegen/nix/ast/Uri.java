package dev.flakegen.nix.ast;

/** An unquoted URI literal such as {@code https://example.org/x}; Nix reads it as a string. */
public record Uri(String text, SourcePos pos) implements Expr {
  public Uri {
    Nodes.notNull(text, "Uri.text");
    Nodes.require(Names.isUri(text), "Uri.text",
        "must be scheme:rest with Nix's URI characters", text);
    Nodes.notNull(pos, "pos");
  }
}
