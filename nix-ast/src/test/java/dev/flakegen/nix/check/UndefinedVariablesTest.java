package dev.flakegen.nix.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.parse.Ast;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.testing.NixTest;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The check Nix 2.8 runs right after parsing (spec 3.1): every variable bound lexically or inside
 * a {@code with}; the first undefined one in Nix's own walk order is reported with its position.
 * Every expected value is what {@code nix-instantiate --parse} 2.8.0 said of the same text.
 */
@NixTest
class UndefinedVariablesTest {

  private static Optional<NixError> check(ParsedSource parsed) {
    return StaticChecks.undefinedVariable(parsed);
  }

  private static String undefined(String text) {
    return check(Ast.parsed(text)).map(e -> e.message() + " @ " + e.pos().line() + ":"
        + e.pos().column()).orElse("none");
  }

  private static String undefinedInBytes(String latin1) {
    return check(SourceParser.parse(Ast.bytes(latin1))).map(e -> e.message() + " @ "
        + e.pos().line() + ":" + e.pos().column()).orElse("none");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "true", "false", "null", "builtins", "map", "import", "toString", "derivation",
      "__add", "__foldl'", "__findFile", "__nixPath", "__currentSystem", "__curPos",
      "builtins.map", "x: x", "{ a ? b, b ? a }: a", "a@{ b ? a }: b", "{ a } @ s: s",
      "{ a ? s } @ s: a", "let a = b; b = 1; in a", "let a = 1; in let inherit a; in a",
      "let s = { a = 1; }; inherit (s) a; in a", "rec { a = b; b = 1; }",
      "rec { b = 1; ${b} = 2; }", "rec { a.b = c; c = 1; }", "let a.b = c; c = 1; in a",
      "with {}; x", "x: with x; y", "with {}; { a = rec { b = c; }; d = x: y; }",
      "with {}; x: y", "x: x.a", "{ inherit (u); }", "let { body = a; a = 1; }",
      "let or = 1; in x: x or", "let __sub = 1; in -1", "rec { s = { a = 1; }; inherit (s) a; }",
      "let a = 1; in rec { b = 2; inherit a; }", "rec { b = 1; c = { inherit b; }; }",
      "rec { n = \"a\"; v = { a = 1; }.${n}; }", "let true = false; in true",
      "let \"a b\" = 1; in { inherit \"a b\"; }"})
  void everythingDefined(String text) {
    assertThat(undefined(text)).isEqualTo("none");
  }

  static Stream<Arguments> undefinedVariables() {
    return Stream.of(
        // the top level
        arguments("x", "undefined variable 'x' @ 1:1"),
        arguments("add", "undefined variable 'add' @ 1:1"),
        arguments("__map", "undefined variable '__map' @ 1:1"),
        arguments("__getFlake", "undefined variable '__getFlake' @ 1:1"),
        arguments("fetchurl", "undefined variable 'fetchurl' @ 1:1"),
        // names as the lexer reads them
        arguments("let f = 1; in f''a''", "undefined variable 'f''a''' @ 1:15"),
        arguments("a'", "undefined variable 'a'' @ 1:1"),
        arguments("a-b", "undefined variable 'a-b' @ 1:1"),
        arguments("let a = 1; in a-1", "undefined variable 'a-1' @ 1:15"),
        arguments("1e3", "undefined variable 'e3' @ 1:2"),
        arguments("x:x.a or[]", "undefined variable 'or' @ 1:1"),
        // lambdas
        arguments("x: y", "undefined variable 'y' @ 1:4"),
        arguments("{ a ? c }: a", "undefined variable 'c' @ 1:7"),
        arguments("{ a ? u1 }: u2", "undefined variable 'u1' @ 1:7"),
        arguments("[ (x: x) x ]", "undefined variable 'x' @ 1:10"),
        // let
        arguments("let a = 1; in b", "undefined variable 'b' @ 1:15"),
        arguments("let inherit a; in 1", "undefined variable 'a' @ 1:4"),
        arguments("let\n\n  inherit u; in 1", "undefined variable 'u' @ 1:4"),
        arguments("x: let a = b; in a", "undefined variable 'b' @ 1:12"),
        arguments("let a = u1; in u2", "undefined variable 'u1' @ 1:9"),
        arguments("[ (let a = 1; in a) a ]", "undefined variable 'a' @ 1:21"),
        // sets
        arguments("{ a = b; b = 1; }", "undefined variable 'b' @ 1:7"),
        arguments("{ b = 1; ${b} = 2; }", "undefined variable 'b' @ 1:12"),
        arguments("{ a = { b = 1; }; inherit (a) b; }", "undefined variable 'a' @ 1:28"),
        arguments("{ a.b = c; c = 1; }", "undefined variable 'c' @ 1:9"),
        arguments("{ inherit a; }", "undefined variable 'a' @ 1:2"),
        arguments("{\n  a = 1;\n  inherit\n    u;\n}", "undefined variable 'u' @ 1:2"),
        arguments("rec {\n  inherit\n    u;\n}", "undefined variable 'u' @ 1:6"),
        arguments("{ inherit (u)\n a; }", "undefined variable 'u' @ 1:12"),
        arguments("{ inherit or; }", "undefined variable 'or' @ 1:2"),
        arguments("{ inherit __curPos; }", "undefined variable '__curPos' @ 1:2"),
        arguments("let { body = u; }", "undefined variable 'u' @ 1:14"),
        arguments("let { a = 1; } + body", "undefined variable 'body' @ 1:18"),
        // merging drops the rec flag of the second literal
        arguments("{ a = { b = 1; }; a = rec { c = b; }; }", "undefined variable 'b' @ 1:33"),
        // with
        arguments("with u; 1", "undefined variable 'u' @ 1:6"),
        arguments("[ (with {}; y) y ]", "undefined variable 'y' @ 1:16"),
        // selectors and defaults
        arguments("x: x.${u}", "undefined variable 'u' @ 1:8"),
        arguments("x: x ? ${u}", "undefined variable 'u' @ 1:10"),
        arguments("x: x.a or u", "undefined variable 'u' @ 1:11"),
        // the legacy 'or'
        arguments("x: x or", "undefined variable 'or' @ 1:4"),
        arguments("__curPos or", "undefined variable 'or' @ 1:1"),
        // strings and paths
        arguments("./a/${u}.nix", "undefined variable 'u' @ 1:7"),
        arguments("''\n  a\n  ${u}\n''", "undefined variable 'u' @ 3:5"),
        arguments("let\n  a = 1;\n  b = 2;\nin\n  a + b + c", "undefined variable 'c' @ 5:11"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("undefinedVariables")
  void undefinedVariable(String text, String expected) {
    assertThat(undefined(text)).isEqualTo(expected);
  }

  /** Nix walks attribute sets, let and formals in symbol order, not source order. */
  static Stream<Arguments> firstInNixsWalkOrder() {
    return Stream.of(
        arguments("{ x = u1; y = u2; }", "undefined variable 'u2' @ 1:15"),
        arguments("let x = u1; y = u2; in 1", "undefined variable 'u2' @ 1:17"),
        arguments("{ x ? u1, y ? u2 }: 1", "undefined variable 'u2' @ 1:15"),
        arguments("{ a = u1; b = { c = u2; }; }", "undefined variable 'u1' @ 1:7"),
        arguments("{ b = { c = u1; }; a = u2; }", "undefined variable 'u1' @ 1:13"),
        arguments("{ ${u1} = 1; a = u2; }", "undefined variable 'u2' @ 1:18"),
        arguments("x: x.${u1} or u2", "undefined variable 'u2' @ 1:15"),
        arguments("[ u1 u2 ]", "undefined variable 'u1' @ 1:3"),
        arguments("u1 u2 u3", "undefined variable 'u1' @ 1:1"),
        arguments("u1 > u2", "undefined variable 'u2' @ 1:6"),
        arguments("u1 + u2", "undefined variable 'u1' @ 1:1"),
        arguments("if u1 then u2 else u3", "undefined variable 'u1' @ 1:4"),
        arguments("assert u1; u2", "undefined variable 'u1' @ 1:8"),
        arguments("\"${u1}${u2}\"", "undefined variable 'u1' @ 1:4"),
        arguments("!u", "undefined variable 'u' @ 1:2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firstInNixsWalkOrder")
  void firstUndefinedInNixsWalkOrder(String text, String expected) {
    assertThat(undefined(text)).isEqualTo(expected);
  }

  @Test
  void positionsUnderEveryLineEnding() {
    assertThat(undefinedInBytes("let\r\n  a = 1;\r\nin\r\n  a + u"))
        .isEqualTo("undefined variable 'u' @ 4:7");
    assertThat(undefinedInBytes("let\r  a = 1;\rin\r  a + u"))
        .isEqualTo("undefined variable 'u' @ 4:7");
    assertThat(undefinedInBytes("\"a\rb\" + u")).isEqualTo("undefined variable 'u' @ 2:6");
    assertThat(undefinedInBytes("''\r\n  a\r\n'' + u")).isEqualTo("undefined variable 'u' @ 3:6");
    assertThat(undefinedInBytes("/*\r\r*/ u")).isEqualTo("undefined variable 'u' @ 3:4");
  }

  @Test
  void columnsCountBytesAndTabsAsOne() {
    assertThat(undefined("\t\tu")).isEqualTo("undefined variable 'u' @ 1:3");
    assertThat(undefined("\"\u00e9\" + u")).isEqualTo("undefined variable 'u' @ 1:8");
    assertThat(undefined("./a/b + u")).isEqualTo("undefined variable 'u' @ 1:9");
    assertThat(undefined("x: ./a/${x}/b + u")).isEqualTo("undefined variable 'u' @ 1:17");
    assertThat(undefined("a:b + u")).isEqualTo("undefined variable 'u' @ 1:7");
  }

  @Test
  void requireDefinedThrowsTheSameError() {
    ParsedSource parsed = Ast.parsed("let a = 1; in\n  b");
    assertThatThrownBy(() -> StaticChecks.requireDefined(parsed))
        .isInstanceOf(NixErrorException.class)
        .hasMessage("(string):2:3: error: undefined variable 'b'");
    StaticChecks.requireDefined(Ast.parsed("let a = 1; in a"));
  }

  @Test
  void globalNamesAreNixsDefaultTopLevel() {
    assertThat(StaticChecks.GLOBAL_NAMES).hasSize(109)
        .contains("abort", "true", "__sub", "fromTOML")
        .doesNotContain("add", "__map", "__true", "__exec", "__importNative", "__getFlake",
            "__curPos");
  }
}
