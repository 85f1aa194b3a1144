package dev.flakegen.nix.core;

import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedStrings;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.core.CoreExpr.AttrDef;
import dev.flakegen.nix.core.CoreExpr.AttrName;
import dev.flakegen.nix.core.CoreExpr.Attrs;
import dev.flakegen.nix.core.CoreExpr.Call;
import dev.flakegen.nix.core.CoreExpr.DynamicAttr;
import dev.flakegen.nix.core.CoreExpr.Formal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Builds {@link CoreExpr} the way Nix 2.8's parser actions do, one construct at a time in the order
 * the parser completes them (children first, left to right), and raises the errors Nix raises while
 * parsing at the same moments: clashing attributes, duplicate formals, dynamic attributes in {@code
 * let} or {@code inherit}. It also records the order in which symbols are interned ({@link
 * SymbolTable}).
 *
 * <p>The parser calls it as rules complete; {@link Lowering} calls it in the same order for a tree
 * built in Java.
 */
public final class CoreBuilder {

  private final SymbolTable symbols;
  private final PathResolver paths;

  public CoreBuilder(SymbolTable symbols, PathResolver paths) {
    this.symbols = Objects.requireNonNull(symbols, "symbols");
    this.paths = Objects.requireNonNull(paths, "paths");
  }

  public SymbolTable symbols() {
    return symbols;
  }

  // ---- leaves ----------------------------------------------------------------------------

  public CoreExpr identifier(String name, SourcePos pos) {
    if (name.equals("__curPos")) {
      return new CoreExpr.CurPos();
    }
    symbols.intern(name);
    return new CoreExpr.Var(name, pos);
  }

  public CoreExpr integer(long value) {
    return new CoreExpr.Int(value);
  }

  public CoreExpr floating(double value) {
    return new CoreExpr.Float(value);
  }

  public CoreExpr uri(String text) {
    return new CoreExpr.Str(text);
  }

  public CoreExpr searchPath(String path) {
    return new Call(
        new CoreExpr.Var("__findFile", SourcePos.NONE),
        List.of(new CoreExpr.Var("__nixPath", SourcePos.NONE), new CoreExpr.Str(path)));
  }

  /**
   * A double-quoted string from its parts, interpolations already built (in order in {@code
   * interpolations}).
   */
  public CoreExpr string(List<StringPart> parts, List<CoreExpr> interpolations) {
    if (parts.isEmpty()) {
      return new CoreExpr.Str("");
    }
    if (parts.size() == 1 && parts.get(0) instanceof Text text) {
      return new CoreExpr.Str(text.text());
    }
    return new CoreExpr.Concat(true, withInterpolations(parts, interpolations));
  }

  /** An indented string, stripped as Nix strips it. */
  public CoreExpr indentedString(List<IndentedPart> parts, List<CoreExpr> interpolations) {
    if (parts.isEmpty()) {
      return new CoreExpr.Str("");
    }
    List<StringPart> stripped = IndentedStrings.strip(parts);
    if (modern()) {
      // Nix 2.26 leaves out the text pieces that are (or stripping made) empty.
      stripped = new ArrayList<>(stripped);
      stripped.removeIf(part -> part instanceof Text text && text.text().isEmpty());
    }
    if (stripped.isEmpty()) {
      return new CoreExpr.Str("");
    }
    List<CoreExpr> pieces = withInterpolations(stripped, interpolations);
    // Nix returns a single piece that is a string constant as it is, even when the piece is an
    // interpolated string literal: ''${"y"}'' is just "y".
    if (pieces.size() == 1 && pieces.get(0) instanceof CoreExpr.Str only) {
      return only;
    }
    return new CoreExpr.Concat(true, pieces);
  }

