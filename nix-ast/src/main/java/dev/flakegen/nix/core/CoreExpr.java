package dev.flakegen.nix.core;

import dev.flakegen.nix.ast.SourcePos;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Nix expression as Nix 2.8's own parser represents it: operators desugared into calls,
 * attribute paths merged into nested sets, {@code inherit (e)} expanded, paths made absolute,
 * indented strings stripped, calls flattened. This is what {@code nix-instantiate --parse}
 * prints and what Nix's variable check walks; {@link CoreBuilder} makes it from the AST.
 */
public sealed interface CoreExpr {

  /** An integer. */
  record Int(long value) implements CoreExpr {}

  /** A float. */
  record Float(double value) implements CoreExpr {}

  /** A string constant. */
  record Str(String value) implements CoreExpr {}

  /** An absolute path. */
  record Path(String path) implements CoreExpr {}

  /** A variable. */
  record Var(String name, SourcePos pos) implements CoreExpr {}

  /** {@code __curPos}. */
  record CurPos() implements CoreExpr {}

  /** One element of an attribute path: a name, or an expression for a dynamic one. */
  record AttrName(String name, CoreExpr expr) {
    static AttrName of(String name) {
      return new AttrName(name, null);
    }

    public boolean isStatic() {
      return name != null;
    }
  }

  /** {@code (e).a.b or (def)}; {@code fallback} may be null. */
  record Select(CoreExpr target, List<AttrName> path, CoreExpr fallback) implements CoreExpr {}

  /** {@code ((e) ? a.b)}. */
  record HasAttr(CoreExpr target, List<AttrName> path) implements CoreExpr {}

  /** A list. */
  record ListOf(List<CoreExpr> items) implements CoreExpr {}

  /** One formal of a pattern. */
  record Formal(String name, CoreExpr fallback, SourcePos pos) {}

  /**
   * A function. {@code arg} is "" for a pattern without {@code @}; {@code formals} is null for
   * {@code x: …}, else sorted as Nix keeps them (by symbol).
   */
  record Lambda(String arg, List<Formal> formals, boolean ellipsis, CoreExpr body)
      implements CoreExpr {}

  /** {@code let} with its attribute set. */
  record Let(Attrs attrs, CoreExpr body) implements CoreExpr {}

  /** {@code with e; body}. */
  record With(CoreExpr scope, CoreExpr body) implements CoreExpr {}

  /** {@code if c then a else b}. */
  record If(CoreExpr condition, CoreExpr consequent, CoreExpr alternative) implements CoreExpr {}

  /** {@code assert c; body}. */
  record Assert(CoreExpr condition, CoreExpr body) implements CoreExpr {}

  /** {@code !e}. */
  record Not(CoreExpr operand) implements CoreExpr {}

  /** The operators Nix keeps as operators: {@code == != && || -> // ++}. */
  record Binary(String operator, CoreExpr left, CoreExpr right) implements CoreExpr {}

  /**
   * {@code a + b}, interpolated strings and paths; {@code forceString} is set for strings (it only
   * matters to evaluation).
   */
  record Concat(boolean forceString, List<CoreExpr> parts) implements CoreExpr {}

  /**
   * A call {@code (f a b)}. Its arguments grow while parsing: an application whose function is a
   * call appends to it, as Nix's parser does.
   */
  final class Call implements CoreExpr {
    private final CoreExpr function;
    private final List<CoreExpr> arguments;

    Call(CoreExpr function, List<CoreExpr> arguments) {
      this.function = function;
      this.arguments = new ArrayList<>(arguments);
    }

    public CoreExpr function() {
      return function;
    }

    public List<CoreExpr> arguments() {
      return arguments;
    }

    void append(CoreExpr argument) {
      arguments.add(argument);
    }
  }

  /**
   * An attribute definition: its value, where it was defined, and whether it is inherited. For
   * Nix 2.26, {@code fromIndex} is the index of its {@code inherit (e)} source in
   * {@link Attrs#inheritFrom()} (the value is then {@code (e).name}), else -1.
   */
  record AttrDef(CoreExpr value, SourcePos pos, boolean inherited, int fromIndex) {
    AttrDef(CoreExpr value, SourcePos pos, boolean inherited) {
      this(value, pos, inherited, -1);
    }
  }

  /** A dynamic attribute {@code ${name} = value}. */
  record DynamicAttr(CoreExpr name, CoreExpr value, SourcePos pos) {}

  /**
   * An attribute set as Nix builds it: static attributes by name and dynamic ones in order. Mutable
   * while {@link CoreBuilder} merges bindings into it, as Nix's is.
   */
  final class Attrs implements CoreExpr {
    private boolean recursive;
    private final Map<String, AttrDef> statics = new HashMap<>();
    private final List<DynamicAttr> dynamics = new ArrayList<>();
    private final List<CoreExpr> inheritFrom = new ArrayList<>();
    private final SourcePos pos;

    Attrs(SourcePos pos) {
      this.pos = pos;
    }

    public boolean recursive() {
      return recursive;
    }

    void makeRecursive() {
      recursive = true;
    }

    /** The static attributes, in no particular order (printers sort them). */
    public Map<String, AttrDef> statics() {
      return statics;
    }

    public List<DynamicAttr> dynamics() {
      return dynamics;
    }

    /** Nix 2.26: the sources of {@code inherit (e)}, in order (2.8 expands them instead). */
    public List<CoreExpr> inheritFrom() {
      return inheritFrom;
    }

    public SourcePos pos() {
      return pos;
    }
  }
}
