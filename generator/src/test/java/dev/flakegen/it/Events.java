package dev.flakegen.it;

import dev.flakegen.testing.redis.RedisSubscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The events published on one channel of a real Redis after {@link #subscribe}, as JSON. */
final class Events implements AutoCloseable {

  private final RedisSubscription subscription;

  private Events(RedisSubscription subscription) {
    this.subscription = subscription;
  }

  static Events subscribe(int port, String channel) {
    try {
      return new Events(RedisSubscription.open(port, channel));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next {@code count} events, failing if they do not arrive within 30 s each. */
  List<Map<String, Object>> take(int count) {
    List<Map<String, Object>> events = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        byte[] message = subscription.next(Duration.ofSeconds(30));
        if (message == null) {
          throw new AssertionError("expected " + count + " events, got " + events.size()
              + ": " + events);
        }
        events.add(ResourceState.event(message));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return events;
  }

  /** The next event. */
  Map<String, Object> next() {
    return take(1).get(0);
  }

  /** Fails if another event arrives within half a second. */
  void none() {
    try {
      byte[] message = subscription.next(Duration.ofMillis(500));
      if (message != null) {
        throw new AssertionError("unexpected event: "
            + new String(message, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    try {
      subscription.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
