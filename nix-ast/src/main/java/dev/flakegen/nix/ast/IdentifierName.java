package dev.flakegen.nix.ast;

/** A bare attribute name such as {@code a} or {@code or}. */
public record IdentifierName(String name) implements AttrName {
  public IdentifierName {
    Nodes.notNull(name, "IdentifierName.name");
    Nodes.require(Names.isBareAttributeName(name), "IdentifierName.name",
        "must be an identifier [A-Za-z_][A-Za-z0-9_'-]* that is not a keyword (quote it instead)",
        name);
  }

  @Override
  public String staticName() {
    return name;
  }
}
