package dev.flakegen.nix.build;

import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.SourcePos;
import java.util.List;

/**
 * An immutable builder of attribute sets {@code { … }} and {@code rec { … }}: every method returns
 * a new builder, bindings stay in the order they were added. {@link #build()} checks the set as
 * Nix would (no attribute defined twice, with Nix's merging of {@code a.b = …; a.c = …;}).
 *
 * <pre>{@code
 * Expr inputs = set()
 *     .attr(attrPath("nixpkgs", "url"), string("github:NixOS/nixpkgs/nixos-unstable"))
 *     .inherit("self")
 *     .build();
 * }</pre>
 */
public final class AttrSetBuilder {

  private static final AttrSetBuilder EMPTY = new AttrSetBuilder(false, Chain.empty());

  private final boolean recursive;
  private final Chain<Binding> bindings;

  private AttrSetBuilder(boolean recursive, Chain<Binding> bindings) {
    this.recursive = recursive;
    this.bindings = bindings;
  }

  static AttrSetBuilder empty() {
    return EMPTY;
  }

  /** Adds {@code name = value;}; the name is quoted when it is not a bare identifier. */
  public AttrSetBuilder attr(String name, Expr value) {
    return attr(Nix.name(name, "set.attr.name"), value);
  }

  /** Adds {@code name = value;}, the name made with {@link Nix#attr} or {@link Nix#dynamicAttr}. */
  public AttrSetBuilder attr(AttrName name, Expr value) {
    Checks.notNull(name, "set.attr.name");
    return attr(List.of(name), value);
  }

  /** Adds {@code a.b.c = value;}, the path made with {@link Nix#attrPath}. */
  public AttrSetBuilder attr(List<AttrName> path, Expr value) {
    return with(Bindings.definition(path, value, "set.attr"));
  }

  /** Adds {@code inherit a b;}. */
  public AttrSetBuilder inherit(String... names) {
    return with(Bindings.inherit(null, names, "set.inherit"));
  }

  /** Adds {@code inherit (from) a b;}. */
  public AttrSetBuilder inheritFrom(Expr from, String... names) {
    Checks.notNull(from, "set.inheritFrom.from");
    return with(Bindings.inherit(from, names, "set.inheritFrom"));
  }

  /** The same bindings as a recursive set, {@code rec { … }}. */
  public AttrSetBuilder recursive() {
    return new AttrSetBuilder(true, bindings);
  }

  /**
   * The set.
   *
   * @throws IllegalArgumentException naming {@code set.bindings} when Nix would reject the set
   */
  public AttributeSet build() {
    List<Binding> list = Bindings.checked(bindings.toList(), "set.bindings");
    return new AttributeSet(recursive, list, SourcePos.NONE);
  }

  private AttrSetBuilder with(Binding binding) {
    return new AttrSetBuilder(recursive, bindings.plus(binding));
  }
}
