package dev.flakegen.nix.ast;

/** The {@code x} of {@code x: body}. */
public record NamedParameter(String name) implements Parameter {
  public NamedParameter {
    Nodes.notNull(name, "NamedParameter.name");
    Nodes.require(Names.isBindableName(name), "NamedParameter.name",
        "must be an identifier [A-Za-z_][A-Za-z0-9_'-]* that is not a keyword or 'or'", name);
  }
}
