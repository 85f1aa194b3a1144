package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.core.CanonicalText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SLL-then-LL strategy gives exactly what full LL gives, on every corpus snippet: the same
 * AST and canonical text when accepted, the same error when rejected (the error path always goes
 * through the LL fallback).
 */
class TwoStageParsingTest {

  @TestFactory
  Stream<DynamicTest> twoStageEqualsFullLl() throws IOException {
    return DifferentialCorpusTest.snippets().stream().map(file -> DynamicTest.dynamicTest(
        DifferentialCorpusTest.CORPUS.relativize(file).toString(), () -> {
          NixSource source = NixSource.ofFile(file.toAbsolutePath());
          Outcome twoStage = outcome(() -> SourceParser.parse(source));
          Outcome fullLl = outcome(() -> SourceParser.parseWithOnly(source, PredictionMode.LL));
          assertThat(twoStage).isEqualTo(fullLl);
        }));
  }

  @Test
  void syntaxErrorsAreReportedFromTheLlStageAtNixsPosition() {
    NixSource source = NixSource.ofString("let\n  a = 1;\n  b = [ 1, 2 ];\nin a", Path.of("/tmp"));
    assertThatThrownBy(() -> SourceParser.parseWithOnly(source, PredictionMode.SLL))
        .isInstanceOf(NixErrorException.class);
    assertThatThrownBy(() -> SourceParser.parse(source))
        .isInstanceOfSatisfying(NixErrorException.class, e -> {
          assertThat(e.error().message()).isEqualTo("syntax error, unexpected ','");
          assertThat(e.error().pos().line()).isEqualTo(3);
          assertThat(e.error().pos().column()).isEqualTo(10);
        });
  }

  record Outcome(Object ast, String canonical, String error) {}

  static Outcome outcome(Supplier<ParsedSource> parse) {
    try {
      ParsedSource parsed = parse.get();
      return new Outcome(parsed.expression(), CanonicalText.of(parsed.core(), parsed.symbols()),
          null);
    } catch (NixErrorException e) {
      return new Outcome(null, null, e.error().message() + " at " + e.error().pos().line() + ":"
          + e.error().pos().column());
    }
  }
}
