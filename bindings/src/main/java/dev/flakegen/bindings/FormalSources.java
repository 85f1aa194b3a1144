package dev.flakegen.bindings;

import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceTokens;
import dev.flakegen.nix.parse.SourceTokens.Kind;
import dev.flakegen.nix.parse.SourceTokens.SourceToken;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.nix.print.SourceComments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the AST does not keep about a formal: the text of its default as written, and the comments
 * that document it. It works on the file's tokens ({@link SourceTokens}, which skip comments) and
 * its comments ({@link SourceComments}), by byte offset.
 *
 * <p>A formal's doc comment is the run of comments just above it, each on a line of its own with
 * no blank line in between or before the formal, followed by a comment after it on its line
 * (after its comma, before the next formal or the pattern's closing brace).
 */
final class FormalSources {

  private final String latin1;
  private final List<SourceToken> tokens;
  private final List<SourceComments.Comment> comments;

  private FormalSources(String latin1, List<SourceToken> tokens,
      List<SourceComments.Comment> comments) {
    this.latin1 = latin1;
    this.tokens = tokens;
    this.comments = comments;
  }

  /** Lexes {@code source} (which must have parsed). */
  static FormalSources of(NixSource source) {
    String latin1 = new String(source.bytes(), StandardCharsets.ISO_8859_1);
    return new FormalSources(latin1, SourceTokens.of(source),
        SourceComments.scan(source).comments());
  }

  /** The formal with its default's text and its doc comment. */
  NixFormal describe(Formal formal) {
    int offset = formal.pos().offset();
    int name = tokenAt(offset);
    if (name < 0) {
      // Not found in the tokens (should not happen for parsed formals): no comments, printed default.
      return new NixFormal(formal.name(), formal.fallback(),
          formal.fallback().map(ReadablePrinter::print), Optional.empty());
    }
    int last = name;
    Optional<String> defaultText = Optional.empty();
    if (formal.fallback().isPresent()) {
      int first = name + 2; // name ? default
      int depth = 0;
      int i = first;
      for (; i < tokens.size(); i++) {
        Kind kind = tokens.get(i).kind();
        if (depth == 0 && (kind == Kind.COMMA || kind == Kind.RIGHT_BRACE)) {
          break;
        }
        if (kind == Kind.LEFT_BRACE || kind == Kind.DOLLAR_CURLY
            || kind == Kind.LEFT_PAREN || kind == Kind.LEFT_BRACKET) {
          depth++;
        } else if (kind == Kind.RIGHT_BRACE || kind == Kind.RIGHT_PAREN
            || kind == Kind.RIGHT_BRACKET) {
          depth--;
        }
      }
      last = i - 1;
      defaultText = Optional.of(text(tokens.get(first).start(), tokens.get(last).end()));
    }
    int end = tokens.get(last).end();
    List<String> doc = new ArrayList<>(leading(offset));
    trailing(end, last + 1).ifPresent(doc::add);
    return new NixFormal(formal.name(), formal.fallback(), defaultText,
        doc.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", doc)));
  }

  /** The comments above the formal starting at {@code offset}, cleaned, in order. */
  private List<String> leading(int offset) {
    List<String> found = new ArrayList<>();
    int next = offset;
    for (int c = comments.size() - 1; c >= 0; c--) {
      SourceComments.Comment comment = comments.get(c);
      int start = comment.pos().offset();
      if (start >= next) {
        continue;
      }
      int end = end(comment);
      if (!comment.startsLine() || !gapIsOneLineBreak(end, next)) {
        break;
      }
      found.add(0, clean(comment));
      next = start;
    }
    return found;
  }

  /**
   * The comment after a formal ending at {@code end}, on the same line, before any token but the
   * formal's own comma ({@code following} is the index of the token after the formal).
   */
  private Optional<String> trailing(int end, int following) {
    int limit = latin1.length();
    if (following < tokens.size()) {
      SourceToken next = tokens.get(following);
      if (next.kind() == Kind.COMMA) {
        limit = following + 1 < tokens.size() ? tokens.get(following + 1).start() : limit;
      } else {
        limit = next.start();
      }
    }
    for (SourceComments.Comment comment : comments) {
      int start = comment.pos().offset();
      if (start >= end && start < limit) {
        String between = latin1.substring(end, start);
        if (between.indexOf('\n') < 0 && between.indexOf('\r') < 0) {
          return Optional.of(clean(comment));
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private boolean gapIsOneLineBreak(int from, int to) {
    int breaks = 0;
    for (int i = from; i < to; i++) {
      char c = latin1.charAt(i);
      if (c == '\n') {
        breaks++;
      } else if (c == '\r') {
        breaks++;
        if (i + 1 < to && latin1.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return breaks == 1;
  }

  private int end(SourceComments.Comment comment) {
    int start = comment.pos().offset();
    if (comment.kind() == SourceComments.Kind.BLOCK) {
      return latin1.indexOf("*/", start + 2) + 2;
    }
    int i = start;
    while (i < latin1.length() && latin1.charAt(i) != '\n' && latin1.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** The comment's text without its markers: {@code # x} → {@code x}; block lines unstarred. */
  static String clean(SourceComments.Comment comment) {
    String text = comment.text();
    if (comment.kind() == SourceComments.Kind.LINE) {
      String body = text.substring(1);
      return (body.startsWith(" ") ? body.substring(1) : body).stripTrailing();
    }
    String body = text.substring(2, text.length() - 2);
    while (body.startsWith("*")) {
      body = body.substring(1);
    }
    List<String> lines = new ArrayList<>();
    for (String line : body.split("\r\n|\r|\n", -1)) {
      String stripped = line.stripLeading();
      if (stripped.startsWith("*")) {
        stripped = stripped.substring(1);
        stripped = stripped.startsWith(" ") ? stripped.substring(1) : stripped;
      }
      lines.add(stripped.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return String.join("\n", lines);
  }

  private String text(int start, int end) {
    return RawUtf8.decodeLatin1(latin1.substring(start, end));
  }

  private int tokenAt(int offset) {
    int low = 0;
    int high = tokens.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int start = tokens.get(mid).start();
      if (start < offset) {
        low = mid + 1;
      } else if (start > offset) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
