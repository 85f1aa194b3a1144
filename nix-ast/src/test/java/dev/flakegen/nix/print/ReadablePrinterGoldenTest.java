package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.goldens.Goldens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Exact-text goldens: each {@code goldens/input/NAME.nix} (any layout; comments there explain
 * the case and are not part of the tree) printed readably is exactly
 * {@code goldens/expected/NAME.nix}, which parses back to the same tree and is a fixed point.
 * {@code -Dflakegen.updateGoldens=true} rewrites the expected files (CI never sets it).
 */
@NixTest
class ReadablePrinterGoldenTest {

  static final Path GOLDENS = Path.of("src/test/resources/goldens");

  static List<Path> inputs() throws IOException {
    try (Stream<Path> files = Files.list(GOLDENS.resolve("input"))) {
      return files.filter(p -> p.toString().endsWith(".nix")).sorted().toList();
    }
  }

  @Test
  void everyInputHasAnExpectedOutput() throws IOException {
    assertThat(inputs()).hasSizeGreaterThanOrEqualTo(10);
    for (Path input : inputs()) {
      assertThat(GOLDENS.resolve("expected").resolve(input.getFileName())).exists();
    }
  }

  @TestFactory
  Stream<DynamicTest> goldens() throws IOException {
    return inputs().stream().map(input -> DynamicTest.dynamicTest(
        input.getFileName().toString(), () -> check(input)));
  }

  private static void check(Path input) throws IOException {
    PathResolver paths = new PathResolver(input.toAbsolutePath().getParent().toString(), "/root");
    Expr tree = SourceParser.parse(new NixSource(input.toString(), Files.readAllBytes(input),
        paths)).expression();
    String printed = ReadablePrinter.print(tree);
    Path expected = GOLDENS.resolve("expected").resolve(input.getFileName());
    Goldens.check(expected, RawUtf8.encode(printed));
    RoundTrip.check(tree, paths);
  }
}
