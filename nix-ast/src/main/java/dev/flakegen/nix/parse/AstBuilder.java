package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.CurrentPosition;
import dev.flakegen.nix.ast.Escape;
import dev.flakegen.nix.ast.FloatLiteral;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.HasAttribute;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.If;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.IntegerLiteral;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.LegacyLet;
import dev.flakegen.nix.ast.LegacyOr;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.LineMap;
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.Not;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.RawText;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.ast.SearchPath;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Uri;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.parse.grammar.NixLexer;
import dev.flakegen.nix.parse.grammar.NixParser;
import dev.flakegen.nix.parse.grammar.NixParserBaseListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;

/**
 * Builds the AST and Nix's core view of it as the parser completes each rule, so that Nix's
 * parse-time errors surface at the same point of the parse as in Nix. Repeated children are folded
 * into their parent as each completes.
 *
 * <p>Without the AST ({@code withAst} false) it builds the core view alone, with the same errors at
 * the same moments: what {@code nix-instantiate --parse} and the variable check need. String pieces
 * are still built (the core view is made from them), with a stand-in for each interpolation's
 * expression; every {@code ast} field stays null.
 *
 * <p>Once a rule's values are built it lets go of its children's contexts: without a parse tree
 * they would otherwise all stay reachable until the end, many times the size of the result.
 */
final class AstBuilder extends NixParserBaseListener {

  /**
   * An interpolation in a string's pieces when no AST is built: the core builder tells
   * interpolations from text only, and takes their core form from its own list.
   */
  private static final Interpolation INTERPOLATED =
      new Interpolation(new IntegerLiteral(0, SourcePos.NONE), SourcePos.NONE);

  private final LineMap lines;
  private final CoreBuilder core;
  private final Parser parser;
  private final NameTable names;
  private final boolean withAst;

  /**
   * The positions made most recently, by offset modulo the length: nested rules that start at the
   * same token (an application, its select, its variable) and the AST and core nodes of one rule
   * share one object instead of a copy each (positions are a third of a parse's result).
   */
  private final SourcePos[] recent = new SourcePos[256];

  AstBuilder(LineMap lines, CoreBuilder core, Parser parser, NameTable names, boolean withAst) {
    this.lines = lines;
    this.core = core;
    this.parser = parser;
    this.names = names;
    this.withAst = withAst;
  }

  private SourcePos pos(Token token) {
    return at(token.getStartIndex());
  }

  private SourcePos after(Token token) {
    return at(token.getStopIndex() + 1);
  }

  private SourcePos at(int offset) {
    int slot = offset & (recent.length - 1);
    SourcePos pos = recent[slot];
    if (pos == null || pos.offset() != offset) {
      pos = SourcePos.at(lines, offset);
      recent[slot] = pos;
    }
    return pos;
  }

  // ---- file and expressions ------------------------------------------------------------------

  @Override
  public void exitFile(NixParser.FileContext ctx) {
    ctx.ast = ctx.inner.ast;
    ctx.core = ctx.inner.core;
    ctx.inner = null;
  }

  @Override
  public void exitExpr(NixParser.ExprContext ctx) {
    if (ctx.inner != null) {
      ctx.ast = ctx.inner.ast;
      ctx.core = ctx.inner.core;
      ctx.inner = null;
    } else if (ctx.param != null) {
      String name = names.of(ctx.param);
      if (withAst) {
        ctx.ast = new Lambda(new NamedParameter(name), ctx.body.ast, pos(ctx.start));
      }
      ctx.core = core.lambda(name, ctx.body.core);
    } else if (ctx.pattern != null) {
      NixParser.FormalsContext pattern = ctx.pattern;
      boolean ellipsis = pattern.ellipsis != null;
      String alias = ctx.alias == null ? null : names.of(ctx.alias);
      boolean aliasFirst = ctx.open == null;
      if (withAst) {
        ctx.ast =
            new Lambda(
                new PatternParameter(
                    pattern.list,
                    ellipsis,
                    Optional.ofNullable(alias),
                    aliasFirst && alias != null),
                ctx.body.ast,
                pos(ctx.start));
      }
      ctx.core = core.patternLambda(pattern.cores, ellipsis, alias, ctx.body.core, pos(ctx.start));
      ctx.pattern = null;
    } else {
      SourcePos pos = pos(ctx.kw);
      switch (ctx.kw.getType()) {
        case NixLexer.ASSERT -> {
          if (withAst) {
            ctx.ast = new Assert(ctx.condition.ast, ctx.body.ast, pos);
          }
          ctx.core = core.assertion(ctx.condition.core, ctx.body.core);
        }
        case NixLexer.WITH -> {
          if (withAst) {
            ctx.ast = new With(ctx.scope.ast, ctx.body.ast, pos);
          }
          ctx.core = core.with(ctx.scope.core, ctx.body.core);
        }
        case NixLexer.LET -> {
          if (withAst) {
            ctx.ast = new Let(ctx.b.bindings, ctx.body.ast, pos);
          }
          ctx.core = core.let(ctx.b.attrs, ctx.body.core, pos);
        }
        default -> {
          if (withAst) {
            ctx.ast = new If(ctx.condition.ast, ctx.consequent.ast, ctx.alternative.ast, pos);
          }
          ctx.core = core.ifThenElse(ctx.condition.core, ctx.consequent.core, ctx.alternative.core);
        }
      }
      ctx.condition = ctx.scope = ctx.consequent = ctx.alternative = null;
      ctx.b = null;
    }
    ctx.body = null;
  }

