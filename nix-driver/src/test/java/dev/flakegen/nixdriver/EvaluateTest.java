package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.bool;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.nullValue;
import static dev.flakegen.nix.build.Nix.number;
import static dev.flakegen.nix.build.Nix.parse;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nixdriver.Fixtures.NIX;
import static dev.flakegen.nixdriver.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.nixdriver.NixValue.AttrsValue;
import dev.flakegen.nixdriver.NixValue.BooleanValue;
import dev.flakegen.nixdriver.NixValue.FloatValue;
import dev.flakegen.nixdriver.NixValue.IntegerValue;
import dev.flakegen.nixdriver.NixValue.ListValue;
import dev.flakegen.nixdriver.NixValue.NullValue;
import dev.flakegen.nixdriver.NixValue.StringValue;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NixDriver#evaluate}: typed values from the real Nix, and its errors. */
@NixTest
class EvaluateTest {

  private static NixValue eval(Expr expr) throws InterruptedException {
    return NIX.evaluate(Installable.expression(expr));
  }

  @Test
  void scalars() throws InterruptedException {
    String hostile = "quote \" dollar ${x} ''  back\\slash\nline\ttab é ☃";
    assertThat(eval(string(hostile))).isEqualTo(new StringValue(hostile));
    assertThat(eval(integer(42))).isEqualTo(new IntegerValue(42));
    assertThat(eval(integer(-9223372036854775807L))).isEqualTo(
        new IntegerValue(-9223372036854775807L));
    assertThat(eval(number(2.5))).isEqualTo(new FloatValue(2.5));
    assertThat(eval(number(1.0))).isEqualTo(new FloatValue(1.0));
    assertThat(eval(bool(true))).isEqualTo(new BooleanValue(true));
    assertThat(eval(bool(false))).isEqualTo(new BooleanValue(false));
    assertThat(eval(nullValue())).isEqualTo(new NullValue());
    assertThat(eval(parse("./.")))
        .isEqualTo(new StringValue(Path.of("").toAbsolutePath().toString()));
  }

  @Test
  void lists() throws InterruptedException {
    assertThat(eval(list())).isEqualTo(new ListValue(List.of()));
    assertThat(eval(list(integer(1), string("a"), list(nullValue(), number(0.5)))))
        .isEqualTo(new ListValue(List.of(new IntegerValue(1), new StringValue("a"),
            new ListValue(List.of(new NullValue(), new FloatValue(0.5))))));
  }

  @Test
  void nestedSetsInNixOrder() throws InterruptedException {
    NixValue value = eval(set()
        .attr("z", integer(1))
        .attr("a", set().attr("deep", set().attr("x y", list(bool(true))).build()).build())
        .attr("empty", set().build())
        .build());
    Map<String, NixValue> deep = new LinkedHashMap<>();
    deep.put("x y", new ListValue(List.of(new BooleanValue(true))));
    assertThat(value).isEqualTo(new AttrsValue(Map.of(
        "a", new AttrsValue(Map.of("deep", new AttrsValue(deep))),
        "empty", new AttrsValue(Map.of()),
        "z", new IntegerValue(1))));
    assertThat(((AttrsValue) value).attributes().keySet()).containsExactly("a", "empty", "z");
    assertThat(value.find("a", "deep", "x y", "0")).contains(new BooleanValue(true));
    assertThat(value.toJson()).isEqualTo("{\"a\":{\"deep\":{\"x y\":[true]}},\"empty\":{},\"z\":1}");
  }

  @Test
  void argumentsAreAppliedLikeArgAndArgstr() throws InterruptedException {
    Installable function = Installable.expression(parse("{ x, y ? 2, s }: [ (x + y) s ]"))
        .withArg("x", integer(40))
        .withArgString("s", "a ${string}");
    assertThat(NIX.evaluate(function)).isEqualTo(
        new ListValue(List.of(new IntegerValue(42), new StringValue("a ${string}"))));
  }

  @Test
  void anAttributeOfAGeneratedFlake() throws InterruptedException {
    assertThat(NIX.evaluate(example("hello", "packages.x86_64-linux.hello.name")))
        .isEqualTo(new StringValue("hello-setup"));
    assertThat(NIX.evaluate(example("hello", "packages.x86_64-linux.hello.meta")))
        .isEqualTo(new AttrsValue(Map.of("mainProgram", new StringValue("setup"))));
  }

  @Test
  void anEvaluationErrorCarriesNixsMessageAndPosition() throws InterruptedException {
    Expr expr = parse("let a = { b = 1; }; in a.c");
    NixFailureException error = catchThrowableOfType(NixFailureException.class,
        () -> eval(expr));
    assertThat(error.nixMessage()).isEqualTo("attribute 'c' missing");
    // The position is in the text Nix was given: the readable print of the expression.
    List<String> printed = ReadablePrinter.print(expr).lines().toList();
    int line = error.position().orElseThrow().line();
    assertThat(error.position().orElseThrow().file()).isEqualTo("«string»");
    assertThat(printed.get(line - 1).substring(error.position().get().column() - 1))
        .startsWith("a.c");
    assertThat(error.exitStatus()).isEqualTo(1);
    assertThat(error.getMessage()).startsWith("attribute 'c' missing (at «string»:");
  }

  @Test
  void anExpressionGivenAsTextKeepsItsPositions() {
    NixFailureException error = catchThrowableOfType(NixFailureException.class,
        () -> NIX.evaluate(Installable.expression("let x = 1; in\n  x + \"a\"")));
    assertThat(error.nixMessage()).isEqualTo("cannot add a string to an integer");
    assertThat(error.position()).contains(new NixErrorPosition("«string»", 2, 7));
    assertThatThrownBy(() -> Installable.expression("1 +"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syntax error");
  }

  @Test
  void anErrorInAFileHasItsFileLineAndColumn(@TempDir Path dir)
      throws IOException, InterruptedException {
    Path file = dir.resolve("bad.nix");
    Files.writeString(file, "let x = 1; in\n  x + \"a\"\n");
    NixFailureException error = catchThrowableOfType(NixFailureException.class,
        () -> eval(parse("import " + file)));
    assertThat(error.nixMessage()).isEqualTo("cannot add a string to an integer");
    assertThat(error.position()).contains(new NixErrorPosition(file.toString(), 2, 7));
  }

  @Test
  void thrownAndMissingFlakeAttributes() {
    assertThatThrownBy(() -> eval(parse("throw \"boom: ${toString 1}\"")))
        .isInstanceOfSatisfying(NixFailureException.class, e -> {
          assertThat(e.nixMessage()).isEqualTo("boom: 1");
          assertThat(e.position()).isEmpty();
        });
    assertThatThrownBy(() -> NIX.evaluate(example("hello", "packages.x86_64-linux.nope")))
        .isInstanceOfSatisfying(NixFailureException.class, e -> assertThat(e.nixMessage())
            .startsWith("flake 'path:" + Fixtures.REPOSITORY + "/examples/hello' does not provide"
                + " attribute 'packages.x86_64-linux.packages.x86_64-linux.nope'"));
  }

  @Test
  void functionsCannotBeValues() {
    assertThatThrownBy(() -> eval(parse("{ f = x: x; }")))
        .isInstanceOfSatisfying(NixFailureException.class,
            e -> assertThat(e.nixMessage()).isEqualTo("cannot convert a function to JSON"));
  }
}
