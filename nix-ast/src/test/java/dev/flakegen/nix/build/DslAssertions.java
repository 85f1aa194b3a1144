package dev.flakegen.nix.build;

import dev.flakegen.nix.core.Lowering;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.core.SymbolTable;

/** Assertions shared by the DSL's unit tests. */
final class DslAssertions {

  private DslAssertions() {}

  /** The canonical text Nix 2.8 would print for {@code expr} ({@code nix-instantiate --parse}). */
  static String canonical(Expr expr) {
    CoreBuilder core = new CoreBuilder(new SymbolTable(), new PathResolver("/d", "/home"));
    return CanonicalText.of(Lowering.lower(expr, core), core.symbols());
  }

  /** {@code call} throws {@link IllegalArgumentException} with exactly {@code message}. */
  static void rejects(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  /** {@code call} throws {@link NullPointerException} with exactly {@code message}. */
  static void rejectsNull(Runnable call, String message) {
    assertThatThrownBy(call::run).isInstanceOf(NullPointerException.class).hasMessage(message);
  }
}
