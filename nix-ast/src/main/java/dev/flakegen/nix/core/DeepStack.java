package dev.flakegen.nix.core;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs recursive work (parsing, printing) on the caller's thread, and again on a thread with a
 * large stack if the input nests too deeply for the caller's stack.
 */
public final class DeepStack {

  private static final long STACK_BYTES = 2L << 30;

  private DeepStack() {}

  /** {@code work}'s result; a {@link StackOverflowError} makes it run again on a 2 GiB stack. */
  public static <T> T call(Supplier<T> work) {
    try {
      return work.get();
    } catch (StackOverflowError e) {
      return onLargeStack(work);
    }
  }

  /** Runs {@code work} on a new thread with a 2 GiB stack and waits for it. */
  public static <T> T onLargeStack(Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(null, () -> {
      try {
        result.set(work.get());
      } catch (Throwable t) {
        failure.set(t);
      }
    }, "flakegen-deep-stack", STACK_BYTES);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for deep-stack work", e);
    }
    Throwable t = failure.get();
    if (t instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (t instanceof Error error) {
      throw error;
    }
    return result.get();
  }
}
