package dev.flakegen.nix.parse;

import static dev.flakegen.nix.parse.Ast.app;
import static dev.flakegen.nix.parse.Ast.bytes;
import static dev.flakegen.nix.parse.Ast.esc;
import static dev.flakegen.nix.parse.Ast.f;
import static dev.flakegen.nix.parse.Ast.i;
import static dev.flakegen.nix.parse.Ast.interp;
import static dev.flakegen.nix.parse.Ast.lambda;
import static dev.flakegen.nix.parse.Ast.op;
import static dev.flakegen.nix.parse.Ast.parse;
import static dev.flakegen.nix.parse.Ast.path;
import static dev.flakegen.nix.parse.Ast.raw;
import static dev.flakegen.nix.parse.Ast.s;
import static dev.flakegen.nix.parse.Ast.sel;
import static dev.flakegen.nix.parse.Ast.spath;
import static dev.flakegen.nix.parse.Ast.str;
import static dev.flakegen.nix.parse.Ast.uri;
import static dev.flakegen.nix.parse.Ast.v;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.testing.NixTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lexical corners of Nix 2.8 (spec section 1 and the checklist of section 6): longest-match
 * splits, numbers, both string kinds with their escapes and pieces, indentation stripping, raw
 * bytes, CR handling and NUL. Expected values were checked against {@code nix-instantiate}.
 */
@NixTest
class LexerCornersTest {

  private static Expr parseBytes(String latin1) {
    return SourceParser.parse(bytes(latin1)).expression();
  }

  private static IndentedString indented(String text) {
    return (IndentedString) parse(text);
  }

  private static IndentedString indentedBytes(String latin1) {
    return (IndentedString) parseBytes(latin1);
  }

  private static List<Text> texts(String... values) {
    return java.util.Arrays.stream(values).map(Text::new).toList();
  }

  // ---- longest match ---------------------------------------------------------------------

  @Test
  void numbersSplitWhereNixSplitsThem() {
    assertThat(parse("1e3")).isEqualTo(app(i(1), v("e3")));
    assertThat(parse("00.5")).isEqualTo(app(i(0), f(0.5)));
    assertThat(parse("1.5.5")).isEqualTo(app(f(1.5), f(0.5)));
    assertThat(parse("x.1")).isEqualTo(app(v("x"), f(0.1)));
    assertThat(parse("0.e5")).isEqualTo(sel(i(0), "e5"));
    assertThat(parse("01.5")).isEqualTo(app(i(1), f(0.5)));
    assertThat(parse("x10: 0x10")).isEqualTo(lambda("x10", app(i(0), v("x10"))));
  }

  @Test
  void uriWinsOverLambdaAndKeywordsWithoutSpace() {
    assertThat(parse("x:x.a")).isEqualTo(uri("x:x.a"));
    assertThat(parse("a+b.c-d:e")).isEqualTo(uri("a+b.c-d:e"));
    assertThat(parse("if:1")).isEqualTo(uri("if:1"));
    assertThat(parse("1a:b")).isEqualTo(app(i(1), uri("a:b")));
    assertThat(parse("x:/*c*/x")).isEqualTo(uri("x:/*c*/x"));
    assertThat(parse("a_b:a_b")).isEqualTo(lambda("a_b", v("a_b")));
  }

  @Test
  void pathsWinOverOperatorsAndIdentifiers() {
    assertThat(parse("1/2")).isEqualTo(path("1/2"));
    assertThat(parse("a.b/c")).isEqualTo(path("a.b/c"));
    assertThat(parse("-/a")).isEqualTo(path("-/a"));
    assertThat(parse("a++/b")).isEqualTo(path("a++/b"));
    assertThat(parse(".../a")).isEqualTo(path(".../a"));
    assertThat(parse("a': a'/b")).isEqualTo(lambda("a'", app(v("a'"), path("/b"))));
  }

  @Test
  void dashInIdentifiersEatsOperators() {
    assertThat(parse("a- : b: a->b"))
        .isEqualTo(lambda("a-", lambda("b", op(Operator.GREATER_THAN, v("a-"), v("b")))));
    assertThat(parse("1--2")).isEqualTo(op(Operator.SUBTRACT, i(1), Ast.neg(i(2))));
  }