  /** A path: its first segment as written, then texts and interpolations. */
  public CoreExpr path(String head, List<StringPart> rest, List<CoreExpr> interpolations) {
    CoreExpr first = new CoreExpr.Path(paths.resolve(head));
    if (rest.isEmpty()) {
      return first;
    }
    List<CoreExpr> parts = new ArrayList<>();
    parts.add(first);
    Iterator<CoreExpr> interpolated = interpolations.iterator();
    for (StringPart part : rest) {
      if (part instanceof Text text) {
        for (String piece : PathResolver.splitLikeLexer(text.text())) {
          parts.add(new CoreExpr.Str(piece));
        }
      } else {
        parts.add(interpolated.next());
      }
    }
    return new CoreExpr.Concat(false, parts);
  }

  private static List<CoreExpr> withInterpolations(
      List<StringPart> parts, List<CoreExpr> interpolations) {
    List<CoreExpr> out = new ArrayList<>(parts.size());
    Iterator<CoreExpr> interpolated = interpolations.iterator();
    for (StringPart part : parts) {
      if (part instanceof Text text) {
        out.add(new CoreExpr.Str(text.text()));
      } else {
        out.add(interpolated.next());
      }
    }
    return out;
  }

  // ---- attribute names ---------------------------------------------------------------------

  /** A bare name ({@code a}, {@code or}) in an attribute path or inherit list. */
  public AttrName name(String name) {
    symbols.intern(name);
    return AttrName.of(name);
  }

  /**
   * A quoted or interpolated name, from the expression built for it: static when that is a plain
   * string.
   */
  public AttrName name(CoreExpr expr) {
    if (expr instanceof CoreExpr.Str str) {
      symbols.intern(str.value());
      return AttrName.of(str.value());
    }
    return new AttrName(null, expr);
  }

  /** A name in an {@code inherit} list, which must be static. */
  public AttrName inheritedName(AttrName name, SourcePos pos) {
    if (!name.isStatic()) {
      throw error("dynamic attributes not allowed in inherit", pos);
    }
    return name;
  }

  // ---- expressions -------------------------------------------------------------------------

  public CoreExpr select(CoreExpr target, List<AttrName> path, CoreExpr fallback) {
    return new CoreExpr.Select(target, List.copyOf(path), fallback);
  }

  public CoreExpr hasAttribute(CoreExpr target, List<AttrName> path) {
    return new CoreExpr.HasAttr(target, List.copyOf(path));
  }

  /** {@code e or}: a call of {@code e} with the variable {@code or}, never flattened. */
  public CoreExpr legacyOr(CoreExpr target, SourcePos pos) {
    symbols.intern("or");
    return new Call(target, List.of(new CoreExpr.Var("or", pos)));
  }

  /** {@code f x}: appended to {@code f} when that is already a call. */
  public CoreExpr apply(CoreExpr function, CoreExpr argument) {
    if (function instanceof Call call) {
      call.append(argument);
      return call;
    }
    return new Call(function, List.of(argument));
  }

  public CoreExpr list(List<CoreExpr> items) {
    return new CoreExpr.ListOf(List.copyOf(items));
  }

  public CoreExpr negation(CoreExpr operand) {
    return new Call(builtin("__sub"), List.of(new CoreExpr.Int(0), operand));
  }

  public CoreExpr not(CoreExpr operand) {
    return new CoreExpr.Not(operand);
  }

  public CoreExpr binary(Operator operator, CoreExpr left, CoreExpr right) {
    return switch (operator) {
      case ADD -> new CoreExpr.Concat(false, List.of(left, right));
      case SUBTRACT -> new Call(builtin("__sub"), List.of(left, right));
      case MULTIPLY -> new Call(builtin("__mul"), List.of(left, right));
      case DIVIDE -> new Call(builtin("__div"), List.of(left, right));
      case LESS_THAN -> new Call(builtin("__lessThan"), List.of(left, right));
      case GREATER_THAN -> new Call(builtin("__lessThan"), List.of(right, left));
      case LESS_OR_EQUAL -> new CoreExpr.Not(new Call(builtin("__lessThan"), List.of(right, left)));
      case GREATER_OR_EQUAL ->
          new CoreExpr.Not(new Call(builtin("__lessThan"), List.of(left, right)));
      case EQUAL, NOT_EQUAL, AND, OR, IMPLIES, UPDATE, CONCAT_LISTS ->
          new CoreExpr.Binary(operator.symbol(), left, right);
    };
  }

