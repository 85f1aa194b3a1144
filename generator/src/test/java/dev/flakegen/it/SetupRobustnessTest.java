package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three places where a generated setup does better than the seed's (runtime/README.md, "`setup`"), through the
 * built flake: one init per hash under concurrency, clean recovery after a setup is killed
 * mid-init, and no event lost while Redis is down.
 */
@NixTest
@RedisTest
class SetupRobustnessTest extends BuiltFlakeTest {

  @Test
  void sixteenConcurrentSetupsRunInitOnceAndAllGetItsPath() throws Exception {
    Events events = events();
    List<ResourceState.Outcome> outcomes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<ResourceState.Outcome>> futures = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        futures.add(pool.submit(() -> state.setup(flake.setup("slow"))));
      }
      for (Future<ResourceState.Outcome> future : futures) {
        outcomes.add(future.get(5, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    List<Map<String, Object>> published = events.take(16);
    events.none();

    Path path = outcomes.get(0).path();
    assertThat(outcomes).extracting(ResourceState.Outcome::path).containsOnly(path);
    assertThat(state.list("mounts")).containsExactly("0");
    assertThat(ResourceState.read(path.resolve("index"))).isEqualTo("0");
    assertThat(published).filteredOn(e -> "valid".equals(e.get("type"))).hasSize(1)
        .allMatch(e -> "new".equals(e.get("provenance")));
    assertThat(published).filteredOn(e -> "stale".equals(e.get("type"))).hasSize(15)
        .allMatch(e -> "cached".equals(e.get("provenance")));
    assertThat(published).extracting(e -> e.get("path")).containsOnly(path.toString());
  }

  @Test
  void aSetupKilledDuringInitLeavesNothingThatBlocksTheNext() throws Exception {
    Process killed = state.processBuilder(List.of("setsid", "bash", "-c", "exec \"$0\" <&-",
        flake.setup("slow").toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(state.resources().resolve("log/0/arguments"))) {
      assertThat(System.nanoTime()).as("init started").isLessThan(deadline);
      assertThat(killed.isAlive()).as("setup still running").isTrue();
      Thread.sleep(20);
    }
    Thread.sleep(500);
    assertThat(killed.isAlive()).as("setup killed during init (which sleeps 2 s)").isTrue();
    Process kill = new ProcessBuilder("bash", "-c", "kill -KILL -- \"-$0\"",
        Long.toString(killed.pid())).start();
    assertThat(kill.waitFor()).isZero();
    killed.waitFor();
    assertThat(state.list("canonical")).isEmpty();

    Events events = events();
    Path path = state.setup(flake.setup("slow")).path();
    Map<String, Object> event = events.next();
    assertThat(event).containsEntry("type", "valid").containsEntry("provenance", "new");
    assertThat(path).isNotEqualTo(state.resources().resolve("mounts/0"));
    assertThat(ResourceState.read(path.resolve("index"))).isEqualTo(event.get("index").toString());
    assertThat(state.list("canonical")).containsExactly((String) event.get("hash"));
    assertThat(state.setup(flake.setup("slow")).path()).isEqualTo(path);
    assertThat(events.next()).containsEntry("type", "stale");
  }

  @Test
  void eventsPublishedWhileRedisIsDownArriveInOrderOnceItIsBack(@TempDir Path directory)
      throws Exception {
    int port;
    ResourceState offline;
    try (LocalRedis stopped = LocalRedis.start(directory.resolve("first.log"))) {
      port = stopped.port();
      offline = new ResourceState(directory.resolve("state"), stopped.address());
    }
    Path path = offline.setup(flake.setup("record")).path();
    assertThat(offline.setup(flake.setup("record")).path()).isEqualTo(path);
    assertThat(offline.setup(flake.setup("exit-three")).status()).isEqualTo(64);
    assertThat(Files.readAllLines(offline.resources().resolve("spool/events"))).hasSize(3);

    try (LocalRedis restarted = LocalRedis.startOn(port, directory.resolve("second.log"));
        Events events = Events.subscribe(port, IntegrationModel.CHANNEL)) {
      assertThat(restarted.port()).isEqualTo(port);
      assertThat(offline.setup(flake.setup("record")).path()).isEqualTo(path);
      List<Map<String, Object>> delivered = events.take(4);
      events.none();
      assertThat(delivered).extracting(e -> e.get("type"))
          .containsExactly("valid", "stale", "invalid-init", "stale");
      assertThat(delivered).extracting(e -> e.get("index")).containsExactly(0L, 0L, 1L, 0L);
      assertThat(Files.readString(offline.resources().resolve("spool/events"))).isEmpty();
    }
  }
}
