package dev.flakegen.nixdriver;

/**
 * Receives what Nix writes on standard error while it works, one line at a time as it comes:
 * {@code building '/nix/store/…drv'...}, the builders' own output prefixed with the derivation's
 * name ({@code hello> …}, Nix's {@code -L}), warnings and errors. Called from a thread of the
 * call, never concurrently for one call; it should return quickly.
 */
@FunctionalInterface
public interface BuildLogListener {

  /** A listener that ignores everything. */
  BuildLogListener IGNORE = line -> { };

  /** One line, without its line break. */
  void line(String line);
}