  private static CoreExpr builtin(String name) {
    return new CoreExpr.Var(name, SourcePos.NONE);
  }

  public CoreExpr ifThenElse(CoreExpr condition, CoreExpr consequent, CoreExpr alternative) {
    return new CoreExpr.If(condition, consequent, alternative);
  }

  public CoreExpr assertion(CoreExpr condition, CoreExpr body) {
    return new CoreExpr.Assert(condition, body);
  }

  public CoreExpr with(CoreExpr scope, CoreExpr body) {
    return new CoreExpr.With(scope, body);
  }

  // ---- attribute sets ----------------------------------------------------------------------

  /** An empty set that bindings are then added to; {@code pos} is its opening token. */
  public Attrs beginAttrs(SourcePos pos) {
    return new Attrs(pos);
  }

  /**
   * {@code path = value;} with Nix's merging: {@code a.b = 1; a.c = 2;} share {@code a}; a set
   * literal may be extended by paths and by a later literal (whose dynamic attributes Nix 2.8
   * drops); anything else defined twice is an error at {@code pos}, the start of the path.
   */
  public void define(Attrs attrs, List<AttrName> path, CoreExpr value, SourcePos pos) {
    if (modern()) {
      defineModern(attrs, path, value, pos);
      return;
    }
    Attrs target = attrs;
    for (int i = 0; i < path.size() - 1; i++) {
      AttrName name = path.get(i);
      if (name.isStatic()) {
        AttrDef existing = target.statics().get(name.name());
        if (existing != null) {
          if (existing.inherited() || !(existing.value() instanceof Attrs nested)) {
            throw alreadyDefined(path, pos, existing.pos());
          }
          target = nested;
        } else {
          Attrs nested = new Attrs(SourcePos.NONE);
          target.statics().put(name.name(), new AttrDef(nested, pos, false));
          target = nested;
        }
      } else {
        Attrs nested = new Attrs(SourcePos.NONE);
        target.dynamics().add(new DynamicAttr(name.expr(), nested, pos));
        target = nested;
      }
    }
    AttrName last = path.get(path.size() - 1);
    if (!last.isStatic()) {
      target.dynamics().add(new DynamicAttr(last.expr(), value, pos));
      return;
    }
    AttrDef existing = target.statics().get(last.name());
    if (existing == null) {
      target.statics().put(last.name(), new AttrDef(value, pos, false));
      return;
    }
    if (existing.value() instanceof Attrs into && value instanceof Attrs from) {
      List<String> names = new ArrayList<>(from.statics().keySet());
      names.sort(symbols::compare);
      for (String name : names) {
        AttrDef added = from.statics().get(name);
        AttrDef clash = into.statics().get(name);
        if (clash != null) {
          throw error(
              "attribute '" + CanonicalText.name(name) + "' already defined at " + added.pos(),
              clash.pos());
        }
        into.statics().put(name, added);
      }
      return;
    }
    throw alreadyDefined(path, pos, existing.pos());
  }

  private boolean modern() {
    return symbols.version().atLeast(NixVersion.NIX_2_26);
  }

