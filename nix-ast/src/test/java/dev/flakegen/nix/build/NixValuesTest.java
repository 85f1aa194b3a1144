package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.DslAssertions.canonical;
import static dev.flakegen.nix.build.DslAssertions.rejects;
import static dev.flakegen.nix.build.DslAssertions.rejectsNull;
import static dev.flakegen.nix.build.Nix.bool;
import static dev.flakegen.nix.build.Nix.indentedString;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.nullValue;
import static dev.flakegen.nix.build.Nix.number;
import static dev.flakegen.nix.build.Nix.path;
import static dev.flakegen.nix.build.Nix.searchPath;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.FloatLiteral;
import dev.flakegen.nix.ast.IntegerLiteral;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.SearchPath;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.testing.NixOracle;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The value builders of {@link Nix}: numbers, booleans, strings, paths, lists. Every rejection with its exact message. */
@NixTest
class NixValuesTest {

  private static final SourcePos NONE = SourcePos.NONE;

  @Test
  void integers() {
    assertThat(integer(0)).isEqualTo(new IntegerLiteral(0, NONE));
    assertThat(integer(42)).isEqualTo(new IntegerLiteral(42, NONE));
    assertThat(integer(Long.MAX_VALUE)).isEqualTo(new IntegerLiteral(Long.MAX_VALUE, NONE));
    assertThat(integer(-5)).isEqualTo(new Negation(new IntegerLiteral(5, NONE), NONE));
    assertThat(canonical(integer(-5))).isEqualTo("(__sub 0 5)");
  }

  @Test
  void longMinValueIsMaxNegatedMinusOne() {
    assertThat(integer(Long.MIN_VALUE)).isEqualTo(new BinaryOperation(Operator.SUBTRACT,
        new Negation(new IntegerLiteral(Long.MAX_VALUE, NONE), NONE),
        new IntegerLiteral(1, NONE), NONE));
    assertThat(canonical(integer(Long.MIN_VALUE)))
        .isEqualTo("(__sub (__sub 0 9223372036854775807) 1)");
  }

  @Test
  void numbers() {
    assertThat(number(1.5)).isEqualTo(new FloatLiteral(1.5, NONE));
    assertThat(number(0.0)).isEqualTo(new FloatLiteral(0.0, NONE));
    assertThat(number(-2.5)).isEqualTo(new Negation(new FloatLiteral(2.5, NONE), NONE));
    assertThat(number(Double.MAX_VALUE)).isEqualTo(new FloatLiteral(Double.MAX_VALUE, NONE));
    assertThat(number(Double.MIN_NORMAL)).isEqualTo(new FloatLiteral(Double.MIN_NORMAL, NONE));
  }

  @Test
  void numbersNixHasNoLiteralFor() {
    rejects(() -> number(Double.NaN),
        "number.value must be finite (Nix has no literal for NaN or infinity), was NaN");
    rejects(() -> number(Double.NEGATIVE_INFINITY),
        "number.value must be finite (Nix has no literal for NaN or infinity), was -Infinity");
    rejects(() -> number(-0.0),
        "number.value must not be negative zero (Nix has no literal for it), was -0.0");
    rejects(() -> number(-Double.MIN_VALUE),
        "number.value must be 0 or at least 2.2250738585072014E-308 in magnitude (Nix rejects"
            + " subnormal float literals), was -4.9E-324");
  }

  @Test
  void booleansAndNullAreVariables() {
    assertThat(bool(true)).isEqualTo(Variable.of("true"));
    assertThat(bool(false)).isEqualTo(Variable.of("false"));
    assertThat(nullValue()).isEqualTo(Variable.of("null"));
  }

  @Test
  void valuesEvaluateInNix(@TempDir Path dir) throws IOException {
    Expr values = list(integer(Long.MIN_VALUE), integer(-5), integer(7), number(-1.5),
        number(0.25), bool(true), nullValue(), string("a\"${b}\\"));
    Path file = dir.resolve("v.nix");
    Files.writeString(file, canonical(values));
    NixOracle.Result result = NixOracle.evalJson(file);
    assertThat(result.stderr()).isEmpty();
    assertThat(new String(result.line(), StandardCharsets.UTF_8)).isEqualTo(
        "[-9223372036854775808,-5,7,-1.5,0.25,true,null,\"a\\\"${b}\\\\\"]");
  }

  @Test
  void stringIsTheText() {
    assertThat(string("a${b}\"\\")).isEqualTo(
        new StringLiteral(List.of(new Text("a${b}\"\\")), NONE));
    assertThat(string("")).isEqualTo(new StringLiteral(List.of(), NONE));
  }

