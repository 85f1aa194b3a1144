package dev.flakegen.nix.parse.grammar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.NixDialect;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.Token;

/**
 * The lexer's hand-written path for spaces, line comments, names and punctuation ({@link
 * NixLexerBase#lexByHandFrom}) gives the same tokens, modes and positions Nix would report as
 * ANTLR's automaton alone: on every snippet of the corpus and on random text made of the pieces
 * where a name meets a path, a URI, a keyword, a string, a comment or the end of input. (What the
 * tokens mean is checked against Nix by the parser's differential tests, which run with the
 * hand-written path.)
 */
class LexerFastPathProperties {

  private static final List<NixDialect> DIALECTS =
      List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26, NixDialect.NIX_2_26.withPipeOperators());

  /** Everything the lexer shows of one input: each token and the report positions around it. */
  private static List<String> lex(byte[] bytes, NixDialect dialect, boolean fastPath) {
    CodePointCharStream chars =
        CodePointCharStream.fromBuffer(CodePointBuffer.withBytes(ByteBuffer.wrap(bytes)), "test");
    NixLexer lexer = new NixLexer(chars);
    lexer.setTokenFactory(NixToken.factory(bytes, lexer, chars));
    lexer.removeErrorListeners();
    lexer.setDialect(dialect);
    if (fastPath) {
      lexer.lexByHandFrom(bytes);
    }
    List<String> seen = new ArrayList<>();
    for (int i = 0; i <= bytes.length + 1; i++) {
      Token token = lexer.nextToken();
      int start = token.getStartIndex();
      seen.add(
          token.getType()
              + " "
              + start
              + ".."
              + token.getStopIndex()
              + " mode "
              + lexer._mode
              + " end "
              + lexer.endOfInputReportOffset()
              + " path "
              + lexer.pathEndReportOffset(start)
              + " error "
              + lexer.errorAt(start)
              + " at "
              + lexer.errorReportOffset(start));
      if (token.getType() == Token.EOF) {
        break;
      }
    }
    return seen;
  }

  private static void assertSameTokens(byte[] bytes) {
    for (NixDialect dialect : DIALECTS) {
      assertThat(lex(bytes, dialect, true))
          .as("%s in %s", new String(bytes, StandardCharsets.ISO_8859_1), dialect)
          .isEqualTo(lex(bytes, dialect, false));
    }
  }

  @Example
  void corpusSnippetsLexAlike() throws IOException {
    List<Path> snippets;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
      snippets = files.filter(p -> p.toString().endsWith(".nix")).sorted().toList();
    }
    assertThat(snippets).hasSizeGreaterThan(400);
    for (Path snippet : snippets) {
      assertSameTokens(Files.readAllBytes(snippet));
    }
  }

  @Example
  void namesAtTheirBorders() {
    List<String> names =
        List.of(
            "a",
            "if",
            "iff",
            "in",
            "or",
            "ora",
            "let",
            "rec",
            "then",
            "else",
            "with",
            "assert",
            "inherit",
            "inherits",
            "_x",
            "a-b",
            "a'",
            "A_9'-",
            "x''");
    for (String name : names) {
      for (int c = 0; c < 256; c++) {
        String text = name + (char) c;
        assertSameTokens(text.getBytes(StandardCharsets.ISO_8859_1));
        assertSameTokens((text + "b/c").getBytes(StandardCharsets.ISO_8859_1));
        assertSameTokens((" " + text + " ").getBytes(StandardCharsets.ISO_8859_1));
      }
      assertSameTokens(name.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  @Example
  void stringPiecesAtTheirBorders() {
    List<String> shapes =
        List.of(
            "\"a%s\"",
            "\"a%s",
            "\"%s\"",
            "\"a$%s\"",
            "\"$%s{x}\"",
            "\"a%s${x}b\"",
            "\"${x}%s\"",
            "\"a\\%s\"",
            "{ x = \"%s\"; }",
            "\"a%s$\"");
    for (String shape : shapes) {
      for (int c = 0; c < 256; c++) {
        assertSameTokens(String.format(shape, (char) c).getBytes(StandardCharsets.ISO_8859_1));
      }
    }
  }

  @Property(tries = 3000)
  void randomPiecesLexAlike(@ForAll("texts") String text) {
    assertSameTokens(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece =
        Arbitraries.of(
            "a", "b1", "if", "in", "or", "let", "rec", "then", "else", "with", "assert", "inherit",
            "x-y", "z'", "_", "-", "'", "''", ".", "..", "...", "+", "/", "//", ":", "/*", "*/",
            "#", "# c\n", " ", "  ", "\t", "\n", "\r", "\r\n", "~", "<", ">", "|>", "<|", "${", "$",
            "{", "}", "\"", "\\", "=", ";", "0", "1.5", "e3", "\u0000", "\u00ff", "@", "?", "!",
            ",", "(", ")", "[", "]", "http", "a.b/c", "==", "=>", "''\\", "${x}", "./a", "a/${b}",
            "~/", "<p>");
    return piece.list().ofMinSize(1).ofMaxSize(14).map(pieces -> String.join("", pieces));
  }
}