  /**
   * Nix 2.26's {@code path = value;}: a path through an existing attribute needs a set there; a set
   * literal defined again merges recursively (keeping dynamic attributes and inherit sources); the
   * error names the path up to the clash, at {@code pos}.
   */
  private void defineModern(Attrs attrs, List<AttrName> path, CoreExpr value, SourcePos pos) {
    Attrs target = attrs;
    for (int i = 0; i < path.size() - 1; i++) {
      AttrName name = path.get(i);
      if (name.isStatic()) {
        AttrDef existing = target.statics().get(name.name());
        if (existing != null) {
          if (!(existing.value() instanceof Attrs nested) || existing.inherited()) {
            throw alreadyDefined(path.subList(0, i + 1), pos, existing.pos());
          }
          target = nested;
        } else {
          Attrs nested = new Attrs(SourcePos.NONE);
          target.statics().put(name.name(), new AttrDef(nested, pos, false));
          target = nested;
        }
      } else {
        Attrs nested = new Attrs(SourcePos.NONE);
        target.dynamics().add(new DynamicAttr(name.expr(), nested, pos));
        target = nested;
      }
    }
    AttrName last = path.get(path.size() - 1);
    if (!last.isStatic()) {
      target.dynamics().add(new DynamicAttr(last.expr(), value, pos));
      return;
    }
    AttrDef existing = target.statics().get(last.name());
    if (existing == null) {
      target.statics().put(last.name(), new AttrDef(value, pos, false));
      return;
    }
    if (existing.value() instanceof Attrs into
        && !existing.inherited()
        && value instanceof Attrs from) {
      merge(into, from, path);
      return;
    }
    throw alreadyDefined(path, pos, existing.pos());
  }

  /** Nix 2.26 merges {@code from} into {@code into}, set by set, names in symbol order. */
  private void merge(Attrs into, Attrs from, List<AttrName> path) {
    int offset = into.inheritFrom().size();
    into.inheritFrom().addAll(from.inheritFrom());
    List<String> names = new ArrayList<>(from.statics().keySet());
    names.sort(symbols::compare);
    for (String name : names) {
      AttrDef added = from.statics().get(name);
      AttrDef clash = into.statics().get(name);
      List<AttrName> deeper = new ArrayList<>(path);
      deeper.add(AttrName.of(name));
      if (clash == null) {
        into.statics()
            .put(
                name,
                added.fromIndex() < 0
                    ? added
                    : new AttrDef(added.value(), added.pos(), false, added.fromIndex() + offset));
      } else if (clash.value() instanceof Attrs clashing
          && !clash.inherited()
          && added.value() instanceof Attrs adding) {
        merge(clashing, adding, deeper);
      } else {
        throw alreadyDefined(deeper, added.pos(), clash.pos());
      }
    }
    into.dynamics().addAll(from.dynamics());
  }

  /**
   * {@code inherit a b;} or {@code inherit (from) a b;} as Nix 2.26 has it: each name defined at
   * its own position ({@code positions}), the source kept once in {@link Attrs#inheritFrom()}.
   * Otherwise as {@link #inherit(Attrs, CoreExpr, List, SourcePos, SourcePos)}.
   */
  public void inherit(
      Attrs attrs,
      CoreExpr from,
      List<AttrName> names,
      SourcePos namesPos,
      SourcePos bindingsPos,
      List<SourcePos> positions) {
    if (!modern() || positions.size() != names.size()) {
      inherit(attrs, from, names, namesPos, bindingsPos);
      return;
    }
    int index = -1;
    if (from != null) {
      index = attrs.inheritFrom().size();
      attrs.inheritFrom().add(from);
    }
    for (int i = 0; i < names.size(); i++) {
      AttrName name = names.get(i);
      SourcePos pos = positions.get(i);
      AttrDef existing = attrs.statics().get(name.name());
      if (existing != null) {
        throw error(
            "attribute '"
                + CanonicalText.name(name.name(), symbols.version())
                + "' already defined at "
                + existing.pos(),
            pos);
      }
      if (from == null) {
        attrs
            .statics()
            .put(name.name(), new AttrDef(new CoreExpr.Var(name.name(), pos), pos, true));
      } else {
        attrs
            .statics()
            .put(
                name.name(),
                new AttrDef(new CoreExpr.Select(from, List.of(name), null), pos, false, index));
      }
    }
  }

  /**
   * {@code inherit a b;} or {@code inherit (from) a b;}. {@code namesPos} is where the names start;
   * {@code bindingsPos} where the set's bindings start (Nix gives the inherited variables that
   * position).
   */
  public void inherit(
      Attrs attrs, CoreExpr from, List<AttrName> names, SourcePos namesPos, SourcePos bindingsPos) {
    for (AttrName name : names) {
      AttrDef existing = attrs.statics().get(name.name());
      if (existing != null) {
        throw error(
            "attribute '"
                + CanonicalText.name(name.name())
                + "' already defined at "
                + existing.pos(),
            namesPos);
      }
      if (from == null) {
        attrs
            .statics()
            .put(
                name.name(),
                new AttrDef(new CoreExpr.Var(name.name(), bindingsPos), namesPos, true));
      } else {
        attrs
            .statics()
            .put(
                name.name(),
                new AttrDef(new CoreExpr.Select(from, List.of(name), null), namesPos, false));
      }
    }
  }

