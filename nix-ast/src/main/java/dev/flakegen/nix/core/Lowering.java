package dev.flakegen.nix.core;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.CurrentPosition;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.FloatLiteral;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.HasAttribute;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.If;
import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.IntegerLiteral;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.LegacyLet;
import dev.flakegen.nix.ast.LegacyOr;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.Not;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.SearchPath;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Uri;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Lowers an AST to Nix's core view ({@link CoreExpr}) by calling {@link CoreBuilder} in exactly
 * the order the parser does: each construct after its children, children left to right as they
 * appear in the source, a set's bindings one by one as they complete. So a tree built in Java gets
 * the same symbol order, the same merged sets and the same parse-time errors (clashing
 * attributes, duplicate formals, dynamic attributes in {@code let} or {@code inherit}) as its
 * printed text would get from Nix.
 */
public final class Lowering {

  private final CoreBuilder core;

  private Lowering(CoreBuilder core) {
    this.core = core;
  }

  /**
   * Lowers {@code expr} with {@code core}, which also records the symbols interned.
   *
   * @throws dev.flakegen.nix.ast.NixErrorException with Nix's message when Nix's parser would
   *     reject the printed expression
   */
  public static CoreExpr lower(Expr expr, CoreBuilder core) {
    Lowering lowering = new Lowering(Objects.requireNonNull(core, "core must not be null"));
    Objects.requireNonNull(expr, "expr must not be null");
    return DeepStack.call(() -> lowering.expr(expr));
  }

  private CoreExpr expr(Expr expr) {
    if (expr instanceof IntegerLiteral i) {
      return core.integer(i.value());
    } else if (expr instanceof FloatLiteral f) {
      return core.floating(f.value());
    } else if (expr instanceof StringLiteral s) {
      return string(s);
    } else if (expr instanceof IndentedString s) {
      List<CoreExpr> interpolations = new ArrayList<>();
      for (IndentedPart part : s.parts()) {
        if (part instanceof Interpolation interpolation) {
          interpolations.add(expr(interpolation.expr()));
        }
      }
      return core.indentedString(s.parts(), interpolations);
    } else if (expr instanceof PathLiteral p) {
      List<StringPart> rest = p.parts().subList(1, p.parts().size());
      return core.path(p.head(), rest, interpolations(rest));
    } else if (expr instanceof SearchPath p) {
      return core.searchPath(p.path());
    } else if (expr instanceof Uri u) {
      return core.uri(u.text());
    } else if (expr instanceof Variable v) {
      return core.identifier(v.name(), v.pos());
    } else if (expr instanceof CurrentPosition c) {
      return core.identifier("__curPos", c.pos());
    } else if (expr instanceof Select s) {
      CoreExpr target = expr(s.target());
      List<CoreExpr.AttrName> path = names(s.path());
      CoreExpr fallback = s.fallback().isPresent() ? expr(s.fallback().get()) : null;
      return core.select(target, path, fallback);
    } else if (expr instanceof HasAttribute h) {
      CoreExpr target = expr(h.target());
      return core.hasAttribute(target, names(h.path()));
    } else if (expr instanceof AttributeSet s) {
      CoreExpr.Attrs attrs = bindings(s.bindings(), s.pos(), s.pos().plus(1));
      return s.recursive() ? core.recursive(attrs) : attrs;
    } else if (expr instanceof LegacyLet l) {
      return core.legacyLet(bindings(l.bindings(), l.pos(), l.pos().plus(1)));
    } else if (expr instanceof ListLiteral l) {
      List<CoreExpr> items = new ArrayList<>(l.items().size());
      for (Expr item : l.items()) {
        items.add(expr(item));
      }
      return core.list(items);
    } else if (expr instanceof Lambda l) {
      return lambda(l);
    } else if (expr instanceof Application a) {
      CoreExpr function = expr(a.function());
      return core.apply(function, expr(a.argument()));
    } else if (expr instanceof Let l) {
      CoreExpr.Attrs attrs = bindings(l.bindings(), l.pos(), l.pos().plus("let".length()));
      return core.let(attrs, expr(l.body()), l.pos());
    } else if (expr instanceof With w) {
      CoreExpr scope = expr(w.scope());
      return core.with(scope, expr(w.body()));
    } else if (expr instanceof Assert a) {
      CoreExpr condition = expr(a.condition());
      return core.assertion(condition, expr(a.body()));
    } else if (expr instanceof If i) {
      CoreExpr condition = expr(i.condition());
      CoreExpr consequent = expr(i.consequent());
      return core.ifThenElse(condition, consequent, expr(i.alternative()));
    } else if (expr instanceof Not n) {
      return core.not(expr(n.operand()));
    } else if (expr instanceof Negation n) {
      return core.negation(expr(n.operand()));
    } else if (expr instanceof BinaryOperation b) {
      CoreExpr left = expr(b.left());
      return core.binary(b.operator(), left, expr(b.right()));
    } else if (expr instanceof LegacyOr o) {
      return core.legacyOr(expr(o.target()), o.pos());
    }
    throw new IllegalStateException("unknown node " + expr.getClass().getName());
  }

