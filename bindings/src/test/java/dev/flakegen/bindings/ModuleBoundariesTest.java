package dev.flakegen.bindings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bindings uses nix-ast through its exported packages only: no compiled class of bindings names a
 * class of nix-ast's unexported packages (the generated ANTLR grammar, the printer's layout).
 */
class ModuleBoundariesTest {

  private static final List<String> UNEXPORTED =
      List.of("dev/flakegen/nix/parse/grammar/", "dev/flakegen/nix/print/layout/");

  @Test
  void noClassNamesAnUnexportedPackageOfNixAst() throws IOException {
    Path classes = Path.of("target/classes/dev/flakegen/bindings");
    List<Path> compiled;
    try (Stream<Path> files = Files.walk(classes)) {
      compiled = files.filter(f -> f.toString().endsWith(".class")).toList();
    }
    assertThat(compiled).isNotEmpty();
    for (Path file : compiled) {
      // Class names are stored in the constant pool as UTF-8 text, e.g.
      // dev/flakegen/nix/ast/Formal.
      String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      for (String hidden : UNEXPORTED) {
        assertThat(constants).as("%s names a class of %s", file, hidden).doesNotContain(hidden);
      }
    }
  }
}
