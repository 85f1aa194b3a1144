package dev.flakegen.nixdriver;

/**
 * Whether {@link NixDriver#replicate} lets the target store check signatures. Paths built
 * locally are not signed, so copying them back from a binary cache needs {@link #DO_NOT_CHECK}
 * ({@code --no-check-sigs}).
 */
public enum SignaturePolicy {
  /** Nix's default: the target store accepts only paths signed by a key it trusts. */
  CHECK,
  /** {@code --no-check-sigs}: accept unsigned paths (only for stores you trust). */
  DO_NOT_CHECK
}
