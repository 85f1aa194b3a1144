package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.LineMap;
import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.DeepStack;
import dev.flakegen.nix.core.SymbolTable;
import dev.flakegen.nix.parse.grammar.NestingLimitException;
import dev.flakegen.nix.parse.grammar.NixLexer;
import dev.flakegen.nix.parse.grammar.NixParser;
import dev.flakegen.nix.parse.grammar.NixParserBase;
import dev.flakegen.nix.parse.grammar.NixToken;
import dev.flakegen.nix.parse.grammar.NonAssociativeChainException;
import java.nio.ByteBuffer;
import org.antlr.v4.runtime.CodePointBuffer;
import org.antlr.v4.runtime.CodePointCharStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses Nix sources with the project's grammar, accepting and rejecting exactly what the parser of
 * Nix 2.8 or 2.26 ({@link NixDialect}) does, with Nix's first error and position. Parsing runs in
 * SLL mode and falls back to full LL only when SLL fails.
 *
 * <p>The undefined-variable check, which Nix runs after parsing, is separate: {@link
 * dev.flakegen.nix.check.StaticChecks}.
 */
public final class SourceParser {

  private SourceParser() {}

  /**
   * Parses {@code source}.
   *
   * @throws NixErrorException with Nix's message and position when Nix's parser would fail
   */
  public static ParsedSource parse(NixSource source) {
    return parse(source, NixDialect.NIX_2_8);
  }

  /**
   * Parses {@code source} as {@code dialect}'s Nix does: what it accepts, its messages and
   * positions, and (through {@link ParsedSource#symbols()}) how its variable check and {@code
   * nix-instantiate --parse} see the result.
   *
   * @throws NixErrorException with Nix's message and position when Nix's parser would fail
   */
  public static ParsedSource parse(NixSource source, NixDialect dialect) {
    return DeepStack.call(() -> parseHere(source, dialect, true).toParsedSource());
  }

  /**
   * Parses {@code source} as {@link #parse(NixSource, NixDialect)} does, with the same errors at
   * the same positions, but builds only Nix's core form, not the AST: what {@code nix-instantiate
   * --parse} and the variable check need, for less work.
   *
   * @throws NixErrorException with Nix's message and position when Nix's parser would fail
   */
  public static ParsedCore parseCore(NixSource source, NixDialect dialect) {
    return DeepStack.call(() -> parseHere(source, dialect, false).toParsedCore());
  }

  /**
   * Parses with one prediction mode only, no fallback: for tests of the two-stage strategy and of
   * the grammar.
   */
  static ParsedSource parseWithOnly(NixSource source, PredictionMode mode) {
    return DeepStack.call(
        () -> {
          Stage stage = new Stage(source, NixDialect.NIX_2_8, true);
          stage.parser.getInterpreter().setPredictionMode(mode);
          return stage.parseOrThrow().toParsedSource();
        });
  }

  private static Result parseHere(NixSource source, NixDialect dialect, boolean withAst) {
    Stage stage = new Stage(source, dialect, withAst);
    stage.parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    try {
      return stage.run();
    } catch (ParseCancellationException
        | NixErrorException
        | NonAssociativeChainException
        | NestingLimitException e) {
      // SLL may fail where full LL succeeds; errors seen under SLL are confirmed under LL (a
      // stack that SLL found too deep too, as SLL may have followed another alternative), on
      // tokens lexed again (the stream keeps no tokens behind the parser).
    }
    Stage again = new Stage(source, dialect, withAst, stage.lines);
    again.parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    return again.parseOrThrow();
  }

  /** A lexer, token stream and parser over one source. */
  private static final class Stage {
    final NixSource source;
    final LineMap lines;
    final NixLexer lexer;
    final NixParser parser;
    final NixDialect dialect;
    final boolean withAst;

    Stage(NixSource source, NixDialect dialect, boolean withAst) {
      this(
          source,
          dialect,
          withAst,
          new LineMap(source.name(), source.bytes(), source.bytes().length));
    }

