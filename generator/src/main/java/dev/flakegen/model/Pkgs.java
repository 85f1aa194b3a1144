package dev.flakegen.model;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.Nix;

/**
 * Nix expressions that name packages of the flake's package set: {@code pkgs("coreutils")} is
 * {@code pkgs.coreutils}. A free expression in the model (a lib parameter, a seed, a check's
 * diffutils) may use the variables {@code pkgs} and {@code system}.
 */
public final class Pkgs {

  private Pkgs() {}

  /** {@code pkgs.a.b…}; each name is quoted in the output when it is not an identifier. */
  public static Expr pkgs(String... attributePath) {
    return Nix.select(Nix.variable("pkgs"), attributePath);
  }
}
