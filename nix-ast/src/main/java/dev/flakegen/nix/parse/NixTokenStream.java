package dev.flakegen.nix.parse;

import dev.flakegen.nix.parse.grammar.NixToken;
import java.util.Arrays;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.UnbufferedTokenStream;

/**
 * ANTLR's unbuffered token stream, without its two interface type checks per token: ANTLR tests
 * each token for {@code WritableToken} and stores it in a {@code Token[]}, and on JVMs before 23 a
 * class implementing two interfaces remembers one of them only (its secondary-super cache), so each
 * token took two slow subtype checks, the two parsing threads writing the same cache line. Here the
 * buffer is a {@code NixToken[]} and the token's class is checked exactly.
 */
final class NixTokenStream extends UnbufferedTokenStream<NixToken> {

  NixTokenStream(TokenSource source) {
    super(source);
    // The constructor has read the first token already, into a Token[].
    tokens = Arrays.copyOf(tokens, tokens.length, NixToken[].class);
  }

  @Override
  protected void add(Token t) {
    NixToken token = (NixToken) t;
    if (n >= tokens.length) {
      tokens = Arrays.copyOf(tokens, tokens.length * 2, NixToken[].class);
    }
    token.setTokenIndex(getBufferStartIndex() + n);
    tokens[n++] = token;
  }
}