  @Test
  void searchPathNeedsNoSpaces() {
    assertThat(parse("1<2>3")).isEqualTo(app(i(1), spath("2"), i(3)));
    assertThat(parse("x: y: x<y")).isEqualTo(lambda("x", lambda("y",
        op(Operator.LESS_THAN, v("x"), v("y")))));
    assertThat(parse("<a>/b")).isEqualTo(app(spath("a"), path("/b")));
  }

  // ---- numbers -----------------------------------------------------------------------------

  @Test
  void integerLimits() {
    assertThat(parse("0009223372036854775807")).isEqualTo(i(Long.MAX_VALUE));
    assertThat(parse("0000")).isEqualTo(i(0));
  }

  @Test
  void floatValuesAreReadExactly() {
    assertThat(parse("1.7976931348623157e308")).isEqualTo(f(Double.MAX_VALUE));
    assertThat(parse("2.2250738585072014e-308")).isEqualTo(f(Double.MIN_NORMAL));
    assertThat(parse("0.0e99999999999999999999")).isEqualTo(f(0.0));
    assertThat(parse("1.0e0000000000000000000001")).isEqualTo(f(10.0));
  }

  // ---- simple strings ----------------------------------------------------------------------

  @Test
  void unknownEscapesStandForTheByte() {
    assertThat(parse("\"\\a\\b\\f\\v\\0\\e\\u0041\"")).isEqualTo(s("abfv0eu0041"));
  }

  @Test
  void dollarRulesInSimpleStrings() {
    assertThat(parse("\"$\"")).isEqualTo(s("$"));
    assertThat(parse("\"$$$\"")).isEqualTo(s("$$$"));
    assertThat(parse("\"$\\{x}\"")).isEqualTo(s("${x}"));
    assertThat(parse("\"$\\\\\"")).isEqualTo(s("$\\"));
    assertThat(parse("x: \"$$$$${x}\"")).isEqualTo(lambda("x", str("$$$$", v("x"))));
    assertThat(parse("x: \"${x}$\"")).isEqualTo(lambda("x", str(v("x"), "$")));
    assertThat(parse("x: \"\\\\${x}\"")).isEqualTo(lambda("x", str("\\", v("x"))));
  }

  @Test
  void crInSimpleStringsBecomesLfUnlessEscaped() {
    assertThat(parseBytes("\"a\r\nb\"")).isEqualTo(s("a\nb"));
    assertThat(parseBytes("\"a\rb\"")).isEqualTo(s("a\nb"));
    assertThat(parseBytes("\"a\r\rb\"")).isEqualTo(s("a\n\nb"));
    assertThat(parseBytes("\"a\n\rb\"")).isEqualTo(s("a\n\nb"));
    assertThat(parseBytes("\"a\\\r\nb\"")).isEqualTo(s("a\r\nb"));
    assertThat(parseBytes("\"a\\\nb\"")).isEqualTo(s("a\nb"));
  }

  @Test
  void rawBytesInSimpleStrings() {
    assertThat(parseBytes("\"\u00c3\u00a9\"")).isEqualTo(s("\u00e9"));
    assertThat(parseBytes("\"\u00ff\u00c3\"")).isEqualTo(s("\udcff\udcc3"));
    assertThat(parseBytes("\"\\\u00c3\u00a9\"")).isEqualTo(s("\u00e9"));
    assertThat(parseBytes("\"\u0001\u007f\"")).isEqualTo(s("\u0001\u007f"));
  }

  @Test
  void nulInSimpleStringCutsOnlyThatTextPiece() {
    assertThat(parseBytes("\"a\u0000b\" + 1")).isEqualTo(op(Operator.ADD, s("a"), i(1)));
    assertThat(parseBytes("x: \"a\u0000b${x}c\"")).isEqualTo(lambda("x", str("a", v("x"),
        "c")));
  }

  // ---- indented strings: pieces ------------------------------------------------------------