  // ---- operators and application -------------------------------------------------------------

  @Override
  public void exitOperation(NixParser.OperationContext ctx) {
    if (ctx.left != null
        && (ctx.op.getType() == NixLexer.PIPE_INTO || ctx.op.getType() == NixLexer.PIPE_FROM)) {
      // x |> f and f <| x are calls of f with x, appended to f's arguments when f is a call.
      boolean into = ctx.op.getType() == NixLexer.PIPE_INTO;
      NixParser.OperationContext function = into ? ctx.right : ctx.left;
      NixParser.OperationContext argument = into ? ctx.left : ctx.right;
      if (withAst) {
        ctx.ast = new Application(function.ast, argument.ast, pos(ctx.start));
      }
      ctx.core = core.apply(function.core, argument.core);
      ctx.left = ctx.right = null;
    } else if (ctx.left != null) {
      Operator operator = operator(ctx.op.getType());
      if (withAst) {
        ctx.ast = new BinaryOperation(operator, ctx.left.ast, ctx.right.ast, pos(ctx.start));
      }
      ctx.core = core.binary(operator, ctx.left.core, ctx.right.core);
      ctx.left = ctx.right = null;
    } else if (ctx.target != null) {
      if (withAst) {
        ctx.ast = new HasAttribute(ctx.target.ast, ctx.path.names, pos(ctx.start));
      }
      ctx.core = core.hasAttribute(ctx.target.core, ctx.path.cores);
      ctx.target = null;
      ctx.path = null;
    } else if (ctx.operand != null) {
      if (ctx.op.getType() == NixLexer.MINUS) {
        if (withAst) {
          ctx.ast = new Negation(ctx.operand.ast, pos(ctx.op));
        }
        ctx.core = core.negation(ctx.operand.core);
      } else {
        if (withAst) {
          ctx.ast = new Not(ctx.operand.ast, pos(ctx.op));
        }
        ctx.core = core.not(ctx.operand.core);
      }
      ctx.operand = null;
    }
    // Otherwise an application, folded as its selects completed.
  }

  private static Operator operator(int tokenType) {
    return switch (tokenType) {
      case NixLexer.CONCAT -> Operator.CONCAT_LISTS;
      case NixLexer.STAR -> Operator.MULTIPLY;
      case NixLexer.SLASH -> Operator.DIVIDE;
      case NixLexer.PLUS -> Operator.ADD;
      case NixLexer.MINUS -> Operator.SUBTRACT;
      case NixLexer.UPDATE -> Operator.UPDATE;
      case NixLexer.LT -> Operator.LESS_THAN;
      case NixLexer.GT -> Operator.GREATER_THAN;
      case NixLexer.LEQ -> Operator.LESS_OR_EQUAL;
      case NixLexer.GEQ -> Operator.GREATER_OR_EQUAL;
      case NixLexer.EQ -> Operator.EQUAL;
      case NixLexer.NEQ -> Operator.NOT_EQUAL;
      case NixLexer.AND -> Operator.AND;
      case NixLexer.OR -> Operator.OR;
      case NixLexer.IMPL -> Operator.IMPLIES;
      default -> throw new IllegalStateException("not an operator token: " + tokenType);
    };
  }

