package dev.flakegen.it;

import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.model.Flake;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the integration tests share: the model's flake built once per class by real Nix, a real
 * {@code redis-server} on loopback for the class, and for each test a fresh {@link ResourceState}
 * and, on demand, a subscription to the model's channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BuiltFlakeTest {

  BuiltFlake flake;
  LocalRedis redis;
  ResourceState state;
  private Events events;

  /** The model under test: {@link IntegrationModel} unless a class says otherwise. */
  Flake model() {
    return IntegrationModel.flake();
  }

  /** The channel its events go to. */
  String channel() {
    return IntegrationModel.CHANNEL;
  }

  @BeforeAll
  void buildFlakeAndStartRedis(@TempDir Path directory) throws Exception {
    flake = BuiltFlake.build(model(), directory.resolve("flake"));
    redis = LocalRedis.start(directory.resolve("redis.log"));
  }

  @AfterAll
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void freshState(@TempDir Path directory) {
    state = new ResourceState(directory, redis.address());
  }

  @AfterEach
  void unsubscribe() {
    if (events != null) {
      events.close();
      events = null;
    }
  }

  /** Subscribes to the channel: the events published from now on. */
  Events events() {
    events = Events.subscribe(redis.port(), channel());
    return events;
  }
}
