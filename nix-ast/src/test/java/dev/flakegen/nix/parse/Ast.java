package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.Not;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.RawText;
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
import dev.flakegen.nix.core.PathResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Shorthand for the parser and check tests: parsing a text or raw bytes, and building expected
 * trees in Java (every position {@link SourcePos#NONE}, which equals any parsed position).
 */
public final class Ast {

  private static final SourcePos P = SourcePos.NONE;

  private Ast() {}

  // ---- parsing -----------------------------------------------------------------------------

  /** The tree flakegen parses from {@code text} (relative paths against /tmp). */
  public static Expr parse(String text) {
    return parsed(text).expression();
  }

  public static ParsedSource parsed(String text) {
    return SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")));
  }

  /** The source made of exactly these bytes (each char of {@code latin1} one byte). */
  public static NixSource bytes(String latin1) {
    return new NixSource("(string)", latin1.getBytes(StandardCharsets.ISO_8859_1),
        new PathResolver("/base", "/home/u"));
  }

  /** The error the parser raises for {@code source}; fails if it parses. */
  public static NixError parseError(NixSource source) {
    NixErrorException e = catchThrowableOfType(NixErrorException.class,
        () -> SourceParser.parse(source));
    assertThat(e).as("expected a parse error").isNotNull();
    return e.error();
  }

  public static NixError parseError(String text) {
    return parseError(NixSource.ofString(text, Path.of("/tmp")));
  }

  /** A message as compared with Nix: without bison's ", expecting …" list. */
  public static String withoutExpecting(String message) {
    int cut = message.indexOf(", expecting ");
    return message.startsWith("syntax error") && cut >= 0 ? message.substring(0, cut) : message;
  }

  /** {@code MESSAGE @ LINE:COL}, the message without bison's expecting list. */
  public static String describe(NixError error) {
    return withoutExpecting(error.message()) + " @ " + error.pos().line() + ":"
        + error.pos().column();
  }

  // ---- leaves ------------------------------------------------------------------------------

  public static Variable v(String name) {
    return Variable.of(name);
  }

  public static IntegerLiteral i(long value) {
    return new IntegerLiteral(value, P);
  }

  public static FloatLiteral f(double value) {
    return new FloatLiteral(value, P);
  }

  public static CurrentPosition curPos() {
    return new CurrentPosition(P);
  }

  public static StringLiteral s(String text) {
    return StringLiteral.of(text);
  }

  /** A string of texts ({@link String}) and interpolated expressions ({@link Expr}). */
  public static StringLiteral str(Object... parts) {
    return new StringLiteral(stringParts(parts), P);
  }

  public static Interpolation interp(Expr e) {
    return new Interpolation(e, P);
  }

  public static PathLiteral path(String path) {
    return PathLiteral.of(path);
  }

  /** A path: its first segment, then texts ({@link String}) and interpolations ({@link Expr}). */
  public static PathLiteral path(String head, Object... rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = head;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return new PathLiteral(stringParts(all), P);
  }

  public static SearchPath spath(String path) {
    return new SearchPath(path, P);
  }

  public static Uri uri(String text) {
    return new Uri(text, P);
  }

  private static List<StringPart> stringParts(Object... parts) {
    return Arrays.stream(parts)
        .map(p -> p instanceof String t ? (StringPart) new Text(t) : interp((Expr) p))
        .toList();
  }

  // ---- indented strings --------------------------------------------------------------------

  public static RawText raw(String text) {
    return new RawText(text);
  }

  public static Escape esc(String value) {
    return new Escape(value);
  }

  public static IndentedString ind(IndentedPart... parts) {
    return new IndentedString(List.of(parts), P);
  }

  // ---- compound expressions ----------------------------------------------------------------

  public static Expr app(Expr function, Expr... arguments) {
    Expr e = function;
    for (Expr a : arguments) {
      e = new Application(e, a, P);
    }
    return e;
  }

  public static BinaryOperation op(Operator operator, Expr left, Expr right) {
    return new BinaryOperation(operator, left, right, P);
  }

  public static Not not(Expr e) {
    return new Not(e, P);
  }

  public static Negation neg(Expr e) {
    return new Negation(e, P);
  }

  public static ListLiteral list(Expr... items) {
    return new ListLiteral(List.of(items), P);
  }

  /** {@code target.a.b}, names given as in {@link #attrs(Object...)}. */
  public static Select sel(Expr target, Object... path) {
    return new Select(target, attrs(path), Optional.empty(), P);
  }

  public static Select selOr(Expr target, Expr fallback, Object... path) {
    return new Select(target, attrs(path), Optional.of(fallback), P);
  }

  public static HasAttribute has(Expr target, Object... path) {
    return new HasAttribute(target, attrs(path), P);
  }

  public static LegacyOr legacyOr(Expr target) {
    return new LegacyOr(target, P);
  }

  public static If ifThen(Expr c, Expr a, Expr b) {
    return new If(c, a, b, P);
  }

  public static With with(Expr scope, Expr body) {
    return new With(scope, body, P);
  }

  public static Assert assertThen(Expr condition, Expr body) {
    return new Assert(condition, body, P);
  }

  // ---- attribute names, sets, let ---------------------------------------------------------

  /** A bare name. */
  public static IdentifierName id(String name) {
    return new IdentifierName(name);
  }

  /** A quoted name {@code "…"}. */
  public static StringName quoted(StringLiteral string) {
    return new StringName(string);
  }

  /** A {@code ${e}} name. */
  public static InterpolatedName dyn(Expr e) {
    return new InterpolatedName(e, P);
  }

  /** Names: a {@link String} is a bare name, an {@link AttrName} itself. */
  public static List<AttrName> attrs(Object... names) {
    return Arrays.stream(names)
        .map(n -> n instanceof String name ? (AttrName) id(name) : (AttrName) n)
        .toList();
  }

  /** {@code a.b = value;} with the path given as a dotted string of bare names. */
  public static AttributeDefinition def(String dottedPath, Expr value) {
    return new AttributeDefinition(attrs((Object[]) dottedPath.split("\\.")), value, P);
  }

  public static AttributeDefinition def(List<AttrName> path, Expr value) {
    return new AttributeDefinition(path, value, P);
  }

  public static Inherit inherit(Object... names) {
    return new Inherit(Optional.empty(), attrs(names), P, P);
  }

  public static Inherit inheritFrom(Expr from, Object... names) {
    return new Inherit(Optional.of(from), attrs(names), P, P);
  }

  public static AttributeSet set(Binding... bindings) {
    return new AttributeSet(false, List.of(bindings), P);
  }

  public static AttributeSet rec(Binding... bindings) {
    return new AttributeSet(true, List.of(bindings), P);
  }

  public static Let let(Expr body, Binding... bindings) {
    return new Let(List.of(bindings), body, P);
  }

  public static LegacyLet legacyLet(Binding... bindings) {
    return new LegacyLet(List.of(bindings), P);
  }

  // ---- functions ---------------------------------------------------------------------------

  public static Lambda lambda(String parameter, Expr body) {
    return new Lambda(new NamedParameter(parameter), body, P);
  }

  public static Formal formal(String name) {
    return new Formal(name, Optional.empty(), P);
  }

  public static Formal formal(String name, Expr fallback) {
    return new Formal(name, Optional.of(fallback), P);
  }

  public static PatternParameter pattern(boolean ellipsis, Formal... formals) {
    return new PatternParameter(List.of(formals), ellipsis, Optional.empty(), false);
  }

  public static PatternParameter pattern(String alias, boolean aliasFirst, boolean ellipsis,
      Formal... formals) {
    return new PatternParameter(List.of(formals), ellipsis, Optional.of(alias), aliasFirst);
  }

  public static Lambda lambda(PatternParameter parameter, Expr body) {
    return new Lambda(parameter, body, P);
  }
}
