package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.testing.CanonicalOrder;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every snippet of the differential corpus that flakegen accepts: parse, readable print, parse
 * gives an equal tree; the print is a fixed point; and Nix's view of the printed file (the
 * canonical print) is the original's, up to the order of let bindings and formals when the file
 * interns more than 19 new names.
 */
@NixTest
class CorpusRoundTripTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus");

  static List<Path> snippets() throws IOException {
    try (Stream<Path> files = Files.walk(CORPUS)) {
      return files.filter(p -> p.toString().endsWith(".nix")).sorted().toList();
    }
  }

  @Test
  void corpusHasAcceptedSnippets() throws IOException {
    assertThat(snippets().stream().filter(p -> accepted(p).isPresent()).count())
        .isGreaterThanOrEqualTo(100);
  }

  @TestFactory
  Stream<DynamicTest> acceptedSnippetsRoundTrip() throws IOException {
    return snippets().stream().map(file -> DynamicTest.dynamicTest(
        CORPUS.relativize(file).toString(), () -> accepted(file).ifPresent(this::check)));
  }

  private static Optional<ParsedSource> accepted(Path file) {
    try {
      ParsedSource parsed = SourceParser.parse(NixSource.ofFile(file));
      return StaticChecks.undefinedVariable(parsed).isEmpty() ? Optional.of(parsed)
          : Optional.empty();
    } catch (NixErrorException e) {
      return Optional.empty();
    }
  }

  private void check(ParsedSource original) {
    String printed = RoundTrip.check(original.expression(), original.source().paths());
    ParsedSource reparsed = RoundTrip.parse(printed, original.source().paths());
    String before = CanonicalText.of(original.core(), original.symbols());
    String after = CanonicalText.of(reparsed.core(), reparsed.symbols());
    if (original.symbols().newNameCount() > 19 || reparsed.symbols().newNameCount() > 19) {
      before = CanonicalOrder.normalize(before);
      after = CanonicalOrder.normalize(after);
    }
    assertThat(after).as("canonical print of the readable print\n%s", printed).isEqualTo(before);
  }
}
