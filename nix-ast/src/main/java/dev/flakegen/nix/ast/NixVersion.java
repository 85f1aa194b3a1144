package dev.flakegen.nix.ast;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Nix release whose language flakegen parses, checks and prints: what it accepts, its error
 * messages and positions, and the text of {@code nix-instantiate --parse}.
 *
 * <p>{@link #NIX_2_26} is today's Nix (Debian trixie's {@code nix-bin}; Nix 2.34 prints the same
 * canonical text, with other words in syntax errors): {@code let} bindings and formals printed
 * sorted, runs of {@code inherit} printed together, attribute sets merged recursively, NUL bytes in
 * strings refused, and the pipe operators behind their experimental feature. {@link #NIX_2_8} is
 * Debian bookworm's.
 */
public enum NixVersion {
  NIX_2_8("2.8"),
  NIX_2_26("2.26");

  private final String number;

  NixVersion(String number) {
    this.number = number;
  }

  /** "2.8" or "2.26". */
  public String number() {
    return number;
  }

  /** The version written as {@code 2.8} or {@code 2.26} (also {@code 2.8.0}, {@code 2.26.3}). */
  public static NixVersion of(String text) {
    for (NixVersion version : values()) {
      if (text.equals(version.number) || text.startsWith(version.number + ".")) {
        return version;
      }
    }
    throw new IllegalArgumentException(
        "unknown Nix version '"
            + text
            + "' (known: "
            + Arrays.stream(values()).map(NixVersion::number).collect(Collectors.joining(", "))
            + ")");
  }

  /** Whether this version is {@code other} or newer. */
  public boolean atLeast(NixVersion other) {
    return ordinal() >= other.ordinal(); // compareTo's class checks showed in parse profiles
  }
}
