package dev.flakegen.nix.ast;

/** A variable reference such as {@code x} or {@code builtins}. */
public record Variable(String name, SourcePos pos) implements Expr {
  public Variable {
    Nodes.notNull(name, "Variable.name");
    Nodes.require(Names.isVariableName(name), "Variable.name",
        "must be an identifier [A-Za-z_][A-Za-z0-9_'-]* that is not a keyword, 'or' or __curPos",
        name);
    Nodes.notNull(pos, "pos");
  }

  public static Variable of(String name) {
    return new Variable(name, SourcePos.NONE);
  }
}
