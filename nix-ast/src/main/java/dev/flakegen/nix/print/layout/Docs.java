package dev.flakegen.nix.print.layout;

import dev.flakegen.nix.print.layout.Doc.LineKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** Factories for {@link Doc}s. */
public final class Docs {

  private static final Doc EMPTY = new Doc.Concat(List.of(), false, false);
  private static final Doc LINE = new Doc.Line(LineKind.LINE);
  private static final Doc SOFTLINE = new Doc.Line(LineKind.SOFT);
  private static final Doc HARDLINE = new Doc.Line(LineKind.HARD);
  private static final Doc RAW_NEWLINE = new Doc.RawNewline();

  private Docs() {}

  /** Layout text (keywords, punctuation, names). */
  public static Doc text(String text) {
    return text.isEmpty() ? EMPTY : new Doc.Text(text, false);
  }

  /** Content text (inside strings), never trimmed. */
  public static Doc verbatim(String text) {
    return text.isEmpty() ? EMPTY : new Doc.Text(text, true);
  }

  public static Doc empty() {
    return EMPTY;
  }

  /** A space, or a line break when the group breaks. */
  public static Doc line() {
    return LINE;
  }

  /** Nothing, or a line break when the group breaks. */
  public static Doc softline() {
    return SOFTLINE;
  }

  /** A line break. */
  public static Doc hardline() {
    return HARDLINE;
  }

  /** A line feed that belongs to string content. */
  public static Doc rawNewline() {
    return RAW_NEWLINE;
  }

  public static Doc nest(Doc doc) {
    return new Doc.Nest(doc);
  }

  public static Doc group(Doc doc) {
    return new Doc.Group(doc, false, false);
  }

  /** A group that is broken when {@code forced}, else decided by the width. */
  public static Doc group(Doc doc, boolean forced) {
    return new Doc.Group(doc, forced, false);
  }

  /** A group that is flat only if all of it, absorbed terms included, fits on the line. */
  public static Doc wholeGroup(Doc doc, boolean forced) {
    return new Doc.Group(doc, forced, true);
  }

  public static Doc ifBreak(Doc broken, Doc flat) {
    return new Doc.IfBreak(broken, flat);
  }

  public static Doc tail(Doc doc) {
    return new Doc.Tail(doc);
  }

  public static Doc deferred(IntFunction<Doc> atLineIndent, int firstLineWidth) {
    return new Doc.Deferred(atLineIndent, firstLineWidth);
  }

  public static Doc concat(Doc... docs) {
    return concat(List.of(docs));
  }

  public static Doc concat(List<Doc> docs) {
    List<Doc> flat = new ArrayList<>(docs.size());
    boolean multiline = false;
    boolean breakable = false;
    for (Doc doc : docs) {
      // Nested concatenations are kept (flattening them would copy lists at every level).
      if (doc != EMPTY) {
        flat.add(doc);
      }
      multiline |= doc.multiline();
      breakable |= doc.breakable();
    }
    if (flat.isEmpty()) {
      return EMPTY;
    }
    if (flat.size() == 1) {
      return flat.get(0);
    }
    return new Doc.Concat(List.copyOf(flat), multiline, breakable);
  }

  /** {@code docs} with {@code separator} between each two. */
  public static Doc join(Doc separator, List<Doc> docs) {
    List<Doc> out = new ArrayList<>(docs.size() * 2);
    for (int i = 0; i < docs.size(); i++) {
      if (i > 0) {
        out.add(separator);
      }
      out.add(docs.get(i));
    }
    return concat(out);
  }
}
