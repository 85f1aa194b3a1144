package dev.flakegen.nix.ast;

import java.util.List;
import java.util.Optional;

/**
 * A set pattern {@code { a, b ? 1, ... }}, optionally bound to a name with {@code @}, written
 * before the pattern ({@code args@{ … }}, {@code aliasFirst}) or after it ({@code { … } @ args}).
 */
public record PatternParameter(List<Formal> formals, boolean ellipsis, Optional<String> alias,
    boolean aliasFirst) implements Parameter {
  public PatternParameter {
    formals = Nodes.listOf(formals, "PatternParameter.formals");
    Nodes.notNull(alias, "PatternParameter.alias");
    alias.ifPresent(name -> Nodes.require(Names.isBindableName(name), "PatternParameter.alias",
        "must be an identifier [A-Za-z_][A-Za-z0-9_'-]* that is not a keyword or 'or'", name));
    Nodes.require(alias.isPresent() || !aliasFirst, "PatternParameter.aliasFirst",
        "needs an alias", aliasFirst);
  }
}
