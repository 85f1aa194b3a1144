package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.testing.CanonicalOrder;
import dev.flakegen.nix.testing.FlakegenParse;
import dev.flakegen.nix.testing.NixOracle;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every snippet of the corpus ({@code src/test/resources/corpus}, written for this project) is
 * parsed by the real {@code nix-instantiate --parse} and by flakegen, twice: Nix 2.8 (the host's)
 * against flakegen's 2.8 dialect, and Nix 2.26 (the trixie root's) against its 2.26 dialect. Both
 * accept or both reject; accepted ones print the same bytes (for 2.8 up to the order of let
 * bindings and formals where Nix 2.8 leaves that to its heap: more than 19 new names); rejected
 * ones fail with the same message (up to bison's ", expecting …" list) at the same line and
 * column.
 */
@NixTest
class DifferentialCorpusTest {

  static final Path CORPUS = Path.of("src/test/resources/corpus");

  static List<Path> snippets() throws IOException {
    try (Stream<Path> files = Files.walk(CORPUS)) {
      return files.filter(p -> p.toString().endsWith(".nix")).sorted().toList();
    }
  }

  @Test
  void corpusIsLargeAndCoversBothOutcomes() throws IOException {
    List<Path> snippets = snippets();
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(400);
  }

  @TestFactory
  Stream<DynamicTest> flakegenAgreesWithNix() throws IOException {
    return snippets().stream().map(file -> DynamicTest.dynamicTest(
        CORPUS.relativize(file).toString(), () -> compare(file.toAbsolutePath())));
  }

  /** The same corpus against Nix 2.26 (the trixie root), parsed as {@link NixDialect#NIX_2_26}. */
  @TestFactory
  Stream<DynamicTest> flakegenAgreesWithNix226() throws IOException {
    return snippets().stream().map(file -> DynamicTest.dynamicTest(
        CORPUS.relativize(file).toString(),
        () -> compare(file.toAbsolutePath(), NixDialect.NIX_2_26)));
  }

  /** The pipe operators' snippets against Nix 2.26 with the {@code pipe-operators} feature. */
  @TestFactory
  Stream<DynamicTest> flakegenAgreesWithNix226PipeOperators() throws IOException {
    return snippets().stream().filter(file -> file.getParent().endsWith("pipes"))
        .map(file -> DynamicTest.dynamicTest(CORPUS.relativize(file).toString(),
            () -> compare(file.toAbsolutePath(), NixDialect.NIX_2_26.withPipeOperators())));
  }

  static void compare(Path file) throws IOException {
    compare(file, NixDialect.NIX_2_8);
  }

  static void compare(Path file, NixDialect dialect) throws IOException {
    NixOracle.Result nix = NixOracle.parse(file, dialect);
    FlakegenParse.Outcome ours = FlakegenParse.parse(file, dialect);
    String source = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    String context = "snippet " + file + ":\n" + source + "\nnix said: "
        + (nix.accepted() ? new String(nix.line(), StandardCharsets.ISO_8859_1)
            : nix.message() + " at " + nix.position())
        + "\nflakegen: "
        + (ours.accepted() ? new String(ours.line(), StandardCharsets.ISO_8859_1)
            : ours.message() + " at " + ours.position());
    assertThat(nix.exitCode()).as("nix exit status (139 = a Nix crash)\n" + context)
        .isIn(0, 1);
    assertThat(ours.accepted()).as("accepted?\n" + context).isEqualTo(nix.accepted());
    if (nix.accepted()) {
      String expected = new String(nix.line(), StandardCharsets.ISO_8859_1);
      String actual = new String(ours.line(), StandardCharsets.ISO_8859_1);
      if (ours.newNames() > 19 && dialect.version() == NixVersion.NIX_2_8) {
        expected = CanonicalOrder.normalize(expected);
        actual = CanonicalOrder.normalize(actual);
      }
      assertThat(actual).as("canonical output\n" + context).isEqualTo(expected);
    } else {
      assertThat(withoutExpecting(ours.message())).as("message\n" + context)
          .isEqualTo(withoutExpecting(nix.message()));
      assertThat(ours.position()).as("position\n" + context).isEqualTo(nix.position());
    }
  }

  static String withoutExpecting(String message) {
    int cut = message.indexOf(", expecting ");
    return message.startsWith("syntax error") && cut >= 0 ? message.substring(0, cut) : message;
  }
}