  @Test
  void stringWithInterpolations() {
    Variable x = variable("x");
    assertThat(string("a", x, "b", "c")).isEqualTo(new StringLiteral(List.of(new Text("a"),
        new Interpolation(x, NONE), new Text("bc")), NONE));
    assertThat(string()).isEqualTo(string(""));
    assertThat(string(x).parts()).containsExactly(new Interpolation(x, NONE));
  }

  @Test
  void stringRejectsNulAndLoneSurrogates() {
    rejects(() -> string("a\0b"),
        "string.text must not contain NUL (Nix cuts text at a NUL byte), was \"a\\u0000b\"");
    rejects(() -> string("a\uD800b"),
        "string.text must be valid UTF-16 (lone surrogate at index 1), was \"a\\ud800b\"");
    rejects(() -> string("\uDC80"),
        "string.text must be valid UTF-16 (lone surrogate at index 0), was \"\\udc80\"");
    rejects(() -> string("x", "\0"),
        "string.parts[1] must not contain NUL (Nix cuts text at a NUL byte), was \"\\u0000\"");
    rejects(() -> string("x", 3),
        "string.parts[1] must be a String (text) or an Expr (interpolation), was 3"
            + " (java.lang.Integer)");
    rejectsNull(() -> string((String) null), "string.text must not be null");
    rejectsNull(() -> string("a", null), "string.parts[1] must not be null");
    assertThat(string("\uD83D\uDE00").parts()).containsExactly(new Text("\uD83D\uDE00"));
  }

  @Test
  void indentedStringRejections() {
    rejects(() -> indentedString("a\0"), "indentedString.text must not contain NUL (Nix cuts"
        + " text at a NUL byte), was \"a\\u0000\"");
    rejects(() -> indentedString("a", 1.5), "indentedString.parts[1] must be a String (text)"
        + " or an Expr (interpolation), was 1.5 (java.lang.Double)");
    rejectsNull(() -> indentedString((String) null), "indentedString.text must not be null");
    rejectsNull(() -> indentedString("a", null), "indentedString.parts[1] must not be null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"./a", "./.", "../x/./y/../z", "/a/b", "/etc", "a/b", "./a+./b",
      "~/a", "~/a/../b", "1/2", "./a_b-c.nix"})
  void paths(String p) {
    assertThat(path(p)).isEqualTo(PathLiteral.of(p));
  }

  @Test
  void pathRejections() {
    String rule = "path.path must be a path such as ./a, ../b.nix, /a/b or ~/a ('/'-separated"
        + " non-empty segments of [A-Za-z0-9._+-]), was ";
    rejects(() -> path("a"), rule + "\"a\"");
    rejects(() -> path("."), rule + "\".\"");
    rejects(() -> path("/"), rule + "\"/\"");
    rejects(() -> path("~"), rule + "\"~\"");
    rejects(() -> path("~/"), rule + "\"~/\"");
    rejects(() -> path("/a//b"), rule + "\"/a//b\"");
    rejects(() -> path("./a b"), rule + "\"./a b\"");
    rejects(() -> path("~a/b"), rule + "\"~a/b\"");
    rejects(() -> path(""), rule + "\"\"");
    rejects(() -> path("./a/"),
        "path.path must not end in '/' (Nix: path has a trailing slash), was \"./a/\"");
    rejectsNull(() -> path(null), "path.path must not be null");
  }

  @Test
  void searchPaths() {
    assertThat(searchPath("nixpkgs")).isEqualTo(new SearchPath("nixpkgs", NONE));
    assertThat(searchPath("nixpkgs/lib")).isEqualTo(new SearchPath("nixpkgs/lib", NONE));
    String rule = "searchPath.path must be '/'-separated non-empty segments of [A-Za-z0-9._+-],"
        + " as in <nixpkgs/lib>, was ";
    rejects(() -> searchPath(""), rule + "\"\"");
    rejects(() -> searchPath("/a"), rule + "\"/a\"");
    rejects(() -> searchPath("a/"), rule + "\"a/\"");
    rejects(() -> searchPath("a//b"), rule + "\"a//b\"");
    rejects(() -> searchPath("a b"), rule + "\"a b\"");
  }

  @Test
  void lists() {
    assertThat(list()).isEqualTo(new ListLiteral(List.of(), NONE));
    assertThat(list(integer(1), bool(true))).isEqualTo(
        new ListLiteral(List.of(integer(1), bool(true)), NONE));
    assertThat(list(List.of(integer(1)))).isEqualTo(list(integer(1)));
    rejectsNull(() -> list(integer(1), null), "list.items[1] must not be null");
  }
}