  private CoreExpr string(StringLiteral s) {
    return core.string(s.parts(), interpolations(s.parts()));
  }

  private List<CoreExpr> interpolations(List<StringPart> parts) {
    List<CoreExpr> out = new ArrayList<>();
    for (StringPart part : parts) {
      if (part instanceof Interpolation interpolation) {
        out.add(expr(interpolation.expr()));
      }
    }
    return out;
  }

  private List<CoreExpr.AttrName> names(List<AttrName> path) {
    List<CoreExpr.AttrName> out = new ArrayList<>(path.size());
    for (AttrName name : path) {
      out.add(name(name));
    }
    return out;
  }

  private CoreExpr.AttrName name(AttrName name) {
    if (name instanceof IdentifierName id) {
      return core.name(id.name());
    } else if (name instanceof StringName s) {
      return core.name(string(s.string()));
    }
    return core.name(expr(((InterpolatedName) name).expr()));
  }

  /** A set's bindings, each added to the set as soon as it is complete, as the parser does. */
  private CoreExpr.Attrs bindings(List<Binding> bindings, SourcePos open, SourcePos start) {
    CoreExpr.Attrs attrs = core.beginAttrs(open);
    for (Binding binding : bindings) {
      if (binding instanceof AttributeDefinition definition) {
        List<CoreExpr.AttrName> path = names(definition.path());
        CoreExpr value = expr(definition.value());
        core.define(attrs, path, value, definition.pos());
      } else {
        Inherit inherit = (Inherit) binding;
        CoreExpr from = inherit.from().isPresent() ? expr(inherit.from().get()) : null;
        List<CoreExpr.AttrName> names = new ArrayList<>(inherit.names().size());
        for (AttrName name : inherit.names()) {
          SourcePos pos = name instanceof InterpolatedName interpolated
              ? interpolated.pos() : inherit.namesPos();
          names.add(core.inheritedName(name(name), pos));
        }
        // Nix 2.26 keeps an inherit's source once and each name at its own position; the tree
        // has no position per plain name, so each gets the names' position.
        core.inherit(attrs, from, names, inherit.namesPos(), start,
            Collections.nCopies(names.size(), inherit.namesPos()));
      }
    }
    return attrs;
  }

  private CoreExpr lambda(Lambda lambda) {
    if (lambda.parameter() instanceof NamedParameter named) {
      return core.lambda(named.name(), expr(lambda.body()));
    }
    PatternParameter pattern = (PatternParameter) lambda.parameter();
    List<CoreExpr.Formal> formals = new ArrayList<>(pattern.formals().size());
    for (Formal formal : pattern.formals()) {
      CoreExpr fallback = formal.fallback().isPresent() ? expr(formal.fallback().get()) : null;
      formals.add(core.formal(formal.name(), fallback, formal.pos()));
    }
    CoreExpr body = expr(lambda.body());
    return core.patternLambda(formals, pattern.ellipsis(), pattern.alias().orElse(null), body,
        lambda.pos());
  }
}
