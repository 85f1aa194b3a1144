package dev.flakegen.nix.parse.grammar;

import java.util.Arrays;
import org.antlr.v4.runtime.Token;

/**
 * The depth of Nix's bison parser stack, followed while ANTLR parses, so that flakegen gives up
 * ("memory exhausted") exactly where Nix does.
 *
 * <p>Bison's stack holds its initial state and one entry per grammar symbol recognised so far in
 * every production still in progress: shifted tokens, and nonterminals once reduced (empty ones
 * such as an empty list or set body included). Nix 2.8's GLR parser fails when the stack reaches
 * 9,999 entries, Nix 2.26's LALR parser when it reaches 10,000 (both have {@code YYMAXDEPTH} =
 * 10,000), reporting the token read last. ANTLR's rules are not bison's, so each ANTLR rule
 * invocation keeps a frame: how many entries it stands for on bison's stack right now. The rules
 * for mapping one onto the other live in {@link NixParserBase}.
 */
final class BisonStack {

  private final int limit;
  private int[] frames = new int[256];
  private int top = -1;
  private int depth;

  /** @param limit the stack size at which the push fails */
  BisonStack(int limit) {
    this.limit = limit;
    reset();
  }

  void reset() {
    top = -1;
    depth = 1;
  }

  /** A rule invocation starts, standing for nothing yet. */
  void enter() {
    if (++top == frames.length) {
      frames = Arrays.copyOf(frames, top * 2);
    }
    frames[top] = 0;
  }

  /** The current invocation ends; returns the entries it stood for. */
  int exit() {
    if (top < 0) {
      return 0;
    }
    int frame = frames[top--];
    depth -= frame;
    return frame;
  }

  /** The current invocation stands for {@code n} more entries: a push, failing at {@code at}. */
  void push(int n, Token at) {
    add(n);
    if (depth >= limit) {
      throw new NestingLimitException(at);
    }
  }

  /** The current invocation stands for {@code n} more (or fewer) entries, with no check. */
  void add(int n) {
    if (top >= 0) {
      frames[top] += n;
      depth += n;
    }
  }

  /** The current invocation now stands for {@code n} entries (bison reduced its symbols). */
  void set(int n) {
    if (top >= 0) {
      depth += n - frames[top];
      frames[top] = n;
    }
  }

  /** Entries on the whole stack. */
  int depth() {
    return depth;
  }

  /** Fails at {@code at} if the stack holds {@code entries} for a moment. */
  void reach(int entries, Token at) {
    if (entries >= limit) {
      throw new NestingLimitException(at);
    }
  }

  /** The current invocation's entries. */
  int frame() {
    return top >= 0 ? frames[top] : 0;
  }

  /** A transient push (an empty rule reduced at once into a smaller one), failing at {@code at}. */
  void check(int extra, Token at) {
    if (depth + extra >= limit) {
      throw new NestingLimitException(at);
    }
  }
}
