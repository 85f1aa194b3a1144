package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;
import dev.flakegen.testing.NixTest;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.testing.FlakegenParse;
import dev.flakegen.nix.testing.NixOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Nix's parser gives up ("memory exhausted") when its bison stack fills: Nix 2.8 at 9,999
 * entries, Nix 2.26 at 10,000. For every kind of nesting, flakegen accepts and refuses exactly
 * what each Nix does around that point (one level less, the deepest accepted, one level more),
 * with Nix's message and position: the real {@code nix-instantiate --parse} of Nix 2.8 (host) and
 * 2.26 (the trixie root) are the oracles.
 */
@NixTest
class NestingLimitTest {

  private static Path folder;

  @BeforeAll
  static void createFolder() throws IOException {
    folder = Files.createTempDirectory("flakegen-nesting-");
  }

  @AfterAll
  static void deleteFolder() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  /** {@code prefix} n times, then {@code core}, then {@code suffix} n times. */
  private static Arguments nest(String name, String prefix, String core, String suffix) {
    return Arguments.of(name, (IntFunction<String>) n -> prefix.repeat(n) + core
        + suffix.repeat(n));
  }

  private static Arguments shape(String name, IntFunction<String> text) {
    return Arguments.of(name, text);
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        nest("parentheses", "(", "1", ")"),
        nest("lists", "[", "", "]"),
        nest("list items", "[ 1 ", "2", " ]"),
        nest("sets", "{ a = ", "1", "; }"),
        nest("second binding", "{ x = 1; a = ", "1", "; }"),
        nest("attribute paths", "{ a.b.c = ", "1", "; }"),
        nest("rec sets", "rec { a = ", "1", "; }"),
        nest("let { }", "let { body = ", "1", "; }"),
        nest("let in", "let a = ", "1", "; in a"),
        nest("let inherit", "b: let inherit b; a = ", "1", "; in a"),
        nest("set inherit", "b: { inherit b; a = ", "1", "; }"),
        nest("inherit from", "{ inherit (", "{ a = 1; }", ") a; }"),
        nest("empty sets as list items", "[ { } ", "1", " ]"),
        nest("empty rec sets", "[ rec { } ", "1", " ]"),
        nest("empty set in with", "with { }; ", "1", ""),
        nest("lambdas", "x: ", "x", ""),
        nest("formals", "{ a }: ", "a", ""),
        nest("formals with comma", "{ a, b }: ", "a", ""),
        nest("ellipsis", "{ ... }: ", "1", ""),
        nest("formals @", "{ a }@b: ", "b", ""),
        nest("@ formals", "b@{ a }: ", "b", ""),
        shape("many formals", n -> {
          StringBuilder text = new StringBuilder("{ ");
          for (int i = 0; i < n; i++) {
            text.append('a').append(i).append(", ");
          }
          return text.append("z }: z").toString();
        }),
        shape("parentheses in a default", n -> "{ a ? " + "(".repeat(n) + "1" + ")".repeat(n)
            + " }: a"),
        nest("with", "with {}; ", "1", ""),
        nest("assert", "assert true; ", "1", ""),
        nest("else", "if true then 1 else ", "1", ""),
        nest("then", "if true then ", "1", " else 1"),
        nest("conditions", "if ", "true", " then 1 else 1"),
        nest("negation", "-", "1", ""),
        nest("not", "!", "true", ""),
        nest("concatenation", "[1] ++ ", "[1]", ""),
        nest("update", "{} // ", "{}", ""),
        nest("implication", "true -> ", "true", ""),
        nest("sum of parentheses", "1 + (", "1", ")"),
        nest("product of sums", "2 * (1 + ", "1", ")"),
        nest("application", "(x: x) (", "1", ")"),
        nest("application chain", "(x: y: x) 1 (", "1", ")"),
        nest("strings", "\"${", "1", "}\""),
        nest("strings with text", "\"x${", "1", "}y\""),
        nest("indented strings", "''${", "1", "}''"),
        nest("indented text", "''x${", "1", "}''"),
        nest("paths", "./a${", "./b", "}"),
        nest("select or", "{}.b or ", "1", ""),
        nest("select interpolation", "{}.${", "\"b\"", "}"),
        nest("dynamic attributes", "{ ${", "\"a\"", "} = 1; }"),
        nest("dynamic strings", "{ \"${", "\"a\"", "}\" = 1; }"),
        nest("has-attr", "{} ? ${", "\"x\"", "}"),
        nest("has-attr path", "{} ? b.${", "\"x\"", "}"),
        nest("let in empty", "(let in ", "1", ")"),
        nest("mixed", "[ { a = (", "1", "); } ]"),
        // Nix 2.8 reads `{ }` both as a set and as formals until the next token decides.
        nest("empty formals", "{ }: ", "1", ""),
        nest("empty formals @", "{ }@a: ", "1", ""),
        nest("empty formals in sets", "{ a = { }: ", "1", "; }"),
        nest("empty formals in parentheses", "({ }: ", "1", ")"),
        nest("empty set ending lambdas", "x: ", "{ }", ""),
        nest("empty set ending lambdas in parentheses", "(x: ", "{ }", ")"),
        nest("empty set ending lambdas in sets", "{ a = x: ", "{ }", "; }"),
        nest("empty set ending else", "if true then 1 else ", "{ }", ""),
        nest("empty set ending with", "with {}; ", "{ }", ""),
        nest("empty set ending let", "let a = 1; in ", "{ }", ""),
        nest("empty set selected", "{ a = { }.a or ", "1", "; }"),
        nest("empty set applied", "{ a = { } ", "1", "; }"),
        nest("empty set updated", "{ a = { } // ", "{ }", "; }"),
        nest("mixed strings", "(x: x) { a = [ \"${", "\"s\"", "}\" ]; }"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void flakegenGivesUpWhereNixDoes(String name, IntFunction<String> text) throws IOException {
    TreeSet<Integer> depths = new TreeSet<>();
    for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
      int deepest = deepestAccepted(text, dialect);
      depths.addAll(List.of(deepest - 1, deepest, deepest + 1));
    }
    List<String> failures = new ArrayList<>();
    for (int n : depths) {
      Path file = folder.resolve(name.replace(' ', '-') + "-" + n + ".nix");
      Files.write(file, RawUtf8.encode(text.apply(n)));
      for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
        String expected = outcome(NixOracle.parse(file, dialect));
        String actual = outcome(FlakegenParse.parse(file, dialect));
        if (!expected.equals(actual)) {
          failures.add(n + " levels, Nix " + dialect.version().number() + ": nix " + expected
              + ", flakegen " + actual);
        }
      }
      Files.delete(file);
    }
    assertThat(failures).as(name).isEmpty();
  }