  @Test
  void indentedStringPiecesAsTheLexerMakesThem() {
    assertThat(indented("''a'''b''").parts()).containsExactly(raw("a"), esc("''"), raw("b"));
    assertThat(indented("''a$''").parts()).containsExactly(raw("a"), esc("$"));
    assertThat(indented("''a$'b''").parts()).containsExactly(raw("a"), esc("$"), raw("'b"));
    assertThat(indented("''a''${x}''").parts())
        .containsExactly(raw("a"), esc("$"), raw("{x}"));
    assertThat(indented("''a$${x}b''").parts()).containsExactly(raw("a$${x}b"));
    assertThat(indented("''$$$''").parts()).containsExactly(raw("$$"), esc("$"));
  }

  @Test
  void quoteBeforeInterpolationIsItsOwnPiece() {
    IndentedString s = (IndentedString) ((dev.flakegen.nix.ast.Lambda) parse("x: ''a'${x}''"))
        .body();
    assertThat(s.parts()).containsExactly(raw("a"), esc("'"), interp(v("x")));
  }

  @Test
  void indentedEscapes() {
    assertThat(indented("''''\\n''").strippedParts()).containsExactly(new Text("\n"));
    assertThat(indented("''a''\\rb''").strippedParts()).isEqualTo(texts("a", "\r", "b"));
    assertThat(indented("''a\\nb''").strippedParts()).isEqualTo(texts("a\\nb"));
    assertThat(indentedBytes("''a''\\\r\nb''").strippedParts())
        .isEqualTo(texts("a", "\r", "\nb"));
  }

  // ---- indented strings: stripping ---------------------------------------------------------

  @Test
  void commonIndentIsRemovedAndTheLastSpaceOnlyLineDropped() {
    assertThat(indented("''\n  a\n  b\n''").strippedParts()).isEqualTo(texts("a\nb\n"));
    assertThat(indented("''\n  a\n    b\n''").strippedParts()).isEqualTo(texts("a\n  b\n"));
    assertThat(indented("''\n    a\n  b\n  ''").strippedParts()).isEqualTo(texts("  a\nb\n"));
    assertThat(indented("''   \n  a\n''").strippedParts()).isEqualTo(texts("a\n"));
    assertThat(indented("''  x\n  a\n''").strippedParts()).isEqualTo(texts("x\na\n"));
  }

  @Test
  void blankAndSpaceOnlyLinesDoNotCountForTheIndent() {
    assertThat(indented("''\n  a\n\n  b\n''").strippedParts()).isEqualTo(texts("a\n\nb\n"));
    assertThat(indented("''\n  a\n   \n''").strippedParts()).isEqualTo(texts("a\n \n"));
    assertThat(indented("''\n    a\n  \n    b\n''").strippedParts())
        .isEqualTo(texts("a\n\nb\n"));
  }

  @Test
  void tabsCrAndNonAsciiAreNotIndentation() {
    assertThat(indented("''\n\ta\n''").strippedParts()).isEqualTo(texts("\ta\n"));
    assertThat(indented("''\n  a\n\t b\n''").strippedParts()).isEqualTo(texts("  a\n\t b\n"));
    assertThat(indentedBytes("''\r\n  a\r\n''").strippedParts())
        .isEqualTo(texts("\r\n  a\r\n"));
    assertThat(indentedBytes("''\n  a\r\n  b\n''").strippedParts())
        .isEqualTo(texts("a\r\nb\n"));
    assertThat(indentedBytes("''\n\u00c2\u00a0 a\n  b\n''").strippedParts())
        .isEqualTo(texts("\u00a0 a\n  b\n"));
  }

  @Test
  void escapesAndInterpolationsEndTheIndentation() {
    assertThat(indented("''\n  ''\\  b\n''").strippedParts()).isEqualTo(texts("", " ", " b\n"));
    assertThat(indented("''\n    a''\\n  b\n''").strippedParts())
        .isEqualTo(texts("a", "\n", "b\n"));
    assertThat(indented("''\n  a\n  ''\\n''").strippedParts()).isEqualTo(texts("a\n", "\n"));
    IndentedString interpolated = (IndentedString) ((dev.flakegen.nix.ast.Lambda) parse(
        "x: ''\n    a\n  ${x} b\n''")).body();
    assertThat(interpolated.strippedParts())
        .containsExactly(new Text("  a\n"), interp(v("x")), new Text(" b\n"));
  }