  @Override
  public void exitSelect(NixParser.SelectContext ctx) {
    if (ctx.path != null) {
      NixParser.SelectContext fallback = ctx.fallback;
      if (withAst) {
        ctx.ast =
            new Select(
                ctx.target.ast,
                ctx.path.names,
                Optional.ofNullable(fallback == null ? null : fallback.ast),
                pos(ctx.start));
      }
      ctx.core =
          core.select(ctx.target.core, ctx.path.cores, fallback == null ? null : fallback.core);
    } else if (ctx.legacyOr != null) {
      if (withAst) {
        ctx.ast = new LegacyOr(ctx.target.ast, pos(ctx.start));
      }
      ctx.core = core.legacyOr(ctx.target.core, pos(ctx.start));
    } else {
      ctx.ast = ctx.target.ast;
      ctx.core = ctx.target.core;
    }
    ctx.target = null;
    ctx.path = null;
    ctx.fallback = null;
    if (ctx.getParent() instanceof NixParser.OperationContext application) {
      // The function, then each argument: f a b is (f a) b.
      if (application.core == null) {
        application.ast = ctx.ast;
        application.core = ctx.core;
      } else {
        if (withAst) {
          application.ast = new Application(application.ast, ctx.ast, pos(application.start));
        }
        application.core = core.apply(application.core, ctx.core);
      }
    } else if (ctx.getParent() instanceof NixParser.SimpleContext list) {
      if (list.cores == null) {
        list.items = withAst ? new ArrayList<>() : null;
        list.cores = new ArrayList<>();
      }
      if (withAst) {
        list.items.add(ctx.ast);
      }
      list.cores.add(ctx.core);
    }
  }

  // ---- simple expressions ------------------------------------------------------------------

  @Override
  public void exitSimple(NixParser.SimpleContext ctx) {
    Token first = ctx.start;
    SourcePos pos = pos(first);
    switch (first.getType()) {
      case NixLexer.ID -> {
        String name = names.of(first);
        if (withAst) {
          ctx.ast = name.equals("__curPos") ? new CurrentPosition(pos) : new Variable(name, pos);
        }
        ctx.core = core.identifier(name, pos);
      }
      case NixLexer.INT -> {
        long value = Long.parseLong(first.getText());
        if (withAst) {
          ctx.ast = new IntegerLiteral(value, pos);
        }
        ctx.core = core.integer(value);
      }
      case NixLexer.FLOAT -> {
        double value = Double.parseDouble(first.getText());
        if (withAst) {
          ctx.ast = new FloatLiteral(value, pos);
        }
        ctx.core = core.floating(value);
      }
      case NixLexer.DQUOTE -> {
        // The literal merges adjacent texts and drops empty ones, as the core form needs.
        StringLiteral string = new StringLiteral(ctx.content.parts, pos);
        ctx.ast = withAst ? string : null;
        ctx.core = core.string(string.parts(), ctx.content.cores);
        ctx.content = null;
      }
      case NixLexer.IND_STRING_OPEN -> {
        IndentedString string = new IndentedString(ctx.parts == null ? List.of() : ctx.parts, pos);
        ctx.ast = withAst ? string : null;
        ctx.core = core.indentedString(string.parts(), ctx.cores == null ? List.of() : ctx.cores);
      }
      case NixLexer.PATH, NixLexer.HPATH -> {
        String head = first.getText();
        List<StringPart> rest = ctx.rest == null ? List.of() : ctx.rest.parts;
        if (withAst) {
          List<StringPart> parts = new ArrayList<>(rest.size() + 1);
          parts.add(new Text(head));
          parts.addAll(rest);
          ctx.ast = new PathLiteral(parts, pos);
        }
        ctx.core = core.path(head, rest, ctx.rest == null ? List.of() : ctx.rest.cores);
        ctx.rest = null;
      }
      case NixLexer.SPATH -> {
        String text = first.getText();
        String path = text.substring(1, text.length() - 1);
        if (withAst) {
          ctx.ast = new SearchPath(path, pos);
        }
        ctx.core = core.searchPath(path);
      }
      case NixLexer.URI -> {
        String text = first.getText();
        if (withAst) {
          ctx.ast = new Uri(text, pos);
        }
        ctx.core = core.uri(text);
      }
      case NixLexer.LPAREN -> {
        ctx.ast = ctx.inner.ast;
        ctx.core = ctx.inner.core;
        ctx.inner = null;
      }
      case NixLexer.LET -> {
        if (withAst) {
          ctx.ast = new LegacyLet(ctx.b.bindings, pos(ctx.open));
        }
        ctx.core = core.legacyLet(ctx.b.attrs);
      }
      case NixLexer.REC -> {
        if (withAst) {
          ctx.ast = new AttributeSet(true, ctx.b.bindings, pos(ctx.open));
        }
        ctx.core = core.recursive(ctx.b.attrs);
      }
      case NixLexer.LBRACE -> {
        if (withAst) {
          ctx.ast = new AttributeSet(false, ctx.b.bindings, pos(ctx.open));
        }
        ctx.core = ctx.b.attrs;
      }
      default -> {
        if (withAst) {
          ctx.ast = new ListLiteral(ctx.items == null ? List.of() : ctx.items, pos);
        }
        ctx.core = core.list(ctx.cores == null ? List.of() : ctx.cores);
      }
    }
    ctx.b = null;
    ctx.items = null;
    ctx.cores = null;
    ctx.parts = null;
  }

