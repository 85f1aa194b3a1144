package dev.flakegen.nix.ast;

import java.util.Objects;

/**
 * Where a node came from: a byte offset into a source file, resolved to Nix's line and column
 * (1-based, counting bytes; CR, LF and CR LF each end a line) only when asked.
 *
 * <p>Positions are metadata: every position equals every other, so that AST equality is structural
 * and a parsed tree equals the same tree built from Java.
 */
public final class SourcePos {

  /** The position of nodes that were built in Java rather than parsed. */
  public static final SourcePos NONE = new SourcePos(null, -1);

  private final LineMap lines;
  private final int offset;

  private SourcePos(LineMap lines, int offset) {
    this.lines = lines;
    this.offset = offset;
  }

  /** A position at {@code offset} in the source that {@code lines} describes. */
  public static SourcePos at(LineMap lines, int offset) {
    return new SourcePos(Objects.requireNonNull(lines, "lines"), offset);
  }

  /** Whether this position points into a source (false for {@link #NONE}). */
  public boolean isKnown() {
    return lines != null;
  }

  /** The byte offset in the source, or -1 for {@link #NONE}. */
  public int offset() {
    return offset;
  }

  /** The 1-based line, or 0 for {@link #NONE}. */
  public int line() {
    return lines == null ? 0 : lines.line(offset);
  }

  /** The 1-based column in bytes, or 0 for {@link #NONE}. */
  public int column() {
    return lines == null ? 0 : lines.column(offset);
  }

  /** The position {@code delta} bytes further on in the same source. */
  public SourcePos plus(int delta) {
    return lines == null ? this : new SourcePos(lines, offset + delta);
  }

  /** The source's name as given to the parser, or null for {@link #NONE}. */
  public String sourceName() {
    return lines == null ? null : lines.sourceName();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SourcePos;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return lines == null ? "<unknown>" : lines.sourceName() + ":" + line() + ":" + column();
  }
}