  static Stream<Arguments> pipes() {
    return Stream.of(
        nest("pipes from", "(x: x) <| ", "1", ""),
        nest("pipes into parentheses", "1 |> (", "(x: x)", ")"),
        nest("pipes into", "(", "1 |> (x: x) |> (x: x)", ")"));
  }

  /** The pipe operators of Nix 2.26 (behind their experimental feature). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("pipes")
  void pipesGiveUpWhereNixDoes(String name, IntFunction<String> text) throws IOException {
    NixDialect dialect = NixDialect.NIX_2_26.withPipeOperators();
    int deepest = deepestAccepted(text, dialect);
    List<String> failures = new ArrayList<>();
    for (int n = deepest - 1; n <= deepest + 1; n++) {
      Path file = folder.resolve(name.replace(' ', '-') + "-" + n + ".nix");
      Files.write(file, RawUtf8.encode(text.apply(n)));
      String expected = outcome(NixOracle.parse(file, dialect));
      String actual = outcome(FlakegenParse.parse(file, dialect));
      if (!expected.equals(actual)) {
        failures.add(n + " levels: nix " + expected + ", flakegen " + actual);
      }
      Files.delete(file);
    }
    assertThat(failures).as(name).isEmpty();
  }

  /** Where flakegen stops accepting: the levels at which a Nix refuses or accepts. */
  static int deepestAccepted(IntFunction<String> text, NixDialect dialect) {
    int accepted = 1;
    int refused = 10_001;
    while (refused - accepted > 1) {
      int middle = (accepted + refused) / 2;
      if (fits(text.apply(middle), dialect)) {
        accepted = middle;
      } else {
        refused = middle;
      }
    }
    return accepted;
  }

  static boolean fits(String text, NixDialect dialect) {
    try {
      SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")), dialect);
      return true;
    } catch (NixErrorException e) {
      return !e.error().message().equals("memory exhausted");
    }
  }

  static String outcome(NixOracle.Result nix) {
    return nix.accepted() ? "accepted" : nix.message() + " at " + nix.position();
  }

  static String outcome(FlakegenParse.Outcome ours) {
    return ours.accepted() ? "accepted" : ours.message() + " at " + ours.position();
  }
}
