package dev.flakegen.nix.parse;

import static dev.flakegen.nix.ast.Operator.ADD;
import static dev.flakegen.nix.ast.Operator.AND;
import static dev.flakegen.nix.ast.Operator.CONCAT_LISTS;
import static dev.flakegen.nix.ast.Operator.DIVIDE;
import static dev.flakegen.nix.ast.Operator.EQUAL;
import static dev.flakegen.nix.ast.Operator.GREATER_OR_EQUAL;
import static dev.flakegen.nix.ast.Operator.GREATER_THAN;
import static dev.flakegen.nix.ast.Operator.IMPLIES;
import static dev.flakegen.nix.ast.Operator.LESS_OR_EQUAL;
import static dev.flakegen.nix.ast.Operator.LESS_THAN;
import static dev.flakegen.nix.ast.Operator.MULTIPLY;
import static dev.flakegen.nix.ast.Operator.NOT_EQUAL;
import static dev.flakegen.nix.ast.Operator.OR;
import static dev.flakegen.nix.ast.Operator.SUBTRACT;
import static dev.flakegen.nix.ast.Operator.UPDATE;
import static dev.flakegen.nix.parse.Ast.app;
import static dev.flakegen.nix.parse.Ast.assertThen;
import static dev.flakegen.nix.parse.Ast.curPos;
import static dev.flakegen.nix.parse.Ast.def;
import static dev.flakegen.nix.parse.Ast.dyn;
import static dev.flakegen.nix.parse.Ast.f;
import static dev.flakegen.nix.parse.Ast.formal;
import static dev.flakegen.nix.parse.Ast.has;
import static dev.flakegen.nix.parse.Ast.i;
import static dev.flakegen.nix.parse.Ast.id;
import static dev.flakegen.nix.parse.Ast.ifThen;
import static dev.flakegen.nix.parse.Ast.inherit;
import static dev.flakegen.nix.parse.Ast.inheritFrom;
import static dev.flakegen.nix.parse.Ast.lambda;
import static dev.flakegen.nix.parse.Ast.legacyLet;
import static dev.flakegen.nix.parse.Ast.legacyOr;
import static dev.flakegen.nix.parse.Ast.let;
import static dev.flakegen.nix.parse.Ast.list;
import static dev.flakegen.nix.parse.Ast.neg;
import static dev.flakegen.nix.parse.Ast.not;
import static dev.flakegen.nix.parse.Ast.op;
import static dev.flakegen.nix.parse.Ast.parse;
import static dev.flakegen.nix.parse.Ast.path;
import static dev.flakegen.nix.parse.Ast.pattern;
import static dev.flakegen.nix.parse.Ast.quoted;
import static dev.flakegen.nix.parse.Ast.rec;
import static dev.flakegen.nix.parse.Ast.s;
import static dev.flakegen.nix.parse.Ast.sel;
import static dev.flakegen.nix.parse.Ast.selOr;
import static dev.flakegen.nix.parse.Ast.set;
import static dev.flakegen.nix.parse.Ast.spath;
import static dev.flakegen.nix.parse.Ast.str;
import static dev.flakegen.nix.parse.Ast.uri;
import static dev.flakegen.nix.parse.Ast.v;
import static dev.flakegen.nix.parse.Ast.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tree {@link SourceParser} builds for each construct of Nix 2.8, with Nix's precedence and
 * associativity (spec sections 2.1, 2.2, 2.4). Expected trees are written in Java; positions do
 * not take part in equality, so a few tests check them separately.
 */
class ParserConstructsTest {

  // ---- literals and variables --------------------------------------------------------------

  @Test
  void integersKeepTheirValueWithoutLeadingZeros() {
    assertThat(parse("007")).isEqualTo(i(7));
    assertThat(parse("9223372036854775807")).isEqualTo(i(Long.MAX_VALUE));
  }

  @Test
  void floatsOfEveryForm() {
    assertThat(parse("1.")).isEqualTo(f(1.0));
    assertThat(parse(".5")).isEqualTo(f(0.5));
    assertThat(parse("1.5e-3")).isEqualTo(f(0.0015));
    assertThat(parse(".5E2")).isEqualTo(f(50.0));
    assertThat(parse("1.0e+3")).isEqualTo(f(1000.0));
  }