  // ---- string and path pieces ----------------------------------------------------------------

  @Override
  public void exitStringParts(NixParser.StringPartsContext ctx) {
    if (ctx.parts == null) {
      ctx.parts = List.of();
      ctx.cores = List.of();
    }
  }

  @Override
  public void exitStringText(NixParser.StringTextContext ctx) {
    NixParser.StringPartsContext parts = (NixParser.StringPartsContext) ctx.getParent();
    if (parts.parts == null) {
      parts.parts = new ArrayList<>(2);
      parts.cores = new ArrayList<>(1);
    }
    parts.parts.add(new Text(StringEscapes.unescapeSimple(ctx.start.getText())));
  }

  @Override
  public void exitIndentedPart(NixParser.IndentedPartContext ctx) {
    if (ctx.interp != null) {
      ctx.part = withAst ? new Interpolation(ctx.interp.ast, pos(ctx.start)) : INTERPOLATED;
      ctx.core = ctx.interp.core;
      ctx.interp = null;
    } else {
      String text = ctx.piece.getText();
      ctx.part =
          switch (ctx.piece.getType()) {
            case NixLexer.IND_STR -> new RawText(RawUtf8.decodeLatin1(text));
            case NixLexer.IND_STR_DOLLAR -> new Escape("$");
            case NixLexer.IND_STR_QUOTES -> new Escape("''");
            case NixLexer.IND_STR_QUOTE -> new Escape("'");
            default -> new Escape(StringEscapes.unescapeByte(text.charAt(3)));
          };
    }
    NixParser.SimpleContext string = (NixParser.SimpleContext) ctx.getParent();
    if (string.parts == null) {
      string.parts = new ArrayList<>();
      string.cores = new ArrayList<>(1);
    }
    string.parts.add(ctx.part);
    if (ctx.core != null) {
      string.cores.add(ctx.core);
    }
  }

  @Override
  public void exitPathText(NixParser.PathTextContext ctx) {
    NixParser.PathPartsContext parts = (NixParser.PathPartsContext) ctx.getParent();
    if (parts.parts == null) {
      parts.parts = new ArrayList<>(3);
      parts.cores = new ArrayList<>(1);
    }
    String text = ctx.start.getText();
    int last = parts.parts.size() - 1;
    if (last >= 0 && parts.parts.get(last) instanceof Text previous) {
      parts.parts.set(last, new Text(previous.text() + text));
    } else {
      parts.parts.add(new Text(text));
    }
  }

  @Override
  public void exitInterpolation(NixParser.InterpolationContext ctx) {
    ctx.ast = ctx.inner.ast;
    ctx.core = ctx.inner.core;
    ctx.inner = null;
    if (ctx.getParent() instanceof NixParser.StringPartsContext parts) {
      if (parts.parts == null) {
        parts.parts = new ArrayList<>(3);
        parts.cores = new ArrayList<>(1);
      }
      parts.parts.add(withAst ? new Interpolation(ctx.ast, pos(ctx.start)) : INTERPOLATED);
      parts.cores.add(ctx.core);
    } else if (ctx.getParent() instanceof NixParser.PathPartsContext parts) {
      if (parts.parts == null) {
        parts.parts = new ArrayList<>(3);
        parts.cores = new ArrayList<>(1);
      }
      parts.parts.add(withAst ? new Interpolation(ctx.ast, pos(ctx.start)) : INTERPOLATED);
      parts.cores.add(ctx.core);
    }
  }

  // ---- bindings ----------------------------------------------------------------------------

  @Override
  public void enterBinds(NixParser.BindsContext ctx) {
    Token before = parser.getTokenStream().LT(-1);
    ctx.attrs = core.beginAttrs(pos(before));
    ctx.bindingsStart = after(before);
  }

  @Override
  public void exitBinds(NixParser.BindsContext ctx) {
    if (ctx.bindings == null) {
      ctx.bindings = List.of();
    }
  }

