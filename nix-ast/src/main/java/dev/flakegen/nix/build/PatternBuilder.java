package dev.flakegen.nix.build;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.SourcePos;
import java.util.Optional;

/**
 * An immutable builder of set patterns {@code { a, b ? 1, ... } @ args}, for
 * {@link Nix#lambda(PatternBuilder, Expr)}. Names are checked as they are added, duplicates
 * included (Nix: duplicate formal function argument).
 *
 * <pre>{@code
 * Expr outputs = lambda(pattern().formal("self").formal("nixpkgs").ellipsis(), body);
 * }</pre>
 */
public final class PatternBuilder {

  private static final PatternBuilder EMPTY =
      new PatternBuilder(Chain.empty(), false, null, false);

  private final Chain<Formal> formals;
  private final boolean ellipsis;
  private final String alias;
  private final boolean aliasFirst;

  private PatternBuilder(Chain<Formal> formals, boolean ellipsis, String alias,
      boolean aliasFirst) {
    this.formals = formals;
    this.ellipsis = ellipsis;
    this.alias = alias;
    this.aliasFirst = aliasFirst;
  }

  static PatternBuilder empty() {
    return EMPTY;
  }

  /** Adds the formal {@code name}. */
  public PatternBuilder formal(String name) {
    return add(name, Optional.empty());
  }

  /** Adds the formal {@code name ? fallback}. */
  public PatternBuilder formal(String name, Expr fallback) {
    return add(name, Optional.of(Checks.notNull(fallback, "pattern.formal.fallback")));
  }

  /** Accepts other attributes too: {@code ...}. */
  public PatternBuilder ellipsis() {
    return new PatternBuilder(formals, true, alias, aliasFirst);
  }

  /** Binds the whole argument to {@code name}, written after the pattern: {@code { … } @ name}. */
  public PatternBuilder alias(String name) {
    return withAlias(name, false);
  }

  /** Binds the whole argument to {@code name}, written first: {@code name @ { … }}. */
  public PatternBuilder aliasFirst(String name) {
    return withAlias(name, true);
  }

  /** The pattern. */
  public PatternParameter build() {
    return new PatternParameter(formals.toList(), ellipsis, Optional.ofNullable(alias),
        aliasFirst);
  }

  private PatternBuilder add(String name, Optional<Expr> fallback) {
    Checks.bindableName(name, "pattern.formal.name");
    for (Formal formal : formals.toList()) {
      Checks.require(!formal.name().equals(name), "pattern.formal.name",
          "must not repeat a formal (Nix: duplicate formal function argument)", name);
    }
    Checks.require(!name.equals(alias), "pattern.formal.name",
        "must differ from the alias (Nix: duplicate formal function argument)", name);
    return new PatternBuilder(formals.plus(new Formal(name, fallback, SourcePos.NONE)), ellipsis,
        alias, aliasFirst);
  }

  private PatternBuilder withAlias(String name, boolean first) {
    Checks.bindableName(name, "pattern.alias.name");
    for (Formal formal : formals.toList()) {
      Checks.require(!formal.name().equals(name), "pattern.alias.name",
          "must differ from the formals (Nix: duplicate formal function argument)", name);
    }
    return new PatternBuilder(formals, ellipsis, name, first);
  }
}
