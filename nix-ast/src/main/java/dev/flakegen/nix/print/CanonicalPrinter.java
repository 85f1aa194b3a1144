package dev.flakegen.nix.print;

import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.DeepStack;
import dev.flakegen.nix.parse.ParsedCore;
import dev.flakegen.nix.parse.ParsedSource;

/**
 * The canonical printer: for a source Nix 2.8 accepts, exactly the line {@code nix-instantiate
 * --parse} prints (without its newline).
 */
public final class CanonicalPrinter {

  private CanonicalPrinter() {}

  public static String print(ParsedSource parsed) {
    return DeepStack.call(() -> CanonicalText.of(parsed.core(), parsed.symbols()));
  }

  /** The same line for a source parsed to its core form only. */
  public static String print(ParsedCore parsed) {
    return DeepStack.call(
        () -> {
          // About as long as the source: one buffer instead of a dozen doublings.
          StringBuilder out = new StringBuilder(parsed.source().bytes().length + 64);
          CanonicalText.append(out, parsed.core(), parsed.symbols());
          return out.toString();
        });
  }
}
