package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.CurrentPosition;
import dev.flakegen.nix.ast.Escape;
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
 * Builds the AST and Nix's core view of it as the parser completes each rule (a parse listener),
 * so that Nix's parse-time errors surface at the same point of the parse as in Nix.
 */
final class AstBuilder extends NixParserBaseListener {

  private final LineMap lines;
  private final CoreBuilder core;
  private final Parser parser;

  AstBuilder(LineMap lines, CoreBuilder core, Parser parser) {
    this.lines = lines;
    this.core = core;
    this.parser = parser;
  }

  private SourcePos pos(Token token) {
    return SourcePos.at(lines, token.getStartIndex());
  }

  private SourcePos after(Token token) {
    return SourcePos.at(lines, token.getStopIndex() + 1);
  }

  // ---- file and expressions ------------------------------------------------------------------

  @Override
  public void exitFile(NixParser.FileContext ctx) {
    ctx.ast = ctx.inner.ast;
    ctx.core = ctx.inner.core;
  }

  @Override
  public void exitSimpleLambda(NixParser.SimpleLambdaContext ctx) {
    String name = ctx.param.getText();
    ctx.ast = new Lambda(new NamedParameter(name), ctx.body.ast, pos(ctx.start));
    ctx.core = core.lambda(name, ctx.body.core);
  }

  @Override
  public void exitPatternLambda(NixParser.PatternLambdaContext ctx) {
    patternLambda(ctx, ctx.pattern, ctx.alias, false, ctx.body);
  }

  @Override
  public void exitAliasFirstLambda(NixParser.AliasFirstLambdaContext ctx) {
    patternLambda(ctx, ctx.pattern, ctx.alias, true, ctx.body);
  }

  private void patternLambda(NixParser.ExprContext ctx, NixParser.FormalsContext pattern,
      Token alias, boolean aliasFirst, NixParser.ExprContext body) {
    boolean ellipsis = pattern.ellipsis != null;
    String aliasName = alias == null ? null : alias.getText();
    ctx.ast = new Lambda(new PatternParameter(pattern.list, ellipsis,
        Optional.ofNullable(aliasName), aliasFirst), body.ast, pos(ctx.start));
    ctx.core = core.patternLambda(pattern.cores, ellipsis, aliasName, body.core, pos(ctx.start));
  }

  @Override
  public void exitAssert(NixParser.AssertContext ctx) {
    ctx.ast = new Assert(ctx.condition.ast, ctx.body.ast, pos(ctx.kw));
    ctx.core = core.assertion(ctx.condition.core, ctx.body.core);
  }

  @Override
  public void exitWith(NixParser.WithContext ctx) {
    ctx.ast = new With(ctx.scope.ast, ctx.body.ast, pos(ctx.kw));
    ctx.core = core.with(ctx.scope.core, ctx.body.core);
  }

  @Override
  public void exitLet(NixParser.LetContext ctx) {
    ctx.ast = new Let(ctx.b.bindings, ctx.body.ast, pos(ctx.kw));
    ctx.core = core.let(ctx.b.attrs, ctx.body.core, pos(ctx.kw));
  }

  @Override
  public void exitIf(NixParser.IfContext ctx) {
    ctx.ast = new If(ctx.condition.ast, ctx.consequent.ast, ctx.alternative.ast, pos(ctx.kw));
    ctx.core = core.ifThenElse(ctx.condition.core, ctx.consequent.core, ctx.alternative.core);
  }

  @Override
  public void exitOperationExpr(NixParser.OperationExprContext ctx) {
    ctx.ast = ctx.inner.ast;
    ctx.core = ctx.inner.core;
  }

  // ---- operators ---------------------------------------------------------------------------

  @Override
  public void exitNegation(NixParser.NegationContext ctx) {
    ctx.ast = new Negation(ctx.operand.ast, pos(ctx.op));
    ctx.core = core.negation(ctx.operand.core);
  }

  @Override
  public void exitNot(NixParser.NotContext ctx) {
    ctx.ast = new Not(ctx.operand.ast, pos(ctx.op));
    ctx.core = core.not(ctx.operand.core);
  }

