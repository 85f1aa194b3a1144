package dev.flakegen.nix.parse;

import dev.flakegen.nix.parse.grammar.NixLexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The tokens of a source as the lexer sees them (white space and comments skipped), each with the
 * bytes it covers: for tools that need the text around a node the AST does not keep, such as a
 * formal's default as written. Only the brackets and the comma are told apart.
 */
public final class SourceTokens {

  /** What a token is, as far as bracket matching needs. */
  public enum Kind {
    /** {@code {} */
    LEFT_BRACE,
    /** <code>${</code>, an interpolation's start (closed by {@link #RIGHT_BRACE}). */
    DOLLAR_CURLY,
    /** {@code (} */
    LEFT_PAREN,
    /** {@code [} */
    LEFT_BRACKET,
    /** <code>}</code> */
    RIGHT_BRACE,
    /** {@code )} */
    RIGHT_PAREN,
    /** {@code ]} */
    RIGHT_BRACKET,
    /** {@code ,} */
    COMMA,
    /** Any other token. */
    OTHER
  }

  /**
   * One token.
   *
   * @param kind what it is
   * @param start its first byte's offset in the source
   * @param end the offset after its last byte
   */
  public record SourceToken(Kind kind, int start, int end) {}

  private SourceTokens() {}

  /** The tokens of {@code source}, in order; a source that does not lex ends where it fails. */
  public static List<SourceToken> of(NixSource source) {
    // The lexer works on bytes as ISO-8859-1 characters, so offsets are byte offsets.
    String latin1 = new String(source.bytes(), StandardCharsets.ISO_8859_1);
    NixLexer lexer = new NixLexer(CharStreams.fromString(latin1, source.name()));
    lexer.removeErrorListeners();
    List<SourceToken> tokens = new ArrayList<>();
    for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
      tokens.add(new SourceToken(kind(t.getType()), t.getStartIndex(), t.getStopIndex() + 1));
    }
    return List.copyOf(tokens);
  }

  private static Kind kind(int type) {
    return switch (type) {
      case NixLexer.LBRACE -> Kind.LEFT_BRACE;
      case NixLexer.DOLLAR_CURLY -> Kind.DOLLAR_CURLY;
      case NixLexer.LPAREN -> Kind.LEFT_PAREN;
      case NixLexer.LBRACKET -> Kind.LEFT_BRACKET;
      case NixLexer.RBRACE -> Kind.RIGHT_BRACE;
      case NixLexer.RPAREN -> Kind.RIGHT_PAREN;
      case NixLexer.RBRACKET -> Kind.RIGHT_BRACKET;
      case NixLexer.COMMA -> Kind.COMMA;
      default -> Kind.OTHER;
    };
  }
}
