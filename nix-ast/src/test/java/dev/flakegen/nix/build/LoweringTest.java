package dev.flakegen.nix.build;

import dev.flakegen.nix.core.Lowering;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.SymbolTable;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link dev.flakegen.nix.core.Lowering} calls {@link CoreBuilder} in the parser's order: for every source the parser
 * accepts, lowering its AST again gives the same core (same canonical text, so the same merged
 * sets and the same symbol order for {@code let} bindings and formals) and the same
 * undefined-variable result.
 */
class LoweringTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus");

  /** Sources where the order of interning decides the output, beyond the corpus. */
  static final List<String> SNIPPETS = List.of(
      "let f = a: b: 1; a = 2; b = 1; in f",
      "{ b ? c, c ? 1 }: b",
      "{ x, y }: x",
      "let x = 1; y = 2; in x",
      "args@{ zz, yy, map ? zz }: yy",
      "{ zz, yy } @ args: args",
      "x: { inherit (x) a \"b c\"; inherit x; }",
      "x: let inherit (x) p q; r = p; inherit x; in r",
      "{ a.b = 1; a = { c = 2; }; d.e.f = 3; d.e.g = 4; }",
      "x: { a.b = 1; a = rec { ${x} = 2; c = 3; }; }",
      "rec { b = 1; ${\"c\"} = b; ${b} = 2; }",
      "let { a = 1; body = a; }",
      "x: x.a or x.b or 1",
      "x: x.${x} or x.\"${x}\"",
      "x: x ? a.${x}",
      "x: ''\n  a ${x}\n    b ''${x} '''\n''",
      "x: ./a/${x}.nix",
      "x: \"${x}${x}\" + \"a${x}\"",
      "let or = 1; in x: x or",
      "f: x: (f x) (f - 1) (-x) (x <= 1) 3",
      "__curPos",
      "let a = { inherit or; }; or = 1; in a",
      "with builtins; q: r: s: t: u: v: w: z: [ q r s t u v w z aa bb cc dd ee ff gg hh ]",
      "<nixpkgs/lib>",
      "http://example.org/x",
      "assert true; with {}; if true then 1.5 else -2",
      "{ a = x: x; b = y: y; c = z: z; d = q: q; }");

  @TestFactory
  Stream<DynamicTest> loweringAnAstAgainGivesTheParsersCore() throws IOException {
    Stream<DynamicTest> corpus;
    try (Stream<Path> files = Files.walk(CORPUS)) {
      corpus = files.filter(p -> p.toString().endsWith(".nix")).sorted().toList().stream()
          .map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(),
              () -> compare(NixSource.ofFile(file))));
    }
    Stream<DynamicTest> snippets = SNIPPETS.stream().map(text -> DynamicTest.dynamicTest(text,
        () -> compare(NixSource.ofString(text, Path.of("/tmp/d")))));
    return Stream.concat(corpus, snippets);
  }

  static void compare(NixSource source) {
    ParsedSource parsed;
    try {
      parsed = SourceParser.parse(source);
    } catch (NixErrorException e) {
      return;
    }
    CoreBuilder builder = new CoreBuilder(new SymbolTable(), source.paths());
    CoreExpr lowered = Lowering.lower(parsed.expression(), builder);
    String text = new String(source.bytes(), StandardCharsets.UTF_8);
    assertThat(CanonicalText.of(lowered, builder.symbols())).as(text)
        .isEqualTo(CanonicalPrinter.print(parsed));
    assertThat(builder.symbols().newNameCount()).as(text)
        .isEqualTo(parsed.symbols().newNameCount());
    Optional<NixError> expected = StaticChecks.undefinedVariable(parsed);
    Optional<NixError> actual = StaticChecks.undefinedVariable(lowered, builder.symbols());
    assertThat(actual.map(NixError::message)).as(text).isEqualTo(expected.map(NixError::message));
    assertThat(actual.map(e -> e.pos().toString())).as(text)
        .isEqualTo(expected.map(e -> e.pos().toString()));
  }
}