  @Override
  public void exitHasAttr(NixParser.HasAttrContext ctx) {
    ctx.ast = new HasAttribute(ctx.target.ast, ctx.path.names, pos(ctx.start));
    ctx.core = core.hasAttribute(ctx.target.core, ctx.path.cores);
  }

  @Override
  public void exitBinary(NixParser.BinaryContext ctx) {
    binary(ctx, ctx.op, ctx.left, ctx.right);
  }

  @Override
  public void exitComparison(NixParser.ComparisonContext ctx) {
    binary(ctx, ctx.op, ctx.left, ctx.right);
  }

  @Override
  public void exitEquality(NixParser.EqualityContext ctx) {
    binary(ctx, ctx.op, ctx.left, ctx.right);
  }

  private void binary(NixParser.OperationContext ctx, Token op, NixParser.OperationContext left,
      NixParser.OperationContext right) {
    Operator operator = operator(op.getType());
    ctx.ast = new BinaryOperation(operator, left.ast, right.ast, pos(ctx.start));
    ctx.core = core.binary(operator, left.core, right.core);
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
  public void exitApplicationExpr(NixParser.ApplicationExprContext ctx) {
    ctx.ast = ctx.inner.ast;
    ctx.core = ctx.inner.core;
  }

  /** The function, then each argument as it completes: {@code f a b} is {@code (f a) b}. */
  private void applied(NixParser.ApplicationContext application, NixParser.SelectContext item) {
    if (application.ast == null) {
      application.ast = item.ast;
      application.core = item.core;
    } else {
      application.ast = new Application(application.ast, item.ast, pos(application.start));
      application.core = core.apply(application.core, item.core);
    }
  }

  @Override
  public void exitSelect(NixParser.SelectContext ctx) {
    if (ctx.path != null) {
      NixParser.SelectContext fallback = ctx.fallback;
      ctx.ast = new Select(ctx.target.ast, ctx.path.names,
          Optional.ofNullable(fallback == null ? null : fallback.ast), pos(ctx.start));
      ctx.core = core.select(ctx.target.core, ctx.path.cores,
          fallback == null ? null : fallback.core);
    } else if (ctx.legacyOr != null) {
      ctx.ast = new LegacyOr(ctx.target.ast, pos(ctx.start));
      ctx.core = core.legacyOr(ctx.target.core, pos(ctx.start));
    } else {
      ctx.ast = ctx.target.ast;
      ctx.core = ctx.target.core;
    }
    if (ctx.getParent() instanceof NixParser.ApplicationContext application) {
      applied(application, ctx);
    } else if (ctx.getParent() instanceof NixParser.ListContext list) {
      if (list.items == null) {
        list.items = new ArrayList<>();
        list.cores = new ArrayList<>();
      }
      list.items.add(ctx.ast);
      list.cores.add(ctx.core);
    }
  }

  // ---- simple expressions ------------------------------------------------------------------

  @Override
  public void exitIdentifier(NixParser.IdentifierContext ctx) {
    String name = ctx.start.getText();
    SourcePos pos = pos(ctx.start);
    ctx.ast = name.equals("__curPos") ? new CurrentPosition(pos) : new Variable(name, pos);
    ctx.core = core.identifier(name, pos);
  }

  @Override
  public void exitInteger(NixParser.IntegerContext ctx) {
    long value = Long.parseLong(ctx.start.getText());
    ctx.ast = new IntegerLiteral(value, pos(ctx.start));
    ctx.core = core.integer(value);
  }

  @Override
  public void exitFloat(NixParser.FloatContext ctx) {
    double value = Double.parseDouble(ctx.start.getText());
    ctx.ast = new FloatLiteral(value, pos(ctx.start));
    ctx.core = core.floating(value);
  }

  @Override
  public void exitString(NixParser.StringContext ctx) {
    StringLiteral string = new StringLiteral(ctx.content.parts, pos(ctx.start));
    ctx.ast = string;
    ctx.core = core.string(string.parts(), ctx.content.cores);
  }

  @Override
  public void exitIndentedString(NixParser.IndentedStringContext ctx) {
    IndentedString string = new IndentedString(ctx.parts == null ? List.of() : ctx.parts,
        pos(ctx.start));
    ctx.ast = string;
    ctx.core = core.indentedString(string.parts(), ctx.cores == null ? List.of() : ctx.cores);
  }

  @Override
  public void exitPath(NixParser.PathContext ctx) {
    String head = ctx.first.getText();
    List<StringPart> rest = ctx.rest == null ? List.of() : ctx.rest.parts;
    List<StringPart> parts = new ArrayList<>(rest.size() + 1);
    parts.add(new Text(head));
    parts.addAll(rest);
    ctx.ast = new PathLiteral(parts, pos(ctx.start));
    ctx.core = core.path(head, rest, ctx.rest == null ? List.of() : ctx.rest.cores);
  }

  @Override
  public void exitSearchPath(NixParser.SearchPathContext ctx) {
    String text = ctx.start.getText();
    String path = text.substring(1, text.length() - 1);
    ctx.ast = new SearchPath(path, pos(ctx.start));
    ctx.core = core.searchPath(path);
  }

  @Override
  public void exitUri(NixParser.UriContext ctx) {
    String text = ctx.start.getText();
    ctx.ast = new Uri(text, pos(ctx.start));
    ctx.core = core.uri(text);
  }

  @Override
  public void exitParenthesized(NixParser.ParenthesizedContext ctx) {
    ctx.ast = ctx.inner.ast;
    ctx.core = ctx.inner.core;
  }

  @Override
  public void exitLegacyLet(NixParser.LegacyLetContext ctx) {
    ctx.ast = new LegacyLet(ctx.b.bindings, pos(ctx.open));
    ctx.core = core.legacyLet(ctx.b.attrs);
  }

  @Override
  public void exitRecursiveSet(NixParser.RecursiveSetContext ctx) {
    ctx.ast = new AttributeSet(true, ctx.b.bindings, pos(ctx.open));
    ctx.core = core.recursive(ctx.b.attrs);
  }

  @Override
  public void exitSet(NixParser.SetContext ctx) {
    ctx.ast = new AttributeSet(false, ctx.b.bindings, pos(ctx.open));
    ctx.core = ctx.b.attrs;
  }

  @Override
  public void exitList(NixParser.ListContext ctx) {
    ctx.ast = new ListLiteral(ctx.items == null ? List.of() : ctx.items, pos(ctx.start));
    ctx.core = core.list(ctx.cores == null ? List.of() : ctx.cores);
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
      ctx.part = new Interpolation(ctx.interp.ast, pos(ctx.start));
      ctx.core = ctx.interp.core;
    } else {
      String text = ctx.piece.getText();
      ctx.part = switch (ctx.piece.getType()) {
        case NixLexer.IND_STR -> new RawText(RawUtf8.decodeLatin1(text));
        case NixLexer.IND_STR_DOLLAR -> new Escape("$");
        case NixLexer.IND_STR_QUOTES -> new Escape("''");
        case NixLexer.IND_STR_QUOTE -> new Escape("'");
        default -> new Escape(StringEscapes.unescapeByte(text.charAt(3)));
      };
    }
    NixParser.IndentedStringContext string = (NixParser.IndentedStringContext) ctx.getParent();
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
  public void exitPathParts(NixParser.PathPartsContext ctx) {
    // Filled in by its pieces, which always include an interpolation.
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
    if (ctx.getParent() instanceof NixParser.StringPartsContext parts) {
      if (parts.parts == null) {
        parts.parts = new ArrayList<>(3);
        parts.cores = new ArrayList<>(1);
      }
      parts.parts.add(new Interpolation(ctx.ast, pos(ctx.start)));
      parts.cores.add(ctx.core);
    } else if (ctx.getParent() instanceof NixParser.PathPartsContext parts) {
      if (parts.parts == null) {
        parts.parts = new ArrayList<>(3);
        parts.cores = new ArrayList<>(1);
      }
      parts.parts.add(new Interpolation(ctx.ast, pos(ctx.start)));
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

  private static void bound(NixParser.BindingContext binding) {
    NixParser.BindsContext binds = (NixParser.BindsContext) binding.getParent();
    if (binds.bindings == null) {
      binds.bindings = new ArrayList<>();
    }
    binds.bindings.add(binding.ast);
  }

  @Override
  public void exitAttributeBinding(NixParser.AttributeBindingContext ctx) {
    SourcePos pos = pos(ctx.path.start);
    ctx.ast = new AttributeDefinition(ctx.path.names, ctx.value.ast, pos);
    core.define(((NixParser.BindsContext) ctx.getParent()).attrs, ctx.path.cores, ctx.value.core,
        pos);
    bound(ctx);
  }

  @Override
  public void exitInheritBinding(NixParser.InheritBindingContext ctx) {
    NixParser.BindsContext binds = (NixParser.BindsContext) ctx.getParent();
    SourcePos namesPos = ctx.close != null ? after(ctx.close) : after(ctx.kw);
    List<AttrName> names = ctx.names == null ? List.of() : ctx.names;
    List<CoreExpr.AttrName> cores = ctx.cores == null ? List.of() : ctx.cores;
    ctx.ast = new Inherit(Optional.ofNullable(ctx.from == null ? null : ctx.from.ast), names,
        pos(ctx.kw), namesPos);
    core.inherit(binds.attrs, ctx.from == null ? null : ctx.from.core, cores, namesPos,
        binds.bindingsStart);
    bound(ctx);
  }

  @Override
  public void exitInheritedName(NixParser.InheritedNameContext ctx) {
    ctx.ast = ctx.name.ast;
    ctx.core = core.inheritedName(ctx.name.core, pos(ctx.start));
    NixParser.InheritBindingContext inherit = (NixParser.InheritBindingContext) ctx.getParent();
    if (inherit.names == null) {
      inherit.names = new ArrayList<>();
      inherit.cores = new ArrayList<>();
    }
    inherit.names.add(ctx.ast);
    inherit.cores.add(ctx.core);
  }

  @Override
  public void exitAttrpath(NixParser.AttrpathContext ctx) {
    // Filled in by its names as they complete.
  }

  /** An attribute name completed: into its path (an inherited name is taken by its parent). */
  private static void named(NixParser.AttrContext attr) {
    if (attr.getParent() instanceof NixParser.AttrpathContext path) {
      if (path.names == null) {
        path.names = new ArrayList<>(2);
        path.cores = new ArrayList<>(2);
      }
      path.names.add(attr.ast);
      path.cores.add(attr.core);
    }
  }

  @Override
  public void exitIdentifierAttr(NixParser.IdentifierAttrContext ctx) {
    String name = ctx.start.getText();
    ctx.ast = new IdentifierName(name);
    ctx.core = core.name(name);
    named(ctx);
  }

  @Override
  public void exitOrAttr(NixParser.OrAttrContext ctx) {
    ctx.ast = new IdentifierName("or");
    ctx.core = core.name("or");
    named(ctx);
  }

  @Override
  public void exitStringAttr(NixParser.StringAttrContext ctx) {
    StringLiteral string = new StringLiteral(ctx.content.parts, pos(ctx.start));
    ctx.ast = new StringName(string);
    ctx.core = core.name(core.string(string.parts(), ctx.content.cores));
    named(ctx);
  }

  @Override
  public void exitDynamicAttr(NixParser.DynamicAttrContext ctx) {
    ctx.ast = new InterpolatedName(ctx.interp.ast, pos(ctx.start));
    ctx.core = core.name(ctx.interp.core);
    named(ctx);
  }

  // ---- formals -----------------------------------------------------------------------------

  @Override
  public void exitFormals(NixParser.FormalsContext ctx) {
    if (ctx.list == null) {
      ctx.list = List.of();
      ctx.cores = List.of();
    }
  }

  @Override
  public void exitFormal(NixParser.FormalContext ctx) {
    String name = ctx.name.getText();
    SourcePos pos = pos(ctx.name);
    NixParser.ExprContext fallback = ctx.fallback;
    ctx.ast = new Formal(name, Optional.ofNullable(fallback == null ? null : fallback.ast), pos);
    ctx.core = core.formal(name, fallback == null ? null : fallback.core, pos);
    NixParser.FormalsContext formals = (NixParser.FormalsContext) ctx.getParent();
    if (formals.list == null) {
      formals.list = new ArrayList<>();
      formals.cores = new ArrayList<>();
    }
    formals.list.add(ctx.ast);
    formals.cores.add(ctx.core);
  }
}
