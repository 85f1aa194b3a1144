package dev.flakegen.nix.parse;

import static dev.flakegen.nix.parse.Ast.i;
import static dev.flakegen.nix.parse.Ast.list;
import static dev.flakegen.nix.parse.Ast.neg;
import static dev.flakegen.nix.parse.Ast.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Nesting that Nix 2.8 accepts (its bison stack holds 10000 entries: 9995 nested parentheses
 * parse, 9996 give "memory exhausted") must parse whatever the caller's stack: the parser is
 * expected to retry on a large stack ({@link DeepStack}) when it overflows. The parse runs here on
 * a thread with a small stack, so that the overflow happens for sure.
 *
 * <p>Fails today: the {@link StackOverflowError} unwinds through ANTLR's {@code finally
 * { exitRule(); }}, the parse listener then dereferences children that were never built, and the
 * resulting NullPointerException replaces the overflow, so DeepStack never retries.
 */
class DeepNestingTest {

  private static Expr parseOnSmallStack(String text) {
    return onSmallStack(() -> parse(text));
  }

  private static <T> T onSmallStack(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "small-stack", 256 * 1024);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(failure.get()).as("exception while parsing").isNull();
    return result.get();
  }

  @Test
  void parenthesesThreeThousandDeep() {
    assertThat(parseOnSmallStack("(".repeat(3000) + "1" + ")".repeat(3000))).isEqualTo(i(1));
  }

  @Test
  void negationsTwoThousandDeep() {
    Expr expected = i(1);
    for (int k = 0; k < 2000; k++) {
      expected = neg(expected);
    }
    assertThat(parseOnSmallStack("-".repeat(2000) + "1")).isEqualTo(expected);
  }

  @Test
  void listsTwoThousandDeep() {
    Expr expected = list();
    for (int k = 1; k < 2000; k++) {
      expected = list(expected);
    }
    assertThat(parseOnSmallStack("[".repeat(2000) + "]".repeat(2000))).isEqualTo(expected);
  }

  @Test
  void modestNestingParsesOnAnyStack() {
    assertThat(parseOnSmallStack("(".repeat(40) + "1" + ")".repeat(40))).isEqualTo(i(1));
  }
}
