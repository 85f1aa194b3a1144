package dev.flakegen.bindings;

import dev.flakegen.nix.ast.Expr;
import java.util.Objects;
import java.util.Optional;

/**
 * One formal of a Nix function's set pattern, as found in the source.
 *
 * @param nixName the formal's name in Nix ({@code yq-go})
 * @param fallback its default expression, if it has one ({@code b ? 2}); without one, the
 *     formal is required
 * @param defaultText the default as written in the source ({@code 2}), if it has one
 * @param doc the comment written just above the formal or after it on its line, without the
 *     comment markers, if any
 */
public record NixFormal(String nixName, Optional<Expr> fallback, Optional<String> defaultText,
    Optional<String> doc) {

  public NixFormal {
    Objects.requireNonNull(nixName, "nixName");
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(defaultText, "defaultText");
    Objects.requireNonNull(doc, "doc");
    if (fallback.isPresent() != defaultText.isPresent()) {
      throw new IllegalArgumentException("fallback and defaultText go together, for " + nixName);
    }
  }

  /** Whether a call must give this formal (it has no default). */
  public boolean required() {
    return fallback.isEmpty();
  }
}