  @Test
  void negativeNumbersAreNegations() {
    assertThat(parse("-1")).isEqualTo(neg(i(1)));
    assertThat(parse("-1.5")).isEqualTo(neg(f(1.5)));
  }

  @Test
  void identifiersMayContainQuotesAndDashes() {
    assertThat(parse("a'-b'")).isEqualTo(v("a'-b'"));
    assertThat(parse("a-1")).isEqualTo(v("a-1"));
    assertThat(parse("f''a''")).isEqualTo(v("f''a''"));
  }

  @Test
  void keywordPrefixesAreIdentifiers() {
    assertThat(parse("if-x")).isEqualTo(v("if-x"));
    assertThat(parse("inheritance")).isEqualTo(v("inheritance"));
    assertThat(parse("in'")).isEqualTo(v("in'"));
    assertThat(parse("orange")).isEqualTo(v("orange"));
  }

  @Test
  void curPosIsASpecialFormEvenWhenShadowed() {
    assertThat(parse("__curPos")).isEqualTo(curPos());
    assertThat(parse("let __curPos = 1; in __curPos"))
        .isEqualTo(let(curPos(), def("__curPos", i(1))));
    assertThat(parse("__curPos-x")).isEqualTo(v("__curPos-x"));
  }

  @Test
  void uriIsItsOwnNode() {
    assertThat(parse("http://x.org/a?b=c&d")).isEqualTo(uri("http://x.org/a?b=c&d"));
    assertThat(parse("x:y")).isEqualTo(uri("x:y"));
    assertThat(parse("or:1")).isEqualTo(uri("or:1"));
  }

  @Test
  void uriEndsAtHashAndQuote() {
    assertThat(parse("http://x.org/a#frag")).isEqualTo(uri("http://x.org/a"));
    assertThat(parse("http://x.org/\"a\"")).isEqualTo(app(uri("http://x.org/"), s("a")));
  }

  @Test
  void searchPaths() {
    assertThat(parse("<nixpkgs/lib>")).isEqualTo(spath("nixpkgs/lib"));
    assertThat(parse("x: x<y>z"))
        .isEqualTo(lambda("x", app(v("x"), spath("y"), v("z"))));
  }

  // ---- strings -----------------------------------------------------------------------------

  @Test
  void simpleStringUnescapes() {
    assertThat(parse("\"a\\n\\r\\t\\\"\\\\\\$\\q\"")).isEqualTo(s("a\n\r\t\"\\$q"));
  }

  @Test
  void simpleStringInterpolationsAndDollars() {
    assertThat(parse("x: \"a${x}b\"")).isEqualTo(lambda("x", str("a", v("x"), "b")));
    assertThat(parse("x: \"${x}${x}\"")).isEqualTo(lambda("x", str(v("x"), v("x"))));
    assertThat(parse("\"$${x}\"")).isEqualTo(s("$${x}"));
    assertThat(parse("x: \"$$${x}\"")).isEqualTo(lambda("x", str("$$", v("x"))));
    assertThat(parse("\"\\${x}\"")).isEqualTo(s("${x}"));
    assertThat(parse("\"a$\"")).isEqualTo(s("a$"));
  }

  @Test
  void emptyStringHasNoParts() {
    assertThat(parse("\"\"")).isEqualTo(s(""));
    assertThat(((dev.flakegen.nix.ast.StringLiteral) parse("\"\"")).parts()).isEmpty();
  }

  @Test
  void stringsNestInInterpolations() {
    assertThat(parse("x: \"a${\"b${x}\"}\""))
        .isEqualTo(lambda("x", str("a", str("b", v("x")))));
  }

  // ---- paths -------------------------------------------------------------------------------

  @Test
  void pathsKeepTheirTextAsWritten() {
    assertThat(parse("./a/b.nix")).isEqualTo(path("./a/b.nix"));
    assertThat(parse("a/b")).isEqualTo(path("a/b"));
    assertThat(parse("../x/./y/../z")).isEqualTo(path("../x/./y/../z"));
    assertThat(parse("~/a/../b")).isEqualTo(path("~/a/../b"));
    assertThat(parse("./a+./b")).isEqualTo(path("./a+./b"));
  }

