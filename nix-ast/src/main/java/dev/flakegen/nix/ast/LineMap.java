package dev.flakegen.nix.ast;

import java.util.Arrays;

/**
 * Maps byte offsets of one source to Nix's lines and columns. The line table is built on first
 * use, so parsing pays nothing for positions nobody looks at.
 */
public final class LineMap {

  private final String sourceName;
  private final byte[] source;
  private final int length;
  private volatile int[] lineStarts;

  /** A map over the first {@code length} bytes of {@code source}. */
  public LineMap(String sourceName, byte[] source, int length) {
    this.sourceName = sourceName;
    this.source = source;
    this.length = length;
  }

  public String sourceName() {
    return sourceName;
  }

  /** The 1-based line of {@code offset}. */
  public int line(int offset) {
    return lineIndex(offset) + 1;
  }

  /** The 1-based column (in bytes) of {@code offset}. */
  public int column(int offset) {
    return offset - starts()[lineIndex(offset)] + 1;
  }

  private int lineIndex(int offset) {
    int[] starts = starts();
    int i = Arrays.binarySearch(starts, offset);
    return i >= 0 ? i : -i - 2;
  }

  private int[] starts() {
    int[] starts = lineStarts;
    if (starts == null) {
      starts = computeLineStarts();
      lineStarts = starts;
    }
    return starts;
  }

  private int[] computeLineStarts() {
    int[] starts = new int[64];
    int count = 1;
    for (int i = 0; i < length; i++) {
      byte b = source[i];
      if (b == '\r' || b == '\n') {
        if (b == '\r' && i + 1 < length && source[i + 1] == '\n') {
          i++;
        }
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
        }
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }
}
