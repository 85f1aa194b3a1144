package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 7: every event also goes into the Redis stream named after the channel (XADD,
 * bounded), so a consumer that was down while Redis restarted and the spool was flushed — before
 * any subscriber was back — reads every event, in order, from the last ID it had seen.
 */
@RedisTest
class StreamCatchUpTest {

  @TempDir Path temporary;
  LocalRedis redis;
  Fixture fixture;

  @BeforeEach
  void start() throws Exception {
    redis = LocalRedis.start(temporary.resolve("redis.log"));
    fixture = new Fixture(temporary, redis).plainHash();
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  /** The stream's entries after ID: (id, event) pairs, oldest first, read with redis-cli XRANGE. */
  private List<String[]> after(String id) {
    Run.Result result = Run.of(Path.of(Tools.require("redis-cli"))).args("-h", "127.0.0.1", "-p",
        Integer.toString(redis.port()), "XRANGE", fixture.channel, "(" + id, "+").run();
    assertThat(result.status).as(result.toString()).isZero();
    List<String[]> entries = new ArrayList<>();
    String[] lines = result.out().split("\n");
    for (int i = 0; i + 2 < lines.length; i += 3) {
      assertThat(lines[i + 1]).isEqualTo("event");
      entries.add(new String[] {lines[i], lines[i + 2]});
    }
    return entries;
  }

  @Test
  void aConsumerThatWasDownReadsOnFromItsLastId() throws Exception {
    assertThat(fixture.run().closed().run().status).isZero();
    List<String[]> first = after("0-0");
    assertThat(first).hasSize(1);
    assertThat(first.get(0)[1]).startsWith("{\"type\":\"valid\"");
    String last = first.get(0)[0];

    // The consumer is away; Redis goes down and comes back; twenty events wait in the spool and
    // are flushed at once, before anyone subscribes again.
    redis.stop();
    Path setup = fixture.setup();
    for (int i = 0; i < 20; i++) {
      assertThat(Run.of(setup).env(Map.of("RESOURCE_REDIS", redis.address())).closed().run().status).isZero();
    }
    redis.restart();
    assertThat(Run.of(fixture.program("publish")).args("--flush").env("RESOURCE_REDIS", redis.address())
        .run().status).isZero();

    List<String[]> missed = after(last);
    assertThat(missed).hasSize(20);
    for (String[] entry : missed) {
      assertThat(entry[1]).startsWith("{\"type\":\"stale\"");
    }
    // In order: the IDs increase.
    for (int i = 1; i < missed.size(); i++) {
      String[] before = missed.get(i - 1)[0].split("-");
      String[] now = missed.get(i)[0].split("-");
      long ms = Long.parseLong(now[0]) - Long.parseLong(before[0]);
      assertThat(ms > 0 || ms == 0 && Long.parseLong(now[1]) > Long.parseLong(before[1])).isTrue();
    }
  }

  @Test
  void theStreamIsBounded() throws Exception {
    fixture.env.put("RESOURCE_STREAM_LENGTH", "5");
    Path setup = fixture.setup();
    for (int i = 0; i < 150; i++) {
      assertThat(Run.of(setup).env(fixture.env).env("RESOURCE_REDIS", redis.address()).closed().run().status)
          .isZero();
    }
    // MAXLEN ~ trims whole nodes: fewer than 150 are kept (one node holds up to 100).
    assertThat(after("0-0").size()).isLessThan(150);
  }
}
