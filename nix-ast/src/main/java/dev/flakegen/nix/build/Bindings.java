package dev.flakegen.nix.build;

import dev.flakegen.nix.core.Lowering;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.core.SymbolTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@link AttrSetBuilder} and {@link LetBuilder} share: making and checking bindings. */
final class Bindings {

  private static final Pattern ALREADY_DEFINED =
      Pattern.compile("attribute '(.*)' already defined at .*", Pattern.DOTALL);

  private Bindings() {}

  static AttributeDefinition definition(List<AttrName> path, Expr value, String field) {
    List<AttrName> names = Checks.nonEmptyListOf(path, field + ".path");
    Checks.notNull(value, field + ".value");
    return new AttributeDefinition(names, value, SourcePos.NONE);
  }

  static Inherit inherit(Expr from, String[] names, String field) {
    Checks.notNull(names, field + ".names");
    if (names.length == 0) {
      throw new IllegalArgumentException(field + ".names must not be empty");
    }
    List<AttrName> attrs = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      attrs.add(Nix.name(names[i], field + ".names[" + i + "]"));
    }
    return new Inherit(Optional.ofNullable(from), attrs, SourcePos.NONE, SourcePos.NONE);
  }

  /**
   * Checks {@code bindings} as Nix checks the bindings of one set: no attribute defined twice
   * (after merging {@code a.b = …; a.c = …;}), no dynamic name in {@code inherit}.
   */
  static List<Binding> checked(List<Binding> bindings, String field) {
    try {
      Lowering.lower(new AttributeSet(false, bindings, SourcePos.NONE), lowering());
    } catch (NixErrorException e) {
      String message = Nix.withoutUnknownPosition(e.error().message());
      Matcher m = ALREADY_DEFINED.matcher(e.error().message());
      if (m.matches()) {
        throw new IllegalArgumentException(field + " must not define an attribute twice, was '"
            + m.group(1) + "'", e);
      }
      throw new IllegalArgumentException(field + " must be valid Nix (" + message + ")", e);
    }
    return bindings;
  }

  static CoreBuilder lowering() {
    return new CoreBuilder(new SymbolTable(), new PathResolver("/", "/"));
  }

  /** An attribute name as Nix prints it: bare, quoted, or {@code "${…}"} when dynamic. */
  static String describe(AttrName name) {
    if (name instanceof IdentifierName id) {
      return id.name();
    }
    if (name.staticName() != null) {
      return CanonicalText.name(name.staticName());
    }
    Expr expr = name instanceof InterpolatedName i ? i.expr() : ((StringName) name).string();
    CoreBuilder core = lowering();
    try {
      return "\"${" + CanonicalText.of(Lowering.lower(expr, core), core.symbols()) + "}\"";
    } catch (NixErrorException e) {
      return "a dynamic name";
    }
  }
}