  @Test
  void emptyPiecesAreKept() {
    IndentedString s = (IndentedString) ((dev.flakegen.nix.ast.Lambda) parse(
        "x: ''\n  ${x}\n    b\n''")).body();
    assertThat(s.strippedParts())
        .containsExactly(new Text(""), interp(v("x")), new Text("\n  b\n"));
    assertThat(indented("''''").strippedParts()).isEmpty();
    assertThat(indented("''  ''").strippedParts()).isEqualTo(texts(""));
  }

  @Test
  void indentedStringsAreEqualWhenNixMakesTheSamePieces() {
    assertThat(parse("''\n  a\n  b\n''")).isEqualTo(parse("''\n      a\n      b\n    ''"));
    assertThat(parse("''\n  a\n''")).isNotEqualTo(parse("''\n  a''"));
  }

  @Test
  void nulAndRawBytesAreKeptInIndentedStrings() {
    assertThat(indentedBytes("''a\u0000b''").strippedParts()).isEqualTo(texts("a\u0000b"));
    assertThat(indentedBytes("''\u00ff\u00c3\u00a9''").strippedParts())
        .isEqualTo(texts("\udcff\u00e9"));
    assertThat(indentedBytes("''''\\\u00c3\u00a9''").strippedParts())
        .isEqualTo(texts("\udcc3", "\udca9"));
  }

  // ---- NUL, comments -----------------------------------------------------------------------

  @Test
  void nulEndsUrisAndPathsAndInput() {
    assertThat(parseBytes("a:b\u0000c")).isEqualTo(uri("a:b"));
    assertThat(parseBytes("./a\u0000/b")).isEqualTo(path("./a"));
    assertThat(parseBytes("1 # a\u0000b\n+ 2")).isEqualTo(op(Operator.ADD, i(1), i(2)));
    assertThat(parseBytes("1 /* \u0000 */ + 2")).isEqualTo(op(Operator.ADD, i(1), i(2)));
  }

  @Test
  void commentMarkersInsideStringsAreText() {
    assertThat(parse("\"# not a comment /* */\"")).isEqualTo(s("# not a comment /* */"));
    assertThat(indented("'' # c\n  a''").strippedParts()).isEqualTo(texts("# c\n a"));
    assertThat(parse("\"${1 # }\n}\"")).isEqualTo(str(i(1)));
  }

  @Test
  void interpolatedPathPieces() {
    assertThat(parse("x: ./${x}//a")).isEqualTo(lambda("x", path("./", v("x"), "//a")));
    assertThat(parse("x: ./${x}/../b")).isEqualTo(lambda("x", path("./", v("x"), "/../b")));
    assertThat(parse("x: ~/a/../${x}")).isEqualTo(lambda("x", path("~/a/../", v("x"))));
  }

  /**
   * A path token ending in '/' followed by more path text and then an interpolation: Nix 2.8
   * accepts one text piece before the first {@code ${}}. Fails today: the PathLiteral
   * constructor refuses a text right after the first segment (IllegalArgumentException).
   */
  @Test
  void onePathTextPieceBeforeTheFirstInterpolation() {
    assertThat(printed("x: ./a//${x}")).isEqualTo("(x: (/tmp/a/ + \"/\" + x))");
    assertThat(printed("x: ./a//b/${x}/c")).isEqualTo("(x: (/tmp/a/ + \"/b/\" + x + \"/c\"))");
    assertThat(printed("x: /a//${x}")).isEqualTo("(x: (/a/ + \"/\" + x))");
  }

  private static String printed(String text) {
    return dev.flakegen.nix.print.CanonicalPrinter.print(Ast.parsed(text));
  }

  @Test
  void emptySimpleStringAfterInterpolationIsDropped() {
    StringLiteral s = (StringLiteral) parse("\"${\"\"}\"");
    assertThat(s).isEqualTo(str(s("")));
    assertThat(s.parts()).hasSize(1);
  }
}
