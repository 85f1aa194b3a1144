package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;

/** Shared checks of the readable printer's round trip. */
final class RoundTrip {

  private RoundTrip() {}

  static final PathResolver PATHS = new PathResolver("/tmp/flakegen-printer", "/root");

  /** Parses printed text as the CLI would write it (bytes through {@link RawUtf8}). */
  static ParsedSource parse(String text, PathResolver paths) {
    return SourceParser.parse(new NixSource("(printed)", RawUtf8.encode(text), paths));
  }

  /**
   * Prints {@code expr}, parses the text back and checks that the tree is equal and that the text
   * is a fixed point; returns the text.
   */
  static String check(Expr expr, PathResolver paths) {
    String printed = ReadablePrinter.print(expr);
    ParsedSource reparsed;
    try {
      reparsed = parse(printed, paths);
    } catch (RuntimeException e) {
      throw new AssertionError("printed text does not parse (" + e.getMessage() + "):\n"
          + printed + "\nfrom " + expr, e);
    }
    assertThat(reparsed.expression()).as("tree of\n%s", printed).isEqualTo(expr);
    assertThat(ReadablePrinter.print(reparsed.expression())).as("fixed point").isEqualTo(printed);
    return printed;
  }

  /**
   * The layout rules every printed file follows outside indented strings: {@code \n} line ends,
   * one final newline, no trailing spaces, no tabs in indentation, indentation in steps of two
   * that rises by at most one step per line.
   */
  static void checkLayout(String printed) {
    assertThat(printed).endsWith("\n").doesNotEndWith("\n\n").doesNotContain("\r\n");
    String[] lines = printed.split("\n", -1);
    int previous = 0;
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      assertThat(line).as("line %d of\n%s", i + 1, printed).doesNotEndWith(" ");
      if (line.isEmpty()) {
        continue;
      }
      int indent = 0;
      while (indent < line.length() && line.charAt(indent) == ' ') {
        indent++;
      }
      assertThat(indent % 2).as("even indentation, line %d of\n%s", i + 1, printed).isZero();
      assertThat(indent).as("indentation rises by one step at most, line %d of\n%s", i + 1,
          printed).isLessThanOrEqualTo(previous + 2);
      assertThat(line.charAt(indent)).as("no tab in indentation").isNotEqualTo('\t');
      previous = indent;
    }
  }
}