  @Override
  public void exitBinding(NixParser.BindingContext ctx) {
    NixParser.BindsContext binds = (NixParser.BindsContext) ctx.getParent();
    if (ctx.kw == null) {
      SourcePos pos = pos(ctx.path.start);
      if (withAst) {
        ctx.ast = new AttributeDefinition(ctx.path.names, ctx.value.ast, pos);
      }
      core.define(binds.attrs, ctx.path.cores, ctx.value.core, pos);
      ctx.path = null;
      ctx.value = null;
    } else {
      SourcePos namesPos = ctx.close != null ? after(ctx.close) : after(ctx.kw);
      List<CoreExpr.AttrName> cores = ctx.cores == null ? List.of() : ctx.cores;
      if (withAst) {
        List<AttrName> inherited = ctx.names == null ? List.of() : ctx.names;
        ctx.ast =
            new Inherit(
                Optional.ofNullable(ctx.from == null ? null : ctx.from.ast),
                inherited,
                pos(ctx.kw),
                namesPos);
      }
      core.inherit(
          binds.attrs,
          ctx.from == null ? null : ctx.from.core,
          cores,
          namesPos,
          binds.bindingsStart,
          ctx.positions == null ? List.of() : ctx.positions);
      ctx.from = null;
    }
    if (withAst) {
      if (binds.bindings == null) {
        binds.bindings = new ArrayList<>();
      }
      binds.bindings.add(ctx.ast);
    }
  }

  @Override
  public void exitInheritedName(NixParser.InheritedNameContext ctx) {
    ctx.ast = ctx.name.ast;
    ctx.core = core.inheritedName(ctx.name.core, pos(ctx.start));
    ctx.name = null;
    NixParser.BindingContext inherit = (NixParser.BindingContext) ctx.getParent();
    if (inherit.cores == null) {
      inherit.names = withAst ? new ArrayList<>() : null;
      inherit.cores = new ArrayList<>();
      inherit.positions = new ArrayList<>();
    }
    if (withAst) {
      inherit.names.add(ctx.ast);
    }
    inherit.cores.add(ctx.core);
    inherit.positions.add(pos(ctx.start));
  }

  @Override
  public void exitAttr(NixParser.AttrContext ctx) {
    switch (ctx.start.getType()) {
      case NixLexer.ID -> {
        String name = names.of(ctx.start);
        if (withAst) {
          ctx.ast = new IdentifierName(name);
        }
        ctx.core = core.name(name);
      }
      case NixLexer.OR_KW -> {
        if (withAst) {
          ctx.ast = new IdentifierName("or");
        }
        ctx.core = core.name("or");
      }
      case NixLexer.DQUOTE -> {
        StringLiteral string = new StringLiteral(ctx.content.parts, pos(ctx.start));
        if (withAst) {
          ctx.ast = new StringName(string);
        }
        ctx.core = core.name(core.string(string.parts(), ctx.content.cores));
        ctx.content = null;
      }
      default -> {
        if (withAst) {
          ctx.ast = new InterpolatedName(ctx.interp.ast, pos(ctx.start));
        }
        ctx.core = core.name(ctx.interp.core);
        ctx.interp = null;
      }
    }
    if (ctx.getParent() instanceof NixParser.AttrpathContext path) {
      if (path.cores == null) {
        path.names = withAst ? new ArrayList<>(2) : null;
        path.cores = new ArrayList<>(2);
      }
      if (withAst) {
        path.names.add(ctx.ast);
      }
      path.cores.add(ctx.core);
    }
  }

  // ---- formals -----------------------------------------------------------------------------

  @Override
  public void exitFormals(NixParser.FormalsContext ctx) {
    if (ctx.cores == null) {
      ctx.list = withAst ? List.of() : null;
      ctx.cores = List.of();
    }
  }

  @Override
  public void exitFormal(NixParser.FormalContext ctx) {
    String name = names.of(ctx.name);
    SourcePos pos = pos(ctx.name);
    NixParser.ExprContext fallback = ctx.fallback;
    if (withAst) {
      ctx.ast = new Formal(name, Optional.ofNullable(fallback == null ? null : fallback.ast), pos);
    }
    ctx.core = core.formal(name, fallback == null ? null : fallback.core, pos);
    ctx.fallback = null;
    NixParser.FormalsContext formals = (NixParser.FormalsContext) ctx.getParent();
    if (formals.cores == null) {
      formals.list = withAst ? new ArrayList<>() : null;
      formals.cores = new ArrayList<>();
    }
    if (withAst) {
      formals.list.add(ctx.ast);
    }
    formals.cores.add(ctx.core);
  }
}