  public CoreExpr recursive(Attrs attrs) {
    attrs.makeRecursive();
    return attrs;
  }

  /** {@code let { … }}: {@code (rec { … }).body}. */
  public CoreExpr legacyLet(Attrs attrs) {
    attrs.makeRecursive();
    symbols.intern("body");
    return new CoreExpr.Select(attrs, List.of(AttrName.of("body")), null);
  }

  /** {@code let … in body}; {@code pos} is the {@code let} keyword. */
  public CoreExpr let(Attrs attrs, CoreExpr body, SourcePos pos) {
    if (!attrs.dynamics().isEmpty()) {
      throw error("dynamic attributes not allowed in let", pos);
    }
    return new CoreExpr.Let(attrs, body);
  }

  // ---- functions ---------------------------------------------------------------------------

  public Formal formal(String name, CoreExpr fallback, SourcePos pos) {
    symbols.intern(name);
    return new Formal(name, fallback, pos);
  }

  /** {@code param: body}; Nix interns the parameter after the body. */
  public CoreExpr lambda(String parameter, CoreExpr body) {
    symbols.intern(parameter);
    return new CoreExpr.Lambda(parameter, null, false, body);
  }

  /**
   * A pattern lambda, checked as Nix checks it once the body is parsed: of duplicate formals the
   * one with the smallest symbol is reported, at its second occurrence; then an {@code @} name
   * equal to a formal, at {@code pos} (the lambda's start).
   */
  public CoreExpr patternLambda(
      List<Formal> formals, boolean ellipsis, String alias, CoreExpr body, SourcePos pos) {
    String arg = alias == null ? "" : alias;
    symbols.intern(arg);
    List<Formal> sorted = new ArrayList<>(formals);
    // One comparator: Comparator.thenComparingInt's lambdas (the JDK's) are generated at run
    // time even with a start-up cache, milliseconds of a short run.
    sorted.sort(
        (a, b) -> {
          int bySymbol = symbols.compare(a.name(), b.name());
          return bySymbol != 0 ? bySymbol : Integer.compare(a.pos().offset(), b.pos().offset());
        });
    Formal duplicate = null;
    for (int i = 0; i + 1 < sorted.size(); i++) {
      Formal second = sorted.get(i + 1);
      if (sorted.get(i).name().equals(second.name()) && duplicate == null) {
        duplicate = second;
      }
    }
    if (duplicate != null) {
      throw error(
          "duplicate formal function argument '" + CanonicalText.name(duplicate.name()) + "'",
          duplicate.pos());
    }
    if (alias != null && formals.stream().anyMatch(f -> f.name().equals(alias))) {
      throw error("duplicate formal function argument '" + CanonicalText.name(alias) + "'", pos);
    }
    return new CoreExpr.Lambda(arg, List.copyOf(sorted), ellipsis, body);
  }

  // ---- errors ------------------------------------------------------------------------------

  private NixErrorException alreadyDefined(List<AttrName> path, SourcePos pos, SourcePos previous) {
    StringBuilder shown = new StringBuilder();
    for (AttrName name : path) {
      if (shown.length() > 0) {
        shown.append('.');
      }
      if (name.isStatic()) {
        shown.append(CanonicalText.name(name.name(), symbols.version()));
      } else {
        shown.append("\"${").append(CanonicalText.of(name.expr())).append("}\"");
      }
    }
    return error("attribute '" + shown + "' already defined at " + previous, pos);
  }

  static NixErrorException error(String message, SourcePos pos) {
    return new NixErrorException(new NixError(message, pos));
  }
}
