package dev.flakegen.model;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.Nix;
import java.util.Set;

/**
 * Nix expressions that name packages of the flake's package set: {@code pkgs("coreutils")} is
 * {@code pkgs.coreutils}. A free expression in the model (a lib parameter, a seed, a check's
 * diffutils) may use the variables {@code pkgs} and {@code system}.
 */
public final class Pkgs {

  private Pkgs() {}

  /**
   * A free expression written in Nix that may use {@code pkgs} and {@code system}, e.g.
   * {@code expression("pkgs.python3.withPackages (ps: [ ps.requests ])")}: parsed with the
   * project's grammar and checked ({@link Nix#parseFragment}).
   *
   * @throws IllegalArgumentException with Nix's message and position when it is not valid Nix
   */
  public static Expr expression(String nixText) {
    return Nix.parseFragment(nixText, Set.of("pkgs", "system"));
  }

  /** {@code pkgs.a.b…}; each name is quoted in the output when it is not an identifier. */
  public static Expr pkgs(String... attributePath) {
    return Nix.select(Nix.variable("pkgs"), attributePath);
  }
}
