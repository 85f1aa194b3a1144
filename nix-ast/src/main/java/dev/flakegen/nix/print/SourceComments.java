package dev.flakegen.nix.print;

import dev.flakegen.nix.ast.LineMap;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.grammar.NixLexer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The comments of a Nix source, found with the project's own lexer (which skips them), so that
 * what counts as a comment is exactly what the parser ignored: {@code #} and {@code /* *}{@code /}
 * outside strings. The AST has no comments; the formatter uses this to refuse files it would
 * strip, and to keep a leading header of {@code #} lines.
 */
public final class SourceComments {

  private SourceComments() {}

  /** A {@code #} line comment or a block comment. */
  public enum Kind { LINE, BLOCK }

  /**
   * One comment: its text as written (from {@code #} or {@code /*}, without the line break that
   * ends a line comment), where it starts, and whether only whitespace precedes it since the
   * last line break.
   */
  public record Comment(Kind kind, String text, SourcePos pos, boolean startsLine) {}

  /** What the lexer finds in {@code source}: its comments, and the offset of the first token. */
  public record Scan(List<Comment> comments, int firstTokenOffset) {

    /**
     * The source's comments as a header for {@link ReadablePrinter#print(dev.flakegen.nix.ast.Expr,
     * List)}: present when every comment is a {@code #} line comment on a line of its own before
     * the first token (each becomes one header line, without the {@code #} and one following
     * space, trailing spaces dropped); empty if any other comment would be lost.
     */
    public Optional<List<String>> header() {
      List<String> lines = new ArrayList<>();
      for (Comment comment : comments) {
        if (comment.kind() != Kind.LINE || !comment.startsLine()
            || comment.pos().offset() > firstTokenOffset) {
          return Optional.empty();
        }
        String text = comment.text().substring(1);
        lines.add((text.startsWith(" ") ? text.substring(1) : text).stripTrailing());
      }
      return Optional.of(List.copyOf(lines));
    }

    /** The first comment that {@link #header()} cannot keep, if any. */
    public Optional<Comment> firstUnsupported() {
      for (Comment comment : comments) {
        if (comment.kind() != Kind.LINE || !comment.startsLine()
            || comment.pos().offset() > firstTokenOffset) {
          return Optional.of(comment);
        }
      }
      return Optional.empty();
    }
  }

  /** Scans {@code source} with the Nix lexer. */
  public static Scan scan(NixSource source) {
    byte[] bytes = source.bytes();
    LineMap lines = new LineMap(source.name(), bytes, bytes.length);
    String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
    List<Comment> comments = new ArrayList<>();
    CommentRecordingLexer lexer = new CommentRecordingLexer(
        CharStreams.fromString(latin1, source.name()), latin1, lines, comments);
    lexer.removeErrorListeners();
    Token first = lexer.nextToken();
    int firstOffset = first.getType() == Token.EOF ? Integer.MAX_VALUE : first.getStartIndex();
    for (Token t = first; t.getType() != Token.EOF; t = lexer.nextToken()) {
      // Lexing the whole input reaches every comment.
    }
    return new Scan(List.copyOf(comments), firstOffset);
  }

  /** The lexer, noting each comment it skips. */
  private static final class CommentRecordingLexer extends NixLexer {
    private final String source;
    private final LineMap lines;
    private final List<Comment> comments;

    CommentRecordingLexer(CharStream input, String source, LineMap lines,
        List<Comment> comments) {
      super(input);
      this.source = source;
      this.lines = lines;
      this.comments = comments;
    }

    @Override
    public void skip() {
      String text = getText();
      if (text.startsWith("#") || text.startsWith("/*")) {
        int start = _tokenStartCharIndex;
        int i = start - 1;
        while (i >= 0 && (source.charAt(i) == ' ' || source.charAt(i) == '\t')) {
          i--;
        }
        boolean startsLine = i < 0 || source.charAt(i) == '\n' || source.charAt(i) == '\r';
        comments.add(new Comment(text.startsWith("#") ? Kind.LINE : Kind.BLOCK,
            RawUtf8.decodeLatin1(text), SourcePos.at(lines, start), startsLine));
      }
      super.skip();
    }
  }
}
