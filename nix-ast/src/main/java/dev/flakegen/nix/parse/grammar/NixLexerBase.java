package dev.flakegen.nix.parse.grammar;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixVersion;
import java.math.BigDecimal;
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
 * <p>Error positions follow Nix's own location bookkeeping, including its quirks around paths.
 *
 * <p>Lexing never fails: an input Nix's lexer rejects becomes a {@code LEXER_ERROR} token that
 * carries Nix's message, and the parse fails when the parser reaches it, as Nix's does.
 */
public abstract class NixLexerBase extends Lexer {

  private final Map<Integer, String> errors = new HashMap<>();
  private final Map<Integer, Integer> pathEndReportOffsets = new HashMap<>();
  private final Map<Integer, Integer> errorReportOffsets = new HashMap<>();
  // Nix's scanner location (yylloc) and the one it saves before each lexeme (prev_yylloc), as
  // offsets: Nix restores the saved one when it ends a path, which shows in error positions.
  private int location;
  private int savedLocation;
  // Nix 2.26 reports an unexpected end of input at the end of its location, kept here likewise.
  private int endLocation;
  private int savedEndLocation;
  private NixDialect dialect = NixDialect.NIX_2_8;
  private byte[] handLexed;

  protected NixLexerBase(CharStream input) {
    super(input);
  }

  /** The message of the lexer error token starting at {@code offset}, if that token is one. */
  public String errorAt(int offset) {
    return errors.get(offset);
  }