  @Test
  void interpolatedPaths() {
    assertThat(parse("x: ./a/${x}.nix"))
        .isEqualTo(lambda("x", path("./a/", v("x"), ".nix")));
    assertThat(parse("x: ./a${x}")).isEqualTo(lambda("x", path("./a", v("x"))));
    assertThat(parse("x: ~/${x}")).isEqualTo(lambda("x", path("~/", v("x"))));
    assertThat(parse("x: /${x}/a")).isEqualTo(lambda("x", path("/", v("x"), "/a")));
    assertThat(parse("x: ./${x}${x}")).isEqualTo(lambda("x", path("./", v("x"), v("x"))));
  }

  @Test
  void slashSpacingDecidesBetweenPathDivisionAndApplication() {
    assertThat(parse("x: x/2")).isEqualTo(lambda("x", path("x/2")));
    assertThat(parse("x: x / 2")).isEqualTo(lambda("x", op(DIVIDE, v("x"), i(2))));
    assertThat(parse("x: x /2")).isEqualTo(lambda("x", app(v("x"), path("/2"))));
    assertThat(parse("x: x//x")).isEqualTo(lambda("x", op(UPDATE, v("x"), v("x"))));
  }

  // ---- lists and application ---------------------------------------------------------------

  @Test
  void listElementsAreSelects() {
    assertThat(parse("f: x: [ f x ]")).isEqualTo(lambda("f", lambda("x", list(v("f"), v("x")))));
    assertThat(parse("f: x: [ (f x) ]"))
        .isEqualTo(lambda("f", lambda("x", list(app(v("f"), v("x"))))));
    assertThat(parse("x: [ x.a or 1 ]"))
        .isEqualTo(lambda("x", list(selOr(v("x"), i(1), "a"))));
    assertThat(parse("[ ]")).isEqualTo(list());
  }

  @Test
  void applicationIsLeftNestedAndParenthesesAreNotNodes() {
    Expr expected = lambda("f", app(v("f"), i(1), i(2)));
    assertThat(parse("f: f 1 2")).isEqualTo(expected);
    assertThat(parse("f: (f 1) 2")).isEqualTo(expected);
    assertThat(parse("f: ((f)) 1 2")).isEqualTo(expected);
    assertThat(parse("f: f 1 2")).isInstanceOf(Lambda.class);
    assertThat(((Lambda) parse("f: f 1 2")).body()).isInstanceOf(Application.class);
  }

  @Test
  void selectBindsTighterThanApplication() {
    assertThat(parse("f: x: f x.y")).isEqualTo(lambda("f", lambda("x", app(v("f"), sel(v("x"),
        "y")))));
    assertThat(parse("f: x: f x.a or 1"))
        .isEqualTo(lambda("f", lambda("x", app(v("f"), selOr(v("x"), i(1), "a")))));
  }

  @Test
  void minusBeforeArgumentIsSubtraction() {
    assertThat(parse("f: f -1")).isEqualTo(lambda("f", op(SUBTRACT, v("f"), i(1))));
    assertThat(parse("f: f (-1)")).isEqualTo(lambda("f", app(v("f"), neg(i(1)))));
    assertThat(parse("f: f -1 2"))
        .isEqualTo(lambda("f", op(SUBTRACT, v("f"), app(i(1), i(2)))));
  }

  // ---- select, has-attr, or ----------------------------------------------------------------

  @Test
  void selectPathsOfEveryNameKind() {
    assertThat(parse("x: x.a.\"b c\".${\"d\"}.or"))
        .isEqualTo(lambda("x", sel(v("x"), "a", quoted(s("b c")), dyn(s("d")), "or")));
  }

  @Test
  void selectDefaultsNestToTheRight() {
    assertThat(parse("x: x.a or x.b or 1"))
        .isEqualTo(lambda("x", selOr(v("x"), selOr(v("x"), i(1), "b"), "a")));
  }

  @Test
  void selectDefaultIsOneSelectNotAnApplication() {
    assertThat(parse("x: y: x.a or y x"))
        .isEqualTo(lambda("x", lambda("y", app(selOr(v("x"), v("y"), "a"), v("x")))));
  }

