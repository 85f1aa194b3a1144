package dev.flakegen.nix.print.layout;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A document for the {@link LayoutWriter}: text and the places where lines may break, after
 * Wadler's "prettier printer" and nixfmt's {@code Predoc}. Documents are immutable trees built with
 * the factories in {@link Docs}; each node knows whether it certainly spans several lines
 * ({@link #multiline()}), so that builders can decide to expand a group without measuring.
 *
 * <p>No document contains a newline character except through {@link Line} and {@link RawNewline},
 * so that the writer owns all layout whitespace.
 */
public sealed interface Doc
    permits Doc.Text, Doc.Line, Doc.RawNewline, Doc.Nest, Doc.Group, Doc.Concat, Doc.IfBreak,
        Doc.Tail, Doc.Deferred {

  /** Whether this document prints on more than one line whatever the groups decide. */
  boolean multiline();

  /** Whether this document has a place where a line may break. */
  default boolean breakable() {
    return multiline();
  }

  /**
   * Text without line breaks. {@code verbatim} text is content (of a string), which the writer
   * never trims; other text is layout and trailing spaces of a line are dropped.
   */
  record Text(String text, boolean verbatim) implements Doc {
    public Text {
      if (text.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("Doc.Text must not contain a line feed: " + text);
      }
    }

    @Override
    public boolean multiline() {
      return false;
    }
  }

  /** How a {@link Line} prints when its group is flat. */
  enum LineKind {
    /** A space, or a line break. */
    LINE,
    /** Nothing, or a line break. */
    SOFT,
    /** Always a line break. */
    HARD
  }

  /** A possible line break; the writer indents the next line lazily (blank lines stay empty). */
  record Line(LineKind kind) implements Doc {
    @Override
    public boolean multiline() {
      return kind == LineKind.HARD;
    }

    @Override
    public boolean breakable() {
      return true;
    }
  }

  /**
   * A line feed inside string content: no trimming before it and no indentation after it (the
   * content carries its own).
   */
  record RawNewline() implements Doc {
    @Override
    public boolean multiline() {
      return true;
    }
  }

  /** Lines that break inside {@code doc} are indented one level deeper. */
  record Nest(Doc doc) implements Doc {
    @Override
    public boolean multiline() {
      return doc.multiline();
    }

    @Override
    public boolean breakable() {
      return doc.breakable();
    }
  }

  /**
   * Printed flat (every {@link LineKind#LINE} a space) if it fits in the rest of the line, else
   * broken (every line of the group, not of nested groups, a line break). A {@code forced} group
   * is always broken. A {@code whole} group is flat only if all of it fits on the line, an
   * absorbed term at its end included (operator chains: {@code a ++ f [} does not count as
   * fitting when the list does not).
   */
  record Group(Doc doc, boolean forced, boolean whole) implements Doc {
    @Override
    public boolean multiline() {
      return forced || doc.multiline();
    }

    @Override
    public boolean breakable() {
      return doc.breakable();
    }
  }

  /** Several documents one after the other. */
  record Concat(List<Doc> docs, boolean multiline, boolean breakable) implements Doc {}

  /** {@code broken} if the enclosing group is broken, else {@code flat}. */
  record IfBreak(Doc broken, Doc flat) implements Doc {
    @Override
    public boolean multiline() {
      return broken.multiline() && flat.multiline();
    }

    @Override
    public boolean breakable() {
      return broken.breakable() || flat.breakable();
    }
  }

  /**
   * An absorbed term (a set, list or {@code ''} string at the end of a line): when deciding
   * whether a group fits, only its first line counts, since it can always expand, provided it
   * ends the group (nothing but text follows it in the group) and is not nested deeper than the
   * group; elsewhere it is measured like any other document.
   */
  record Tail(Doc doc) implements Doc {
    @Override
    public boolean multiline() {
      return doc.multiline();
    }

    @Override
    public boolean breakable() {
      return doc.breakable();
    }
  }

  /**
   * A multi-line document that depends on the indentation of the line it starts on (indented
   * strings, whose content is indented relative to that line). {@code firstLineWidth} is the
   * width of its first line.
   */
  record Deferred(IntFunction<Doc> atLineIndent, int firstLineWidth) implements Doc {
    @Override
    public boolean multiline() {
      return true;
    }
  }
}
