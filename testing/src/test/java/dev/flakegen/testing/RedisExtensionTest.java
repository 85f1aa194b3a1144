package dev.flakegen.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@RedisTest
class RedisExtensionTest {

  static LocalRedis first;

  @BeforeAll
  static void remember(LocalRedis redis) {
    first = redis;
  }

  @Test
  void everyParameterOfTheClassGetsTheSameRunningServer(LocalRedis redis) {
    assertThat(redis).isSameAs(first);
    assertThat(redis.answers()).isTrue();
    assertThat(redis.address()).isEqualTo("127.0.0.1:" + redis.port());
  }

  @Test
  void publishedGivesTheMessagesSoFarInOrder(LocalRedis redis) throws Exception {
    try (RedisSubscription events = redis.subscribe("channel")) {
      assertThat(redis.publish("channel", "one")).isEqualTo(1);
      redis.publish("channel", "two ü");
      assertThat(events.published()).containsExactly("one", "two ü");
      assertThat(events.published()).isEmpty();
    }
  }

  @Test
  void aStoppedServerRestartsOnItsPort(LocalRedis redis) throws Exception {
    int port = redis.port();
    redis.stop();
    assertThat(redis.answers()).isFalse();
    redis.restart();
    assertThat(redis.answers()).isTrue();
    assertThat(redis.port()).isEqualTo(port);
  }
}
