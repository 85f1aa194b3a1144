package dev.flakegen.nix.build;

import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.SourcePos;
import java.util.List;

/**
 * An immutable builder of {@code let … in body}: every method returns a new builder, bindings stay
 * in the order they were added; {@link #in(Expr)} checks the bindings as Nix would and makes the
 * {@link Let}.
 *
 * <pre>{@code
 * Expr e = let().attr("pkgs", apply(variable("import"), variable("nixpkgs")))
 *     .in(select(variable("pkgs"), "hello"));
 * }</pre>
 */
public final class LetBuilder {

  private static final LetBuilder EMPTY = new LetBuilder(Chain.empty());

  private final Chain<Binding> bindings;

  private LetBuilder(Chain<Binding> bindings) {
    this.bindings = bindings;
  }

  static LetBuilder empty() {
    return EMPTY;
  }

  /** Adds {@code name = value;}; the name is quoted when it is not a bare identifier. */
  public LetBuilder attr(String name, Expr value) {
    return attr(Nix.name(name, "let.attr.name"), value);
  }

  /** Adds {@code name = value;} for a name made with {@link Nix#attr}; it must be static. */
  public LetBuilder attr(AttrName name, Expr value) {
    Checks.notNull(name, "let.attr.name");
    return attr(List.of(name), value);
  }

  /**
   * Adds {@code a.b.c = value;}, the path made with {@link Nix#attrPath}. Its first name must be
   * static (Nix: dynamic attributes not allowed in let); later ones may be dynamic.
   */
  public LetBuilder attr(List<AttrName> path, Expr value) {
    Binding binding = Bindings.definition(path, value, "let.attr");
    AttrName first = path.get(0);
    if (first.staticName() == null) {
      throw new IllegalArgumentException("let.attr.path[0] must be a static name (Nix: dynamic"
          + " attributes not allowed in let), was " + Bindings.describe(first));
    }
    return new LetBuilder(bindings.plus(binding));
  }

  /** Adds {@code inherit a b;} (each looked up outside the {@code let}). */
  public LetBuilder inherit(String... names) {
    return new LetBuilder(bindings.plus(Bindings.inherit(null, names, "let.inherit")));
  }

  /** Adds {@code inherit (from) a b;}. */
  public LetBuilder inheritFrom(Expr from, String... names) {
    Checks.notNull(from, "let.inheritFrom.from");
    return new LetBuilder(bindings.plus(Bindings.inherit(from, names, "let.inheritFrom")));
  }

  /**
   * {@code let … in body}.
   *
   * @throws IllegalArgumentException naming {@code let.bindings} when Nix would reject them
   */
  public Let in(Expr body) {
    Checks.notNull(body, "let.in.body");
    return new Let(Bindings.checked(bindings.toList(), "let.bindings"), body, SourcePos.NONE);
  }
}
