package dev.flakegen.nix.ast;

/** A quoted attribute name {@code "a b"}; with interpolations it is dynamic. */
public record StringName(StringLiteral string) implements AttrName {
  public StringName {
    Nodes.notNull(string, "StringName.string");
  }

  @Override
  public String staticName() {
    return string.isConstant() ? string.constantText() : null;
  }
}
