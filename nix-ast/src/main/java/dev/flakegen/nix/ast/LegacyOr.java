package dev.flakegen.nix.ast;

/**
 * The legacy form {@code e or}: {@code e} applied to the variable {@code or} (kept by Nix for an
 * old nixpkgs function named {@code or}).
 */
public record LegacyOr(Expr target, SourcePos pos) implements Expr {
  public LegacyOr {
    Nodes.notNull(target, "LegacyOr.target");
    Nodes.notNull(pos, "pos");
  }
}
