package dev.flakegen.nix.parse.grammar;

import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;
import org.antlr.v4.runtime.Token;

/**
 * What the Nix lexer needs beyond ANTLR's rules: Nix's mode stack behaviour ('}' at the outermost
 * level pops nothing), the path modes with their zero-width {@code PATH_END}, the checks on
 * numbers, and the positions Nix reports for errors at the end of input and at {@code PATH_END}.
 *
 * <p>A NUL byte ends the input outside strings and comments, and is an ordinary byte inside them
 * (as in Nix, whose scanner hands it to the parser as end of input only there).
 *
 * <p>Lexing never fails: an input Nix's lexer rejects becomes a {@code LEXER_ERROR} token that
 * carries Nix's message, and the parse fails when the parser reaches it, as Nix's does.
 */
public abstract class NixLexerBase extends Lexer {

  private final Map<Integer, String> errors = new HashMap<>();
  private int lastLexemeStart;
  private int currentPathStart;
  private final Map<Integer, Integer> pathEndReportOffsets = new HashMap<>();

  protected NixLexerBase(CharStream input) {
    super(input);
  }

  /** The message of the lexer error token starting at {@code offset}, if that token is one. */
  public String errorAt(int offset) {
    return errors.get(offset);
  }

  /** The offset Nix reports for a syntax error at the end of input: its last lexeme's start. */
  public int endOfInputReportOffset() {
    return lastLexemeStart;
  }

  /** The offset Nix reports for an unexpected {@code PATH_END} token starting at {@code offset}. */
  public int pathEndReportOffset(int offset) {
    return pathEndReportOffsets.getOrDefault(offset, offset);
  }

  @Override
  public int popMode() {
    return _modeStack.isEmpty() ? _mode : super.popMode();
  }

  @Override
  public Token nextToken() {
    if (_mode == DEFAULT_MODE && _input.LA(1) == 0) {
      // Outside strings and comments Nix's scanner returns a NUL byte as token 0, which the
      // parser takes for the end of the input.
      lastLexemeStart = _input.index();
      _hitEOF = true;
      return emitEOF();
    }
    if (_input.LA(1) == CharStream.EOF
        && (_mode == NixLexer.IN_PATH || _mode == NixLexer.IN_PATH_SLASH)) {
      _token = null;
      _tokenStartCharIndex = _input.index();
      _tokenStartLine = getInterpreter().getLine();
      _tokenStartCharPositionInLine = getInterpreter().getCharPositionInLine();
      _text = null;
      _channel = DEFAULT_TOKEN_CHANNEL;
      if (_mode == NixLexer.IN_PATH) {
        popMode();
        _type = NixLexer.PATH_END;
        pathEndReportOffsets.put(_tokenStartCharIndex, currentPathStart);
      } else {
        popMode();
        _type = NixLexer.LEXER_ERROR;
        errors.put(_tokenStartCharIndex, "path has a trailing slash");
        pathEndReportOffsets.put(_tokenStartCharIndex, lastLexemeStart);
      }
      return emit();
    }
    return super.nextToken();
  }

  @Override
  public Token emit() {
    if (_type != NixLexer.PATH_END) {
      lastLexemeStart = _tokenStartCharIndex;
    }
    return super.emit();
  }

  @Override
  public void skip() {
    lastLexemeStart = _tokenStartCharIndex;
    super.skip();
  }

  /** Nix's integers are signed 64 bit. */
  protected void checkInteger() {
    if (_input.index() - _tokenStartCharIndex < 19) {
      return;
    }
    String text = getText();
    int i = 0;
    while (i < text.length() - 1 && text.charAt(i) == '0') {
      i++;
    }
    String digits = text.substring(i);
    if (digits.length() > 19 || digits.length() == 19 && digits.compareTo("9223372036854775807") > 0) {
      lexerError("invalid integer '" + text + "'");
    }
  }

  /** Nix reads floats with strtod and rejects what overflows or underflows (ERANGE). */
  protected void checkFloat() {
    String text = getText();
    double value = Double.parseDouble(text);
    boolean nonZeroDigit = false;
    for (int i = 0; i < text.length() && !nonZeroDigit; i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        break;
      }
      nonZeroDigit = c >= '1' && c <= '9';
    }
    if (Double.isInfinite(value) || value < Double.MIN_NORMAL && nonZeroDigit) {
      lexerError("invalid float '" + text + "'");
    }
  }

  /**
   * A first path segment was matched together with the {@code ${} after it: give the {@code ${}
   * back and continue as a path of the given type that ends in a slash.
   */
  protected void pathBeforeInterpolation(int type) {
    rewind(2);
    setType(type);
    currentPathStart = _tokenStartCharIndex;
    pushMode(NixLexer.IN_PATH_SLASH);
  }

  protected void enterPath() {
    currentPathStart = _tokenStartCharIndex;
    pushMode(endsWithSlash() ? NixLexer.IN_PATH_SLASH : NixLexer.IN_PATH);
  }

  protected void interpolationInPath() {
    mode(NixLexer.IN_PATH);
    pushMode(DEFAULT_MODE);
  }

  protected void textInPath() {
    mode(endsWithSlash() ? NixLexer.IN_PATH_SLASH : NixLexer.IN_PATH);
  }

  /** Any other character ends the path: a zero-width PATH_END, and the character is read again. */
  protected void endOfPath() {
    rewind(1);
    setType(NixLexer.PATH_END);
    pathEndReportOffsets.put(_tokenStartCharIndex, lastLexemeStart);
    popMode();
  }

  protected void trailingSlash() {
    lexerError("path has a trailing slash");
  }

  /** Nix's string rule with trailing context: a run followed by {@code $"} takes the {@code $}. */
  protected void takeDollarBeforeClosingQuote() {
    if (_input.LA(1) == '$' && _input.LA(2) == '"') {
      getInterpreter().consume(_input);
    }
  }

  private void lexerError(String message) {
    setType(NixLexer.LEXER_ERROR);
    errors.put(_tokenStartCharIndex, message);
  }

  private boolean endsWithSlash() {
    return _input.LA(-1) == '/';
  }

  private void rewind(int characters) {
    _input.seek(_input.index() - characters);
    getInterpreter().setCharPositionInLine(getInterpreter().getCharPositionInLine() - characters);
  }
}
