package dev.flakegen.nix.build;

import dev.flakegen.nix.core.Lowering;
import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.FloatLiteral;
import dev.flakegen.nix.ast.HasAttribute;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.If;
import dev.flakegen.nix.ast.IntegerLiteral;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.Names;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.Not;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.SearchPath;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.SymbolTable;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds Nix expressions from Java, to be used with {@code import static
 * dev.flakegen.nix.build.Nix.*}. Text reaches the output in exactly three ways: string builders
 * that escape ({@link #string}, {@link #indentedString}), name builders that validate and quote
 * ({@link #attr}, {@link #variable}, {@link #lambda} parameters, …), and {@link #parse}, which runs
 * Nix's grammar and checks. There is no raw-Nix node.
 *
 * <pre>{@code
 * Expr flake = set()
 *     .attr("description", string("hello"))
 *     .attr(attrPath("inputs", "nixpkgs", "url"), string("github:NixOS/nixpkgs/nixos-unstable"))
 *     .attr("outputs", lambda(pattern().formal("self").formal("nixpkgs"),
 *         set().attr(attrPath("packages", "x86_64-linux", "default"),
 *             select(variable("nixpkgs"), "legacyPackages", "x86_64-linux", "hello")).build()))
 *     .build();
 * validate(flake);
 * }</pre>
 *
 * <p>Every node built here has the position {@link SourcePos#NONE}. Invalid arguments throw
 * {@link IllegalArgumentException} with a message {@code FIELD RULE, was VALUE}, where the field
 * is {@code method.parameter}; {@code null} throws {@link NullPointerException} naming the field.
 */
public final class Nix {

  private Nix() {}

  // ---- values ------------------------------------------------------------------------------

  /**
   * An integer. Nix has no negative literals: a negative value is the negation of its absolute
   * value ({@code -5}), and {@link Long#MIN_VALUE}, whose absolute value has no literal, is
   * {@code -9223372036854775807 - 1}.
   */
  public static Expr integer(long value) {
    if (value >= 0) {
      return new IntegerLiteral(value, SourcePos.NONE);
    }
    if (value == Long.MIN_VALUE) {
      return new BinaryOperation(Operator.SUBTRACT,
          new Negation(new IntegerLiteral(Long.MAX_VALUE, SourcePos.NONE), SourcePos.NONE),
          new IntegerLiteral(1, SourcePos.NONE), SourcePos.NONE);
    }
    return new Negation(new IntegerLiteral(-value, SourcePos.NONE), SourcePos.NONE);
  }

  /**
   * A float; a negative value is the negation of its absolute value. Rejects what Nix has no
   * literal for: NaN, infinities, negative zero and subnormal values.
   */
  public static Expr number(double value) {
    Checks.require(Double.isFinite(value), "number.value",
        "must be finite (Nix has no literal for NaN or infinity)", value);
    Checks.require(Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0),
        "number.value", "must not be negative zero (Nix has no literal for it)", value);
    double magnitude = Math.abs(value);
    Checks.require(magnitude == 0 || magnitude >= Double.MIN_NORMAL, "number.value",
        "must be 0 or at least " + Double.MIN_NORMAL
            + " in magnitude (Nix rejects subnormal float literals)", value);
    FloatLiteral literal = new FloatLiteral(magnitude, SourcePos.NONE);
    return value < 0 ? new Negation(literal, SourcePos.NONE) : literal;
  }

  /** {@code true} or {@code false} (variables in Nix, which a {@code let} could shadow). */
  public static Variable bool(boolean value) {
    return Variable.of(value ? "true" : "false");
  }

  /** {@code null} (a variable in Nix). */
  public static Variable nullValue() {
    return Variable.of("null");
  }

  /**
   * A string {@code "…"} with exactly this text: the printer escapes it, so nothing in it can end
   * the string or start an interpolation.
   *
   * @throws IllegalArgumentException if the text contains NUL or a lone surrogate
   */
  public static StringLiteral string(String text) {
    return StringLiteral.of(Checks.text(text, "string.text"));
  }

  /**
   * A string {@code "…"} with interpolations: each {@link String} is text (escaped), each
   * {@link Expr} is interpolated ({@code ${…}}).
   */
  public static StringLiteral string(Object... parts) {
    List<StringPart> out = new ArrayList<>();
    for (Object part : parts("string.parts", parts)) {
      out.add(part instanceof String s ? new Text(s)
          : new Interpolation((Expr) part, SourcePos.NONE));
    }
    return new StringLiteral(out, SourcePos.NONE);
  }

  /**
   * An indented string {@code ''…''} whose value is exactly this text (see
   * {@link #indentedString(Object...)} for the escaping); a {@code "…"} string when the text has
   * a line that ends in a space.
   */
  public static Expr indentedString(String text) {
    return IndentedText.of(List.of(Checks.text(text, "indentedString.text")));
  }

  /**
   * An indented string {@code ''…''} with interpolations: each {@link String} is text, each
   * {@link Expr} is interpolated. The text is escaped so that, after Nix strips indentation, the
   * value is exactly the text: {@code ''} is written {@code '''}; {@code $} before <code>{</code>
   * or {@code '} is {@code ''$}; a {@code '} that would touch another quote is {@code ''\'}; CR is
   * {@code ''\r}; when every line is indented, the first space of one line (the second line with
   * content, if there is one) is written {@code ''\ } so that Nix strips nothing; a TAB ending a
   * line is {@code ''\t}.
   *
   * <p>Falls back to a {@code "…"} {@link StringLiteral} when a line ends (before its line feed)
   * in a space or other whitespace that has no visible escape: in {@code ''…''} it would be
   * trailing whitespace in the file, which editors and hooks remove.
   */
  public static Expr indentedString(Object... parts) {
    return IndentedText.of(parts("indentedString.parts", parts));
  }

  private static List<Object> parts(String field, Object[] parts) {
    Checks.notNull(parts, field);
    List<Object> out = new ArrayList<>(parts.length);
    for (int i = 0; i < parts.length; i++) {
      Object part = Checks.notNull(parts[i], field + "[" + i + "]");
      if (part instanceof String s) {
        out.add(Checks.text(s, field + "[" + i + "]"));
      } else if (part instanceof Expr) {
        out.add(part);
      } else {
        throw new IllegalArgumentException(field + "[" + i + "] must be a String (text) or an Expr"
            + " (interpolation), was " + part + " (" + part.getClass().getName() + ")");
      }
    }
    return out;
  }

  /**
   * A path such as {@code ./a/b.nix}, {@code ../x}, {@code /etc/hosts} or {@code ~/x}: segments of
   * {@code [A-Za-z0-9._+-]} separated by single slashes, not ending in a slash.
   */
  public static PathLiteral path(String path) {
    Checks.notNull(path, "path.path");
    Checks.require(!(path.endsWith("/") && isPath(path.substring(0, path.length() - 1))),
        "path.path", "must not end in '/' (Nix: path has a trailing slash)", path);
    Checks.require(isPath(path), "path.path",
        "must be a path such as ./a, ../b.nix, /a/b or ~/a ('/'-separated non-empty segments of"
            + " [A-Za-z0-9._+-])", path);
    return PathLiteral.of(path);
  }

  /** A search-path lookup such as {@code <nixpkgs>} or {@code <nixpkgs/lib>}, from its inside. */
  public static SearchPath searchPath(String path) {
    Checks.notNull(path, "searchPath.path");
    Checks.require(!path.isEmpty() && !path.startsWith("/") && isPath("x/" + path),
        "searchPath.path", "must be '/'-separated non-empty segments of [A-Za-z0-9._+-],"
            + " as in <nixpkgs/lib>", path);
    return new SearchPath(path, SourcePos.NONE);
  }

  /** Whether {@code s} is {@code PC*(/PC+)+} or {@code ~(/PC+)+}. */
  private static boolean isPath(String s) {
    int i = 0;
    if (s.startsWith("~")) {
      i = 1;
    } else {
      while (i < s.length() && isPathChar(s.charAt(i))) {
        i++;
      }
    }
    int segments = 0;
    while (i < s.length()) {
      if (s.charAt(i++) != '/') {
        return false;
      }
      int start = i;
      while (i < s.length() && isPathChar(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return false;
      }
      segments++;
    }
    return segments > 0;
  }

  private static boolean isPathChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.'
        || c == '_' || c == '+' || c == '-';
  }

  /** A list {@code [ … ]}. */
  public static ListLiteral list(Expr... items) {
    Checks.notNull(items, "list.items");
    return list(Arrays.asList(items));
  }

  /** A list {@code [ … ]}. */
  public static ListLiteral list(List<? extends Expr> items) {
    Checks.notNull(items, "list.items");
    return new ListLiteral(Checks.listOf(new ArrayList<Expr>(items), "list.items"),
        SourcePos.NONE);
  }

  /**
   * A variable reference. The name must be an identifier that is not a keyword, not {@code or}
   * and not {@code __curPos}.
   */
  public static Variable variable(String name) {
    return Variable.of(Checks.variableName(name, "variable.name"));
  }

  // ---- names -------------------------------------------------------------------------------

  /**
   * An attribute name: bare when it is an identifier that is not a keyword ({@code or} included),
   * else a quoted string ({@code "if"}, {@code "a b"}, {@code ""}), so a keyword is never bare.
   */
  public static AttrName attr(String name) {
    return name(name, "attr.name");
  }

  static AttrName name(String name, String field) {
    Checks.text(name, field);
    return Names.isBareAttributeName(name) ? new IdentifierName(name)
        : new StringName(StringLiteral.of(name));
  }

  /** An attribute path {@code a.b.c}, each name as {@link #attr(String)} makes it. */
  public static List<AttrName> attrPath(String... names) {
    return path(names, "attrPath.names");
  }

  private static List<AttrName> path(String[] names, String field) {
    Checks.notNull(names, field);
    if (names.length == 0) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    List<AttrName> out = new ArrayList<>(names.length);
    for (int i = 0; i < names.length; i++) {
      out.add(name(names[i], field + "[" + i + "]"));
    }
    return List.copyOf(out);
  }

  /** A dynamic attribute name {@code ${expr}}. */
  public static AttrName dynamicAttr(Expr expr) {
    return new InterpolatedName(Checks.notNull(expr, "dynamicAttr.expr"), SourcePos.NONE);
  }

  // ---- structure ---------------------------------------------------------------------------

  /** {@code target.a.b}. */
  public static Select select(Expr target, String... path) {
    return select(target, path(path, "select.path"));
  }

  /** {@code target.a.b}, the path made with {@link #attrPath} or {@link #dynamicAttr}. */
  public static Select select(Expr target, List<AttrName> path) {
    Checks.notNull(target, "select.target");
    return new Select(target, Checks.nonEmptyListOf(path, "select.path"), Optional.empty(),
        SourcePos.NONE);
  }

  /** {@code target.a.b or fallback}. */
  public static Select selectOr(Expr target, Expr fallback, String... path) {
    return selectOr(target, path(path, "selectOr.path"), fallback);
  }

  /** {@code target.a.b or fallback}, the path made with {@link #attrPath}. */
  public static Select selectOr(Expr target, List<AttrName> path, Expr fallback) {
    Checks.notNull(target, "selectOr.target");
    Checks.notNull(fallback, "selectOr.fallback");
    return new Select(target, Checks.nonEmptyListOf(path, "selectOr.path"),
        Optional.of(fallback), SourcePos.NONE);
  }

  /** {@code target ? a.b}. */
  public static HasAttribute hasAttr(Expr target, String... path) {
    return hasAttr(target, path(path, "hasAttr.path"));
  }

  /** {@code target ? a.b}, the path made with {@link #attrPath}. */
  public static HasAttribute hasAttr(Expr target, List<AttrName> path) {
    Checks.notNull(target, "hasAttr.target");
    return new HasAttribute(target, Checks.nonEmptyListOf(path, "hasAttr.path"), SourcePos.NONE);
  }

  /** {@code function a b c}: applications nested to the left, {@code ((function a) b) c}. */
  public static Expr apply(Expr function, Expr... arguments) {
    Checks.notNull(function, "apply.function");
    Checks.notNull(arguments, "apply.arguments");
    if (arguments.length == 0) {
      throw new IllegalArgumentException("apply.arguments must not be empty");
    }
    Expr result = function;
    for (int i = 0; i < arguments.length; i++) {
      result = new Application(result, Checks.notNull(arguments[i], "apply.arguments[" + i + "]"),
          SourcePos.NONE);
    }
    return result;
  }

  /** {@code left OP right} for any binary operator. */
  public static BinaryOperation binary(Operator operator, Expr left, Expr right) {
    Checks.notNull(operator, "binary.operator");
    return operation(operator, left, right, "binary");
  }

  /** {@code left + right}. */
  public static BinaryOperation plus(Expr left, Expr right) {
    return operation(Operator.ADD, left, right, "plus");
  }

  /** {@code left - right}. */
  public static BinaryOperation minus(Expr left, Expr right) {
    return operation(Operator.SUBTRACT, left, right, "minus");
  }

  /** {@code left * right}. */
  public static BinaryOperation times(Expr left, Expr right) {
    return operation(Operator.MULTIPLY, left, right, "times");
  }

  /** {@code left / right}. */
  public static BinaryOperation divide(Expr left, Expr right) {
    return operation(Operator.DIVIDE, left, right, "divide");
  }

  /** {@code left ++ right} (list concatenation). */
  public static BinaryOperation concat(Expr left, Expr right) {
    return operation(Operator.CONCAT_LISTS, left, right, "concat");
  }

  /** {@code left // right} (attribute set update). */
  public static BinaryOperation update(Expr left, Expr right) {
    return operation(Operator.UPDATE, left, right, "update");
  }

  /** {@code left == right}. */
  public static BinaryOperation eq(Expr left, Expr right) {
    return operation(Operator.EQUAL, left, right, "eq");
  }

  /** {@code left != right}. */
  public static BinaryOperation neq(Expr left, Expr right) {
    return operation(Operator.NOT_EQUAL, left, right, "neq");
  }

  /** {@code left < right}. */
  public static BinaryOperation lt(Expr left, Expr right) {
    return operation(Operator.LESS_THAN, left, right, "lt");
  }

  /** {@code left <= right}. */
  public static BinaryOperation le(Expr left, Expr right) {
    return operation(Operator.LESS_OR_EQUAL, left, right, "le");
  }

  /** {@code left > right}. */
  public static BinaryOperation gt(Expr left, Expr right) {
    return operation(Operator.GREATER_THAN, left, right, "gt");
  }

  /** {@code left >= right}. */
  public static BinaryOperation ge(Expr left, Expr right) {
    return operation(Operator.GREATER_OR_EQUAL, left, right, "ge");
  }

  /** {@code left && right}. */
  public static BinaryOperation and(Expr left, Expr right) {
    return operation(Operator.AND, left, right, "and");
  }

  /** {@code left || right}. */
  public static BinaryOperation or(Expr left, Expr right) {
    return operation(Operator.OR, left, right, "or");
  }

  /** {@code left -> right}. */
  public static BinaryOperation implies(Expr left, Expr right) {
    return operation(Operator.IMPLIES, left, right, "implies");
  }

  private static BinaryOperation operation(Operator operator, Expr left, Expr right,
      String method) {
    Checks.notNull(left, method + ".left");
    Checks.notNull(right, method + ".right");
    return new BinaryOperation(operator, left, right, SourcePos.NONE);
  }

  /** {@code !operand}. */
  public static Not not(Expr operand) {
    return new Not(Checks.notNull(operand, "not.operand"), SourcePos.NONE);
  }

  /** {@code -operand}. */
  public static Negation negate(Expr operand) {
    return new Negation(Checks.notNull(operand, "negate.operand"), SourcePos.NONE);
  }

  /** {@code if condition then consequent else alternative}. */
  public static If ifThenElse(Expr condition, Expr consequent, Expr alternative) {
    Checks.notNull(condition, "ifThenElse.condition");
    Checks.notNull(consequent, "ifThenElse.consequent");
    Checks.notNull(alternative, "ifThenElse.alternative");
    return new If(condition, consequent, alternative, SourcePos.NONE);
  }

  /** {@code parameter: body}. */
  public static Lambda lambda(String parameter, Expr body) {
    Checks.bindableName(parameter, "lambda.parameter");
    Checks.notNull(body, "lambda.body");
    return new Lambda(new NamedParameter(parameter), body, SourcePos.NONE);
  }

  /** {@code { a, b ? 1, ... } @ args: body}, the pattern made with {@link #pattern()}. */
  public static Lambda lambda(PatternBuilder pattern, Expr body) {
    Checks.notNull(pattern, "lambda.pattern");
    Checks.notNull(body, "lambda.body");
    return new Lambda(pattern.build(), body, SourcePos.NONE);
  }

  /** An empty set pattern, to add formals to. */
  public static PatternBuilder pattern() {
    return PatternBuilder.empty();
  }

  /** An empty {@code let}, to add bindings to and finish with {@link LetBuilder#in(Expr)}. */
  public static LetBuilder let() {
    return LetBuilder.empty();
  }

  /** An empty attribute set, to add bindings to and finish with {@link AttrSetBuilder#build()}. */
  public static AttrSetBuilder set() {
    return AttrSetBuilder.empty();
  }

  /** {@code with scope; body}. */
  public static With with(Expr scope, Expr body) {
    Checks.notNull(scope, "with.scope");
    Checks.notNull(body, "with.body");
    return new With(scope, body, SourcePos.NONE);
  }

  /** {@code assert condition; body}. */
  public static Assert assertion(Expr condition, Expr body) {
    Checks.notNull(condition, "assertion.condition");
    Checks.notNull(body, "assertion.body");
    return new Assert(condition, body, SourcePos.NONE);
  }

  // ---- Nix text ----------------------------------------------------------------------------

  /**
   * The expression written in {@code nixText}, which must be a closed expression Nix 2.8 accepts:
   * parsed with the project's grammar, then checked as Nix checks (no attribute twice, no
   * duplicate formals, every variable bound). The nodes keep their positions in the text, whose
   * name is {@code (string)}.
   *
   * @throws IllegalArgumentException {@code parse.nixText must be valid Nix (LINE:COL: MESSAGE),
   *     was "…"}, with Nix's message; the cause is the {@link NixErrorException}
   */
  public static Expr parse(String nixText) {
    return parse(nixText, Set.of(), "parse");
  }

  /**
   * Like {@link #parse}, for a fragment to be embedded where {@code boundNames} are bound (for
   * example the formals of the function it goes into): those names may occur free.
   */
  public static Expr parseFragment(String nixText, Set<String> boundNames) {
    return parse(nixText, boundNames, "parseFragment");
  }

  private static Expr parse(String nixText, Set<String> boundNames, String method) {
    String field = method + ".nixText";
    Checks.text(nixText, field);
    Set<String> bound = boundNames(boundNames, method + ".boundNames");
    ParsedSource parsed;
    try {
      parsed = SourceParser.parse(NixSource.ofString(nixText, Path.of("/")));
    } catch (NixErrorException e) {
      throw invalidText(field, e.error(), nixText, e);
    }
    Optional<NixError> undefined = StaticChecks.undefinedVariable(
        closed(parsed.core(), bound), parsed.symbols());
    if (undefined.isPresent()) {
      throw invalidText(field, undefined.get(), nixText, new NixErrorException(undefined.get()));
    }
    return parsed.expression();
  }

  private static IllegalArgumentException invalidText(String field, NixError error, String text,
      NixErrorException cause) {
    return new IllegalArgumentException(field + " must be valid Nix (" + error.pos().line() + ":"
        + error.pos().column() + ": " + error.message() + "), was " + Checks.show(text), cause);
  }

  /**
   * Checks {@code expr} as Nix checks a file after parsing it: no attribute defined twice (with
   * Nix's merging of attribute paths and set literals), no duplicate formals, no dynamic
   * attribute at the top of a {@code let} or in an {@code inherit}, every variable bound (or
   * inside a {@code with}). Lowers the tree with {@link Lowering}, so the first error is the one
   * Nix would report for the printed expression.
   *
   * @return {@code expr}
   * @throws IllegalArgumentException {@code validate.expr must be valid Nix (MESSAGE)}; when the
   *     node at fault came from {@link #parse}, the message starts with its {@code FILE:LINE:COL}
   */
  public static Expr validate(Expr expr) {
    return validate(expr, Set.of(), "validate");
  }

  /** Like {@link #validate(Expr)}, with {@code boundNames} bound around the expression. */
  public static Expr validate(Expr expr, Set<String> boundNames) {
    return validate(expr, boundNames, "validate");
  }

  private static Expr validate(Expr expr, Set<String> boundNames, String method) {
    Checks.notNull(expr, method + ".expr");
    Set<String> bound = boundNames(boundNames, method + ".boundNames");
    CoreBuilder builder = Bindings.lowering();
    CoreExpr core;
    try {
      core = Lowering.lower(expr, builder);
    } catch (NixErrorException e) {
      throw invalidExpr(method + ".expr", e.error(), e);
    }
    SymbolTable symbols = builder.symbols();
    Optional<NixError> undefined = StaticChecks.undefinedVariable(closed(core, bound), symbols);
    if (undefined.isPresent()) {
      throw invalidExpr(method + ".expr", undefined.get(), new NixErrorException(undefined.get()));
    }
    return expr;
  }

  private static IllegalArgumentException invalidExpr(String field, NixError error,
      NixErrorException cause) {
    String message = withoutUnknownPosition(error.message());
    if (error.pos().isKnown()) {
      message = error.pos() + ": " + message;
    }
    return new IllegalArgumentException(field + " must be valid Nix (" + message + ")", cause);
  }

  static String withoutUnknownPosition(String message) {
    String unknown = " at " + SourcePos.NONE;
    return message.endsWith(unknown) ? message.substring(0, message.length() - unknown.length())
        : message;
  }

  private static Set<String> boundNames(Set<String> names, String field) {
    Checks.notNull(names, field);
    Set<String> sorted = new TreeSet<>();
    for (String name : names) {
      sorted.add(Checks.variableName(name, field + " element"));
    }
    return sorted;
  }

  /** {@code core} inside a function whose formals are {@code bound}, for the variable check. */
  private static CoreExpr closed(CoreExpr core, Set<String> bound) {
    if (bound.isEmpty()) {
      return core;
    }
    List<CoreExpr.Formal> formals = new ArrayList<>(bound.size());
    for (String name : bound) {
      formals.add(new CoreExpr.Formal(name, null, SourcePos.NONE));
    }
    return new CoreExpr.Lambda("", formals, false, core);
  }
}