  /** Lexes as {@code dialect}'s Nix does (default Nix 2.8); set before the first token. */
  public void setDialect(NixDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Lexes the most common lexemes of the default mode (spaces, line comments, names, most
   * punctuation) by hand from {@code bytes}, the input's bytes as its char stream has them (one
   * char each), rather than with ANTLR's automaton: the same tokens, in less time. Null (the
   * default) lexes everything with the automaton.
   */
  public void lexByHandFrom(byte[] bytes) {
    this.handLexed = bytes;
  }

  /** The offset Nix reports for a syntax error at the end of input. */
  public int endOfInputReportOffset() {
    return dialect.version().atLeast(NixVersion.NIX_2_26) ? endLocation : location;
  }

  /** Whether {@code |>} and {@code <|} are tokens (Nix 2.24 and newer). */
  protected boolean pipeTokens() {
    return dialect.version().atLeast(NixVersion.NIX_2_26);
  }

  /** A pipe operator read while its experimental feature is off: Nix's lexer refuses it. */
  protected void pipeOperator() {
    if (!dialect.pipeOperators()) {
      lexerError(
          "experimental Nix feature 'pipe-operators' is disabled; add "
              + "'--extra-experimental-features pipe-operators' to enable it");
    }
  }

  /**
   * A lone {@code $} or backslash in a string: at the end of input Nix 2.26's lexer returns end of
   * input (2.8 a string piece the parser then refuses).
   */
  protected void loneInString() {
    if (_input.LA(1) == CharStream.EOF && dialect.version().atLeast(NixVersion.NIX_2_26)) {
      lexeme(_tokenStartCharIndex);
      setType(Token.EOF);
      _hitEOF = true;
    } else {
      setType(NixLexer.STR);
    }
  }

  /** Nix 2.26 refuses a string piece with a NUL byte (2.8 ends the string there). */
  protected void stringText() {
    if (dialect.version().atLeast(NixVersion.NIX_2_26)) {
      String text = getText();
      if (hasUnescapedNul(text)) {
        nulInString(unescape(text));
      }
    }
  }

  /** A NUL written as is (an escaped one, backslash NUL, is accepted and kept). */
  private static boolean hasUnescapedNul(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == 0) {
        return true;
      }
    }
    return false;
  }

  /** As {@link #stringText()}, for a piece of an indented string. */
  protected void indentedText() {
    if (dialect.version().atLeast(NixVersion.NIX_2_26)) {
      String text = getText();
      if (!text.startsWith("''\\") && text.indexOf('\0') >= 0) {
        nulInString(text);
      }
    }
  }

  private void nulInString(String value) {
    lexerError(
        "input string '"
            + value.replace('\0', '\u2400')
            + "' cannot be represented as Nix string because it contains null bytes");
  }

  /** A string piece's escapes, as in Nix: \n, \r, \t, and any other byte for itself. */
  private static String unescape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next == 't' ? '\t' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The offset Nix reports for an unexpected {@code PATH_END} starting at {@code offset}: it has no
   * text of its own, and Nix gives it a location it restored.
   */
  public int pathEndReportOffset(int offset) {
    return pathEndReportOffsets.getOrDefault(offset, offset);
  }

  /** The offset Nix reports for the lexer error starting at {@code offset}. */
  public int errorReportOffset(int offset) {
    return errorReportOffsets.getOrDefault(offset, offset);
  }

  @Override
  public int popMode() {
    return _modeStack.isEmpty() ? _mode : super.popMode();
  }

  @Override
  public Token nextToken() {
    byte[] bytes = handLexed;
    if (bytes != null && _mode == DEFAULT_MODE && !_hitEOF) {
      skipSpaceAndLineComments(bytes);
      Token common = _hitEOF ? null : commonToken(bytes);
      if (common != null) {
        return common;
      }
    }
    if (_input.LA(1) == CharStream.EOF
        && (_mode == NixLexer.IN_PATH || _mode == NixLexer.IN_PATH_SLASH)) {
      _token = null;
      _tokenStartCharIndex = _input.index();
      _tokenStartLine = getInterpreter().getLine();
      _tokenStartCharPositionInLine = getInterpreter().getCharPositionInLine();
      _text = null;
      _channel = DEFAULT_TOKEN_CHANNEL;
      boolean slash = _mode == NixLexer.IN_PATH_SLASH;
      popMode();
      if (!slash) {
        // The path ends at the end of input: Nix restores its saved location.
        _type = NixLexer.PATH_END;
        location = savedLocation;
        endLocation = savedEndLocation;
        pathEndReportOffsets.put(_tokenStartCharIndex, location);
      } else {
        _type = NixLexer.LEXER_ERROR;
        errors.put(_tokenStartCharIndex, "path has a trailing slash");
        errorReportOffsets.put(_tokenStartCharIndex, location);
      }
      return super.emit();
    }
    return super.nextToken();
  }

  /**
   * Skips what the grammar's WHITESPACE and LINE_COMMENT rules skip, each run one lexeme as there,
   * without ANTLR's automaton: about half of a file's lexemes, and no other rule of the default
   * mode starts with these characters. As after a skipped token, input that ends here ends with the
   * next call.
   */
  private void skipSpaceAndLineComments(byte[] bytes) {
    int at = _input.index();
    int end = bytes.length;
    boolean skipped = false;
    while (at < end) {
      int start = at;
      byte c = bytes[at];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        do {
          at++;
        } while (at < end && ((c = bytes[at]) == ' ' || c == '\t' || c == '\r' || c == '\n'));
      } else if (c == '#') {
        do {
          at++;
        } while (at < end && (c = bytes[at]) != '\n' && c != '\r');
      } else {
        return;
      }
      _input.seek(at);
      lexeme(start);
      skipped = true;
    }
    if (skipped) {
      _hitEOF = true;
    }
  }

  /**
   * The next token when it is one that no other rule could extend, lexed without ANTLR's automaton,
   * else null. Names: the run of identifier characters followed by none of {@code . + / :}, which
   * could make it the start of a path, a URI or a longer rule (on equal length a keyword's rule
   * comes first, as in ANTLR). Punctuation that starts no longer token: {@code ( ) [ ] ; , @ ? :},
   * {@code =} not before {@code =}, and the braces and quote with their mode changes.
   */
  private Token commonToken(byte[] bytes) {
    int start = _input.index();
    if (start >= bytes.length) {
      return null;
    }
    int c = bytes[start];
    int length = 1;
    int type;
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_') {
      int end = start + 1;
      while (end < bytes.length && isIdentifierPart(c = bytes[end])) {
        end++;
      }
      if (end < bytes.length && (c == '.' || c == '+' || c == '/' || c == ':')) {
        return null;
      }
      length = end - start;
      type = keyword(bytes, start, length);
    } else {
      switch (c) {
        case '(' -> type = NixLexer.LPAREN;
        case ')' -> type = NixLexer.RPAREN;
        case '[' -> type = NixLexer.LBRACKET;
        case ']' -> type = NixLexer.RBRACKET;
        case ';' -> type = NixLexer.SEMICOLON;
        case ',' -> type = NixLexer.COMMA;
        case '@' -> type = NixLexer.AT;
        case '?' -> type = NixLexer.QUESTION;
        case ':' -> type = NixLexer.COLON;
        case '=' -> {
          if (start + 1 < bytes.length && bytes[start + 1] == '=') {
            return null;
          }
          type = NixLexer.ASSIGN;
        }
        case '{' -> {
          type = NixLexer.LBRACE;
          pushMode(DEFAULT_MODE);
        }
        case '}' -> {
          type = NixLexer.RBRACE;
          popMode();
        }
        case '"' -> {
          type = NixLexer.DQUOTE;
          pushMode(NixLexer.STRING);
        }
        default -> {
          return null;
        }
      }
    }
    _input.seek(start + length);
    _token = null;
    _channel = DEFAULT_TOKEN_CHANNEL;
    _tokenStartCharIndex = start;
    _text = null;
    _type = type;
    Token token = emit();
    if (start + length == bytes.length) {
      _hitEOF = true;
    }
    return token;
  }

  private static boolean isIdentifierPart(int c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '_'
        || c == '\''
        || c == '-';
  }

  /** The keyword token type of the name at {@code start}, else {@code ID}. */
  private static int keyword(byte[] bytes, int start, int length) {
    return switch (length) {
      case 2 ->
          is(bytes, start, "if")
              ? NixLexer.IF
              : is(bytes, start, "in")
                  ? NixLexer.IN
                  : is(bytes, start, "or") ? NixLexer.OR_KW : NixLexer.ID;
      case 3 ->
          is(bytes, start, "let")
              ? NixLexer.LET
              : is(bytes, start, "rec") ? NixLexer.REC : NixLexer.ID;
      case 4 ->
          is(bytes, start, "then")
              ? NixLexer.THEN
              : is(bytes, start, "else")
                  ? NixLexer.ELSE
                  : is(bytes, start, "with") ? NixLexer.WITH : NixLexer.ID;
      case 6 -> is(bytes, start, "assert") ? NixLexer.ASSERT : NixLexer.ID;
      case 7 -> is(bytes, start, "inherit") ? NixLexer.INHERIT : NixLexer.ID;
      default -> NixLexer.ID;
    };
  }

  private static boolean is(byte[] bytes, int start, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (bytes[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Token emit() {
    if (_type != NixLexer.PATH_END) {
      lexeme(_tokenStartCharIndex);
    }
    return super.emit();
  }

  @Override
  public void skip() {
    lexeme(_tokenStartCharIndex);
    super.skip();
  }

  private void lexeme(int start) {
    savedLocation = location;
    location = start;
    savedEndLocation = endLocation;
    endLocation = _input.index();
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
    if (digits.length() > 19
        || digits.length() == 19 && digits.compareTo("9223372036854775807") > 0) {
      lexerError("invalid integer '" + text + "'");
    }
  }

  /**
   * Nix reads floats with glibc's strtod and rejects what is out of range: infinite after rounding,
   * or, below the smallest normal double, anything whose value rounded to 53 bits (with no exponent
   * limit) is still below it.
   */
  protected void checkFloat() {
    String text = getText();
    double value = Double.parseDouble(text);
    if (Double.isInfinite(value) || value <= Double.MIN_NORMAL && underflows(text, value)) {
      lexerError("invalid float '" + text + "'");
    }
  }

  private static boolean underflows(String text, double value) {
    if (value == 0) {
      return text.chars().takeWhile(c -> c != 'e' && c != 'E').anyMatch(c -> c >= '1' && c <= '9');
    }
    try {
      return new BigDecimal(text).compareTo(Underflow.SMALLEST_WITHOUT_UNDERFLOW) < 0;
    } catch (NumberFormatException e) {
      return value < Double.MIN_NORMAL;
    }
  }

  /** Made when first needed: computing it took a cold JVM 6 ms, on every parse's start-up. */
  private static final class Underflow {
    /**
     * 2^-1022 (1 - 2^-54): the midpoint below the smallest normal double, which rounds up to it.
     */
    static final BigDecimal SMALLEST_WITHOUT_UNDERFLOW =
        new BigDecimal(Double.MIN_NORMAL)
            .multiply(
                BigDecimal.ONE.subtract(BigDecimal.ONE.divide(BigDecimal.valueOf(2).pow(54))));
  }

  /**
   * A first path segment was matched together with the {@code ${} after it: give the {@code ${}
   * back and continue as a path of the given type that ends in a slash.
   */
  protected void pathBeforeInterpolation(int type) {
    rewind(2);
    setType(type);
    pushMode(NixLexer.IN_PATH_SLASH);
  }

  protected void enterPath() {
    pushMode(endsWithSlash() ? NixLexer.IN_PATH_SLASH : NixLexer.IN_PATH);
  }

  protected void interpolationInPath() {
    mode(NixLexer.IN_PATH);
    pushMode(DEFAULT_MODE);
  }

  protected void textInPath() {
    mode(endsWithSlash() ? NixLexer.IN_PATH_SLASH : NixLexer.IN_PATH);
  }

  /**
   * Any other character ends the path: a zero-width PATH_END, and the character is read again. Nix
   * scanned the character, then restores its location: as before it, and saved as before it.
   */
  protected void endOfPath() {
    rewind(1);
    setType(NixLexer.PATH_END);
    savedLocation = location;
    pathEndReportOffsets.put(_tokenStartCharIndex, location);
    popMode();
  }

  protected void trailingSlash() {
    lexerError("path has a trailing slash");
  }

  /** NUL outside strings and comments ends the input, reported at the NUL. */
  protected void endOfInputAtNul() {
    lexeme(_tokenStartCharIndex);
    setType(Token.EOF);
    _hitEOF = true;
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
