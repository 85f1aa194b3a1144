package dev.flakegen.nixdriver;

import static dev.flakegen.nixdriver.Fixtures.NIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Timeouts and cancellation kill Nix and what it started. */
@NixTest
class TimeoutTest {

  /** A build that sleeps a minute; the sleep's argument is unique, to find its processes. */
  private static Installable sleeper(String seconds) {
    return Installable.expression(Fixtures.derivation(Fixtures.unique("sleeper"),
        "/bin/sleep " + seconds + "; echo > $out"));
  }

  private static String uniqueSeconds() {
    return "59." + (100000 + (long) (Math.random() * 800000));
  }

  private static void assertNothingLeft(String seconds) throws IOException, InterruptedException {
    List<String> left = Fixtures.processesMentioning(seconds);
    for (int i = 0; i < 40 && !left.isEmpty(); i++) {
      Thread.sleep(50);
      left = Fixtures.processesMentioning(seconds);
    }
    assertThat(left).as("nix and sleep processes left").isEmpty();
  }

  @Test
  void aTimeoutKillsNixAndTheBuild() throws IOException, InterruptedException {
    String seconds = uniqueSeconds();
    long start = System.nanoTime();
    assertThatThrownBy(() -> NIX.withTimeout(Duration.ofSeconds(2)).realise(sleeper(seconds)))
        .isInstanceOfSatisfying(NixTimeoutException.class,
            e -> assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(2)));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(elapsed).isBetween(2000L, 6000L);
    assertNothingLeft(seconds);
  }

  @Test
  void interruptingTheCallerCancels() throws Exception {
    String seconds = uniqueSeconds();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try {
      Future<?> call = executor.submit(() -> {
        started.countDown();
        try {
          NIX.realise(sleeper(seconds));
        } catch (Throwable e) {
          thrown.set(e);
        }
      });
      started.await();
      for (int i = 0; i < 100 && Fixtures.processesMentioning("/bin/sleep " + seconds).isEmpty();
          i++) {
        Thread.sleep(50); // until the build runs
      }
      call.cancel(true);
      executor.shutdown();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    } finally {
      executor.shutdownNow();
    }
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertNothingLeft(seconds);
  }
}
