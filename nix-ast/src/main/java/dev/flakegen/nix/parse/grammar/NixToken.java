package dev.flakegen.nix.parse.grammar;

import java.nio.charset.StandardCharsets;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.misc.Pair;

/**
 * A lean token over the source's bytes: type, offsets and index, its text made on demand. (ANTLR's
 * CommonToken carries lines, columns and a text field that flakegen never uses, for every one of
 * the million tokens of a large corpus.)
 */
public final class NixToken implements WritableToken {

  private final Source source;
  private int type;
  private int channel;
  private int index = -1;
  private final int start;
  private final int stop;

  private NixToken(Source source, int type, int channel, int start, int stop) {
    this.source = source;
    this.type = type;
    this.channel = channel;
    this.start = start;
    this.stop = stop;
  }

  /** Makes the tokens of one lexer over {@code bytes}. */
  public static TokenFactory<NixToken> factory(byte[] bytes, TokenSource lexer, CharStream input) {
    Source source = new Source(bytes, lexer, input);
    return new TokenFactory<>() {
      @Override
      public NixToken create(Pair<TokenSource, CharStream> pair, int type, String text,
          int channel, int start, int stop, int line, int charPositionInLine) {
        return new NixToken(source, type, channel, start, stop);
      }

      @Override
      public NixToken create(int type, String text) {
        return new NixToken(source, type, DEFAULT_CHANNEL, -1, -2);
      }
    };
  }

  private record Source(byte[] bytes, TokenSource lexer, CharStream input) {}

  @Override
  public String getText() {
    int length = stop - start + 1;
    return length <= 0 ? (type == EOF ? "<EOF>" : "")
        : new String(source.bytes, start, Math.min(length, source.bytes.length - start),
            StandardCharsets.ISO_8859_1);
  }

  @Override
  public int getType() {
    return type;
  }

  @Override
  public int getLine() {
    return 0;
  }

  @Override
  public int getCharPositionInLine() {
    return -1;
  }

  @Override
  public int getChannel() {
    return channel;
  }

  @Override
  public int getTokenIndex() {
    return index;
  }

  @Override
  public int getStartIndex() {
    return start;
  }

  @Override
  public int getStopIndex() {
    return stop;
  }

  @Override
  public TokenSource getTokenSource() {
    return source.lexer;
  }

  @Override
  public CharStream getInputStream() {
    return source.input;
  }

  @Override
  public void setText(String text) {
    throw new UnsupportedOperationException("token texts are the source's bytes");
  }

  @Override
  public void setType(int type) {
    this.type = type;
  }

  @Override
  public void setLine(int line) {}

  @Override
  public void setCharPositionInLine(int pos) {}

  @Override
  public void setChannel(int channel) {
    this.channel = channel;
  }

  @Override
  public void setTokenIndex(int index) {
    this.index = index;
  }

  @Override
  public String toString() {
    return "[@" + index + "," + start + ":" + stop + "='" + getText() + "',<" + type + ">]";
  }
}
