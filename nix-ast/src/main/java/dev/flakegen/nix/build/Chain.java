package dev.flakegen.nix.build;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An immutable list that grows at its end in constant time, for the immutable builders. */
final class Chain<T> {

  private static final Chain<?> EMPTY = new Chain<>(null, null, 0);

  private final T last;
  private final Chain<T> before;
  private final int size;

  private Chain(T last, Chain<T> before, int size) {
    this.last = last;
    this.before = before;
    this.size = size;
  }

  @SuppressWarnings("unchecked")
  static <T> Chain<T> empty() {
    return (Chain<T>) EMPTY;
  }

  Chain<T> plus(T item) {
    return new Chain<>(item, this, size + 1);
  }

  int size() {
    return size;
  }

  /** The items, first added first. */
  List<T> toList() {
    List<T> out = new ArrayList<>(size);
    for (Chain<T> c = this; c.size > 0; c = c.before) {
      out.add(c.last);
    }
    Collections.reverse(out);
    return List.copyOf(out);
  }
}