    Stage(NixSource source, NixDialect dialect, boolean withAst, LineMap lines) {
      this.source = source;
      this.dialect = dialect;
      this.withAst = withAst;
      this.lines = lines;
      byte[] bytes = source.bytes();
      CodePointCharStream chars =
          CodePointCharStream.fromBuffer(
              CodePointBuffer.withBytes(ByteBuffer.wrap(bytes)), source.name());
      lexer = new NixLexer(chars);
      lexer.setTokenFactory(NixToken.factory(bytes, lexer, chars));
      lexer.removeErrorListeners();
      lexer.setDialect(dialect);
      lexer.lexByHandFrom(bytes);
      // Every token is on the default channel (whitespace and comments are skipped), so no
      // channel filtering is needed. The stream lexes as the parser asks and keeps only the
      // tokens a prediction may still look back at: on a multi-megabyte file a buffer of all
      // tokens (tens of MB, alive until the end) is what made collectors copy it again and again.
      parser = new NixParser(new NixTokenStream(lexer));
      parser.removeErrorListeners();
      parser.setBuildParseTree(false);
      parser.setNixVersion(dialect.version());
      parser.setErrorHandler(new NixParserBase.StopAtFirstError());
    }

    /** Parses, throwing what Nix's parser reports when this stage's prediction mode fails. */
    Result parseOrThrow() {
      try {
        return run();
      } catch (ParseCancellationException e) {
        throwPendingError(parser);
        Token offending =
            e.getCause() instanceof RecognitionException recognition
                ? recognition.getOffendingToken()
                : parser.getCurrentToken();
        throw syntaxError(lexer, lines, offending, dialect.version());
      } catch (NonAssociativeChainException e) {
        throwPendingError(parser);
        throw syntaxError(lexer, lines, e.token(), dialect.version());
      } catch (NestingLimitException e) {
        throwPendingError(parser);
        throw memoryExhausted(lexer, lines, e.token());
      }
    }

    /** Parses; a failure of this stage's prediction mode surfaces as ANTLR's exceptions. */
    Result run() {
      SymbolTable symbols = new SymbolTable(dialect.version());
      parser.setBuilder(
          new AstBuilder(
              lines,
              new CoreBuilder(symbols, source.paths()),
              parser,
              new NameTable(source.bytes()),
              withAst));
      NixParser.FileContext file = parser.file();
      throwPendingError(parser);
      return new Result(source, file.ast, file.core, symbols, lines);
    }
  }

  /** What a parse built; {@code ast} is null when only the core form was built. */
  private record Result(
      NixSource source, Expr ast, CoreExpr core, SymbolTable symbols, LineMap lines) {
    ParsedSource toParsedSource() {
      return new ParsedSource(source, ast, core, symbols, lines);
    }

    ParsedCore toParsedCore() {
      return new ParsedCore(source, core, symbols, lines);
    }
  }

  /** A parse-time error Nix would have stopped at comes before anything found after it. */
  private static void throwPendingError(NixParser parser) {
    RuntimeException pending = parser.pendingError();
    if (pending != null) {
      throw pending;
    }
  }

  /** Nix's parser stack overflowed, at the token it read last. */
  private static NixErrorException memoryExhausted(NixLexer lexer, LineMap lines, Token token) {
    int offset = token.getStartIndex();
    if (token.getType() == NixLexer.PATH_END) {
      offset = lexer.pathEndReportOffset(offset);
    }
    return new NixErrorException(new NixError("memory exhausted", SourcePos.at(lines, offset)));
  }

  private static NixErrorException syntaxError(
      NixLexer lexer, LineMap lines, Token token, NixVersion version) {
    int offset = token.getStartIndex();
    String message;
    if (token.getType() == Token.EOF) {
      offset = lexer.endOfInputReportOffset();
      message = "syntax error, unexpected end of file";
    } else if (token.getType() == NixLexer.LEXER_ERROR) {
      message = lexer.errorAt(offset);
      offset = lexer.errorReportOffset(offset);
    } else {
      if (token.getType() == NixLexer.PATH_END) {
        offset = lexer.pathEndReportOffset(offset);
      }
      message = "syntax error, unexpected " + TokenNames.of(token.getType(), version);
    }
    return new NixErrorException(new NixError(message, SourcePos.at(lines, offset)));
  }
}
