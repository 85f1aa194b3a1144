package dev.flakegen.nix.ast;

import java.util.Objects;

/**
 * The language flakegen parses: a Nix version and the experimental language features enabled
 * (only {@code pipe-operators} changes the parser; Nix 2.24 and newer have it, off by default).
 */
public record NixDialect(NixVersion version, boolean pipeOperators) {

  /** Nix 2.8, as Debian bookworm has it. */
  public static final NixDialect NIX_2_8 = new NixDialect(NixVersion.NIX_2_8, false);

  /** Nix 2.26 with its default settings (no experimental features). */
  public static final NixDialect NIX_2_26 = new NixDialect(NixVersion.NIX_2_26, false);

  public NixDialect {
    Objects.requireNonNull(version, "version");
    if (pipeOperators && !version.atLeast(NixVersion.NIX_2_26)) {
      throw new IllegalArgumentException("Nix " + version.number()
          + " has no pipe-operators feature");
    }
  }

  /** {@code version} with its default settings. */
  public static NixDialect of(NixVersion version) {
    return new NixDialect(version, false);
  }

  /** The same version with the {@code pipe-operators} experimental feature enabled. */
  public NixDialect withPipeOperators() {
    return new NixDialect(version, true);
  }
}
