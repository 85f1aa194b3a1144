package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;
import dev.flakegen.testing.NixTest;

import dev.flakegen.nix.ast.NixDialect;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random nestings of mixed constructs, as deep as Nix's parser holds and one level deeper:
 * flakegen accepts and refuses them as Nix 2.8 and Nix 2.26 do, with their message and position.
 */
@NixTest
class NestingLimitProperties {

  /** A construct with a hole for an expression: text before it, text after it. */
  record Layer(String before, String after) {}

  private static final List<Layer> LAYERS = List.of(
      new Layer("(", ")"), new Layer("[ (", ") ]"), new Layer("[ 1 (", ") 2 ]"),
      new Layer("{ a = ", "; }"), new Layer("{ x = 1; a.b = ", "; }"),
      new Layer("rec { a = ", "; }"), new Layer("let { body = ", "; }"),
      new Layer("let a = ", "; in a"), new Layer("b: { inherit b; a = ", "; }"),
      new Layer("{ inherit (", ") a; }"), new Layer("x: ", ""), new Layer("{ y }: ", ""),
      new Layer("{ y, ... }@z: ", ""), new Layer("with {}; ", ""), new Layer("assert true; ", ""),
      new Layer("if true then 1 else ", ""), new Layer("if true then ", " else 1"),
      new Layer("if ", " then 1 else 1"), new Layer("-(", ")"), new Layer("!(", ")"),
      new Layer("[1] ++ (", ")"), new Layer("{} // (", ")"), new Layer("true -> (", ")"),
      new Layer("1 + (", ")"), new Layer("2 * (1 - ", ")"), new Layer("\"${", "}\""),
      new Layer("\"a${", "}b\""), new Layer("''${", "}''"), new Layer("./a${", "}"),
      new Layer("{ ${", "} = 1; }"), new Layer("(x: x) (", ")"), new Layer("{}.b or (", ")"),
      new Layer("{} ? ${", "}"), new Layer("{ a = 1; }.${", "}"));

  private static Path folder;

  @BeforeContainer
  static void createFolder() throws IOException {
    folder = Files.createTempDirectory("flakegen-nesting-");
  }

  @AfterContainer
  static void deleteFolder() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  @Provide
  Arbitrary<List<Layer>> layers() {
    return Arbitraries.of(LAYERS).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<String> cores() {
    return Arbitraries.of("1", "[ ]", "{ a = 1; }", "\"s\"", "./p", "{ }.a or 1");
  }

  /** The layers, repeated in turn, {@code n} deep around the core. */
  private static IntFunction<String> nesting(List<Layer> layers, String core) {
    return n -> {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < n; i++) {
        text.append(layers.get(i % layers.size()).before());
      }
      text.append(core);
      for (int i = n - 1; i >= 0; i--) {
        text.append(layers.get(i % layers.size()).after());
      }
      return text.toString();
    };
  }

  @Property(tries = 60)
  void flakegenGivesUpWhereNixDoes(@ForAll("layers") List<Layer> layers,
      @ForAll("cores") String core) throws IOException {
    IntFunction<String> text = nesting(layers, core);
    TreeSet<Integer> depths = new TreeSet<>();
    for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
      int deepest = NestingLimitTest.deepestAccepted(text, dialect);
      depths.addAll(List.of(deepest, deepest + 1));
    }
    List<String> failures = new ArrayList<>();
    for (int n : depths) {
      Path file = folder.resolve("n-" + n + ".nix");
      Files.write(file, RawUtf8.encode(text.apply(n)));
      for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
        String expected = NestingLimitTest.outcome(NixOracle.parse(file, dialect));
        String actual = NestingLimitTest.outcome(FlakegenParse.parse(file, dialect));
        if (!expected.equals(actual)) {
          failures.add(n + " levels, Nix " + dialect.version().number() + ": nix " + expected
              + ", flakegen " + actual);
        }
      }
      Files.delete(file);
    }
    assertThat(failures).as("%s around %s", layers, core).isEmpty();
  }
}
