package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.core.DeepStack;
import dev.flakegen.nix.parse.grammar.NixLexer;
import dev.flakegen.nix.parse.grammar.NixParser;
import dev.flakegen.nix.parse.grammar.NixParserBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DiagnosticErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.dfa.DFA;
import org.junit.jupiter.api.Test;

/**
 * The grammar is unambiguous on every corpus snippet: parsed with exact ambiguity detection, ANTLR
 * reports no ambiguity. (Context sensitivities, where SLL needs full LL, are allowed.)
 */
class GrammarDiagnosticsTest {

  @Test
  void noAmbiguityOnTheCorpus() throws IOException {
    List<String> reports = new ArrayList<>();
    for (Path file : DifferentialCorpusTest.snippets()) {
      NixLexer lexer = new NixLexer(CharStreams.fromString(
          new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)));
      lexer.removeErrorListeners();
      NixParser parser = new NixParser(new CommonTokenStream(lexer));
      parser.removeErrorListeners();
      parser.setErrorHandler(new NixParserBase.StopAtFirstError());
      parser.getInterpreter().setPredictionMode(PredictionMode.LL_EXACT_AMBIG_DETECTION);
      parser.addErrorListener(new DiagnosticErrorListener(true) {
        @Override
        public void reportAmbiguity(Parser recognizer, DFA dfa, int startIndex, int stopIndex,
            boolean exact, BitSet ambigAlts, ATNConfigSet configs) {
          reports.add(file + ": " + getDecisionDescription(recognizer, dfa) + " alts " + ambigAlts
              + " at \"" + recognizer.getTokenStream().getText(
                  org.antlr.v4.runtime.misc.Interval.of(startIndex, stopIndex)) + "\"");
        }

        @Override
        public void reportAttemptingFullContext(Parser recognizer, DFA dfa, int startIndex,
            int stopIndex, BitSet conflictingAlts, ATNConfigSet configs) {}

        @Override
        public void reportContextSensitivity(Parser recognizer, DFA dfa, int startIndex,
            int stopIndex, int prediction, ATNConfigSet configs) {}
      });
      try {
        DeepStack.onLargeStack(parser::file);
      } catch (RuntimeException rejected) {
        // Syntax errors are the differential test's business.
      }
    }
    assertThat(reports).isEmpty();
  }
}