  @Test
  void selectOnLiterals() {
    assertThat(parse("{ a = 1; }.a")).isEqualTo(sel(set(def("a", i(1))), "a"));
    assertThat(parse("[ 1 ].a")).isEqualTo(sel(list(i(1)), "a"));
    assertThat(parse("\"x\".a")).isEqualTo(sel(s("x"), "a"));
    assertThat(parse("1 .a")).isEqualTo(sel(i(1), "a"));
  }

  @Test
  void legacyOrAppliesToTheVariableOr() {
    assertThat(parse("let or = 1; in f: f or"))
        .isEqualTo(let(lambda("f", legacyOr(v("f"))), def("or", i(1))));
    assertThat(parse("let or = 1; in x: x.a or x or"))
        .isEqualTo(let(lambda("x", selOr(v("x"), legacyOr(v("x")), "a")), def("or", i(1))));
    assertThat(parse("let or = 1; in x: (x.a) or"))
        .isEqualTo(let(lambda("x", legacyOr(sel(v("x"), "a"))), def("or", i(1))));
  }

  @Test
  void hasAttributeChainsToTheLeft() {
    assertThat(parse("x: x ? a ? b")).isEqualTo(lambda("x", has(has(v("x"), "a"), "b")));
    assertThat(parse("x: x ? a.\"b\".${x}"))
        .isEqualTo(lambda("x", has(v("x"), "a", quoted(s("b")), dyn(v("x")))));
  }

  // ---- operator precedence -----------------------------------------------------------------

  @Test
  void negationBindsLooserThanSelectAndApplication() {
    assertThat(parse("x: -x.a")).isEqualTo(lambda("x", neg(sel(v("x"), "a"))));
    assertThat(parse("x: y: - x y")).isEqualTo(lambda("x", lambda("y", neg(app(v("x"),
        v("y"))))));
    assertThat(parse("x: y: -x * y"))
        .isEqualTo(lambda("x", lambda("y", op(MULTIPLY, neg(v("x")), v("y")))));
  }

  @Test
  void hasAttrIsLooserThanNegationAndTighterThanConcat() {
    assertThat(parse("x: -x ? a")).isEqualTo(lambda("x", has(neg(v("x")), "a")));
    assertThat(parse("x: y: x ? a ++ y"))
        .isEqualTo(lambda("x", lambda("y", op(CONCAT_LISTS, has(v("x"), "a"), v("y")))));
  }

  @Test
  void concatIsTighterThanMultiplication() {
    assertThat(parse("x: y: x ++ y * 2"))
        .isEqualTo(lambda("x", lambda("y", op(MULTIPLY, op(CONCAT_LISTS, v("x"), v("y")),
            i(2)))));
    assertThat(parse("a: b: c: a * b ++ c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(MULTIPLY, v("a"), op(CONCAT_LISTS, v("b"), v("c")))))));
  }

  @Test
  void rightAssociativeOperators() {
    assertThat(parse("a: b: c: a ++ b ++ c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(CONCAT_LISTS, v("a"), op(CONCAT_LISTS, v("b"), v("c")))))));
    assertThat(parse("a: b: c: a // b // c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(UPDATE, v("a"), op(UPDATE, v("b"), v("c")))))));
    assertThat(parse("a: b: c: a -> b -> c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(IMPLIES, v("a"), op(IMPLIES, v("b"), v("c")))))));
  }

  @Test
  void leftAssociativeOperators() {
    assertThat(parse("a: b: c: a - b - c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(SUBTRACT, op(SUBTRACT, v("a"), v("b")), v("c"))))));
    assertThat(parse("a: b: c: a / b * c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(MULTIPLY, op(DIVIDE, v("a"), v("b")), v("c"))))));
    assertThat(parse("a: b: c: a && b && c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(AND, op(AND, v("a"), v("b")), v("c"))))));
    assertThat(parse("a: b: c: a || b || c")).isEqualTo(lambda("a", lambda("b", lambda("c",
        op(OR, op(OR, v("a"), v("b")), v("c"))))));
  }

  @Test
  void notIsLooserThanArithmeticAndTighterThanUpdate() {
    assertThat(parse("x: y: !x + y")).isEqualTo(lambda("x", lambda("y",
        not(op(ADD, v("x"), v("y"))))));
    assertThat(parse("x: y: !x // y")).isEqualTo(lambda("x", lambda("y",
        op(UPDATE, not(v("x")), v("y")))));
    assertThat(parse("x: y: !x == y")).isEqualTo(lambda("x", lambda("y",
        op(EQUAL, not(v("x")), v("y")))));
    assertThat(parse("x: !x ? a")).isEqualTo(lambda("x", not(has(v("x"), "a"))));
    assertThat(parse("x: y: 1 + !x + y")).isEqualTo(lambda("x", lambda("y",
        op(ADD, i(1), not(op(ADD, v("x"), v("y")))))));
  }

  @Test
  void prefixOperatorsNest() {
    assertThat(parse("x: -!x + 1")).isEqualTo(lambda("x", neg(not(op(ADD, v("x"), i(1))))));
    assertThat(parse("x: !-x.a")).isEqualTo(lambda("x", not(neg(sel(v("x"), "a")))));
    assertThat(parse("x: --x")).isEqualTo(lambda("x", neg(neg(v("x")))));
    assertThat(parse("x: y: x+-y")).isEqualTo(lambda("x", lambda("y", op(ADD, v("x"),
        neg(v("y"))))));
  }

  @Test
  void comparisonsKeepTheirOperator() {
    Expr lt = parse("x: y: [ (x < y) (x > y) (x <= y) (x >= y) ]");
    assertThat(lt).isEqualTo(lambda("x", lambda("y", list(op(LESS_THAN, v("x"), v("y")),
        op(GREATER_THAN, v("x"), v("y")), op(LESS_OR_EQUAL, v("x"), v("y")),
        op(GREATER_OR_EQUAL, v("x"), v("y"))))));
  }

  @Test
  void comparisonLevelsMix() {
    assertThat(parse("x: y: z: x < y == z")).isEqualTo(lambda("x", lambda("y", lambda("z",
        op(EQUAL, op(LESS_THAN, v("x"), v("y")), v("z"))))));
    assertThat(parse("x: y: z: x != y >= z")).isEqualTo(lambda("x", lambda("y", lambda("z",
        op(NOT_EQUAL, v("x"), op(GREATER_OR_EQUAL, v("y"), v("z")))))));
    assertThat(parse("x: y: z: x // y < z")).isEqualTo(lambda("x", lambda("y", lambda("z",
        op(LESS_THAN, op(UPDATE, v("x"), v("y")), v("z"))))));
  }

  @Test
  void logicalOperatorLevels() {
    assertThat(parse("x: y: z: x || y && z")).isEqualTo(lambda("x", lambda("y", lambda("z",
        op(OR, v("x"), op(AND, v("y"), v("z")))))));
    assertThat(parse("x: y: z: x || y -> z")).isEqualTo(lambda("x", lambda("y", lambda("z",
        op(IMPLIES, op(OR, v("x"), v("y")), v("z"))))));
  }

  @Test
  void elseBranchAndLambdaBodyExtendToTheRight() {
    assertThat(parse("if true then 1 else 2 -> 3"))
        .isEqualTo(ifThen(v("true"), i(1), op(IMPLIES, i(2), i(3))));
    assertThat(parse("x: x + 1")).isEqualTo(lambda("x", op(ADD, v("x"), i(1))));
  }

  // ---- attribute sets ----------------------------------------------------------------------

  @Test
  void setBindingsStayUnmergedInSourceOrder() {
    assertThat(parse("{ b = 1; a.c = 2; a.d = 3; }")).isEqualTo(
        set(def("b", i(1)), def("a.c", i(2)), def("a.d", i(3))));
  }

  @Test
  void recursiveSetAndEmptySets() {
    assertThat(parse("rec { a = 1; b = a; }")).isEqualTo(rec(def("a", i(1)), def("b", v("a"))));
    assertThat(parse("{ }")).isEqualTo(set());
    assertThat(parse("rec{}")).isEqualTo(rec());
    assertThat(parse("{ }")).isNotEqualTo(rec());
  }

  @Test
  void attributeNamesOfEveryKind() {
    assertThat(parse("x: { a = 1; \"b c\" = 2; ${x} = 3; \"d${x}\" = 4; or = 5; }"))
        .isEqualTo(lambda("x", set(
            def("a", i(1)),
            def(List.of(quoted(s("b c"))), i(2)),
            def(List.of(dyn(v("x"))), i(3)),
            def(List.of(quoted(str("d", v("x")))), i(4)),
            def("or", i(5)))));
  }

  @Test
  void staticNamesOfQuotedAndInterpolatedSpellings() {
    AttributeSet parsed = (AttributeSet) parse(
        "{ a = 1; \"b\" = 2; ${\"c\"} = 3; ${''d''} = 4; \"${\"e\"}\" = 5; ${x} = 6; }");
    List<String> names = parsed.bindings().stream()
        .map(b -> ((AttributeDefinition) b).path().get(0).staticName())
        .toList();
    assertThat(names).containsExactly("a", "b", "c", "d", null, null);
  }

  @Test
  void inheritForms() {
    assertThat(parse("x: { inherit x; inherit (x) a \"b c\"; inherit; }"))
        .isEqualTo(lambda("x", set(inherit("x"), inheritFrom(v("x"), "a", quoted(s("b c"))),
            inherit())));
  }

  @Test
  void inheritPositions() {
    AttributeSet parsed = (AttributeSet) parse("{\n  inherit (x)\n    a;\n}");
    Inherit inherit = (Inherit) parsed.bindings().get(0);
    assertThat(lineCol(inherit.pos())).isEqualTo("2:3");
    assertThat(lineCol(inherit.namesPos())).isEqualTo("2:14");
  }

  @Test
  void letWithEveryBindingKind() {
    assertThat(parse("x: let a = 1; b.c = 2; inherit x; inherit (x) d; in a"))
        .isEqualTo(lambda("x", let(v("a"), def("a", i(1)), def("b.c", i(2)), inherit("x"),
            inheritFrom(v("x"), "d"))));
    assertThat(parse("let in 1")).isEqualTo(let(i(1)));
  }

  @Test
  void legacyLetIsItsOwnNode() {
    assertThat(parse("let { a = 1; body = a; }"))
        .isEqualTo(legacyLet(def("a", i(1)), def("body", v("a"))));
    assertThat(parse("[ let { body = 1; } ]")).isEqualTo(list(legacyLet(def("body", i(1)))));
  }

  @Test
  void keywordsAreNamesOnlyWhenQuoted() {
    assertThat(parse("{ \"if\" = 1; \"then\" = 2; }")).isEqualTo(
        set(def(List.of(quoted(s("if"))), i(1)), def(List.of(quoted(s("then"))), i(2))));
  }

  // ---- functions ---------------------------------------------------------------------------

  @Test
  void curriedLambdas() {
    assertThat(parse("x: y: x")).isEqualTo(lambda("x", lambda("y", v("x"))));
    assertThat(parse("x :x")).isEqualTo(lambda("x", v("x")));
    assertThat(parse("x:(x)")).isEqualTo(lambda("x", v("x")));
  }

  @Test
  void formals() {
    assertThat(parse("{ a, b ? 1, ... }: a"))
        .isEqualTo(lambda(pattern(true, formal("a"), formal("b", i(1))), v("a")));
    assertThat(parse("{ a, }: a")).isEqualTo(lambda(pattern(false, formal("a")), v("a")));
    assertThat(parse("{}: 1")).isEqualTo(lambda(pattern(false), i(1)));
    assertThat(parse("{ ... }: 1")).isEqualTo(lambda(pattern(true), i(1)));
  }

  @Test
  void formalsKeepSourceOrder() {
    assertThat(parse("{ zz, yy, map }: yy"))
        .isEqualTo(lambda(pattern(false, formal("zz"), formal("yy"), formal("map")), v("yy")));
  }

  @Test
  void aliasOnEitherSide() {
    assertThat(parse("args@{ a }: a"))
        .isEqualTo(lambda(pattern("args", true, false, formal("a")), v("a")));
    assertThat(parse("{ a } @ args: a"))
        .isEqualTo(lambda(pattern("args", false, false, formal("a")), v("a")));
    assertThat(parse("args@{ a }: a")).isNotEqualTo(parse("{ a } @ args: a"));
  }

  @Test
  void formalDefaultsAreFullExpressions() {
    assertThat(parse("{ a ? x: x, b ? assert true; 1, c ? if a then 1 else 2 }: a"))
        .isEqualTo(lambda(pattern(false,
            formal("a", lambda("x", v("x"))),
            formal("b", assertThen(v("true"), i(1))),
            formal("c", ifThen(v("a"), i(1), i(2)))), v("a")));
    assertThat(parse("x: b: { a ? x ? b }: a"))
        .isEqualTo(lambda("x", lambda("b", lambda(pattern(false, formal("a", has(v("x"),
            "b"))), v("a")))));
  }

  @Test
  void bracesFollowedByColonAreFormalsOtherwiseASet() {
    assertThat(parse("{ }")).isEqualTo(set());
    assertThat(parse("{ }: 1")).isEqualTo(lambda(pattern(false), i(1)));
  }

  // ---- with, assert, if --------------------------------------------------------------------

  @Test
  void withAssertIf() {
    assertThat(parse("x: with x; y")).isEqualTo(lambda("x", with(v("x"), v("y"))));
    assertThat(parse("x: assert x; x")).isEqualTo(lambda("x", assertThen(v("x"), v("x"))));
    assertThat(parse("x: if x then 1 else 2")).isEqualTo(lambda("x", ifThen(v("x"), i(1),
        i(2))));
    assertThat(parse("a: b: if a then if b then 1 else 2 else 3")).isEqualTo(lambda("a",
        lambda("b", ifThen(v("a"), ifThen(v("b"), i(1), i(2)), i(3)))));
  }

  @Test
  void parenthesisedControlFormsAsOperands() {
    assertThat(parse("x: 1 + (assert x; 2)"))
        .isEqualTo(lambda("x", op(ADD, i(1), assertThen(v("x"), i(2)))));
    assertThat(parse("(with {}; f) 1")).isEqualTo(app(with(set(), v("f")), i(1)));
  }

  // ---- comments and whitespace -------------------------------------------------------------

  @Test
  void commentsAndWhitespaceBetweenTokens() {
    assertThat(parse("# c\r\n1 /* x\n y */ + 2")).isEqualTo(op(ADD, i(1), i(2)));
    assertThat(parse("x: x . /*c*/ a . # d\n b")).isEqualTo(lambda("x", sel(v("x"), "a", "b")));
    assertThat(parse("let\r\n  a = 1;\r\nin\r\n  a")).isEqualTo(let(v("a"), def("a", i(1))));
    assertThat(parse("x: y: x/*c*/y")).isEqualTo(lambda("x", lambda("y", app(v("x"), v("y")))));
  }

  @Test
  void keywordsGluedToPunctuation() {
    assertThat(parse("x: y: z: if(x)then(y)else(z)")).isEqualTo(lambda("x", lambda("y",
        lambda("z", ifThen(v("x"), v("y"), v("z"))))));
    assertThat(parse("assert(true);1")).isEqualTo(assertThen(v("true"), i(1)));
  }

  // ---- positions ---------------------------------------------------------------------------

  @Test
  void nodePositionsCountLinesAndByteColumns() {
    Let parsed = (Let) parse("let\n  a = \"\u00e9\" + b;\nin\n  a");
    AttributeDefinition a = (AttributeDefinition) parsed.bindings().get(0);
    assertThat(lineCol(parsed.pos())).isEqualTo("1:1");
    assertThat(lineCol(a.pos())).isEqualTo("2:3");
    Expr b = ((dev.flakegen.nix.ast.BinaryOperation) a.value()).right();
    assertThat(lineCol(b.pos())).isEqualTo("2:14");
    assertThat(lineCol(parsed.body().pos())).isEqualTo("4:3");
  }

  @Test
  void crAndCrLfEachEndOneLine() {
    ListLiteral cr = (ListLiteral) parse("[\r1\r\n2\n\r3 ]");
    assertThat(cr.items()).extracting(e -> lineCol(e.pos()))
        .containsExactly("2:1", "3:1", "5:1");
  }

  @Test
  void selectPositionIsItsTarget() {
    Select select = (Select) ((Lambda) parse("x:\n  x.a")).body();
    assertThat(lineCol(select.pos())).isEqualTo("2:3");
  }

  private static String lineCol(SourcePos pos) {
    return pos.line() + ":" + pos.column();
  }
}
