package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 3: a "Redis" that accepts connections and never answers. A setup waits for it at
 * most RESOURCE_REDIS_TIMEOUT (0.5 s by default) once, spools the event, and never waits in line
 * for another setup's flush. (Each run has a hard time limit far below what the old 10 s wait,
 * queued behind the spool lock, took: 20 to 50 s for four setups; the limit is a failure bound,
 * not a measurement.) When a real Redis is back, the events arrive in order.
 */
@RedisTest
class SilentBusTest {

  @TempDir Path temporary;
  LocalRedis redis;
  Fixture fixture;
  SilentRedis silent;

  @BeforeEach
  void start() throws Exception {
    redis = LocalRedis.start(temporary.resolve("redis.log"));
    fixture = new Fixture(temporary, redis).plainHash();
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    silent = new SilentRedis();
  }

  @AfterEach
  void stop() throws IOException {
    silent.close();
    redis.close();
  }

  private List<String> spooled() throws IOException {
    Path events = fixture.resources.resolve("spool/events");
    return Files.exists(events) ? Files.readAllLines(events) : List.of();
  }

  @Test
  void aSilentBusCostsOneShortWaitAndTheEventIsSpooled() throws Exception {
    fixture.env.put("RESOURCE_REDIS", silent.address());
    Run.Result miss = fixture.run().closed().timeout(Duration.ofSeconds(5)).run();
    assertThat(miss.status).as(miss.toString()).isZero();
    assertThat(silent.connections()).isEqualTo(1);
    assertThat(spooled()).hasSize(1).allMatch(line -> line.startsWith("{\"type\":\"valid\""));
    Run.Result hit = fixture.run().closed().timeout(Duration.ofSeconds(5)).run();
    assertThat(hit.status).isZero();
    assertThat(spooled()).hasSize(2);
  }

  @Test
  void concurrentSetupsNeverWaitInLineForAnotherOnesFlush() throws Exception {
    fixture.env.put("RESOURCE_REDIS", silent.address());
    assertThat(fixture.run().closed().timeout(Duration.ofSeconds(5)).run().status).isZero();
    // The spool is not empty now: every setup appends, and tries to flush unless one is flushing.
    List<Run.Started> hits = new ArrayList<>();
    // (One assembled setup for all: fixture.run() writes the program anew each time.)
    Path setup = fixture.setup();
    long started = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      hits.add(Run.of(setup).env(fixture.env).closed().timeout(Duration.ofSeconds(4)).start());
    }
    for (Run.Started hit : hits) {
      assertThat(hit.await().status).isZero();
    }
    System.out.printf("four concurrent hits against a silent bus: %d ms in all%n",
        (System.nanoTime() - started) / 1_000_000);
    assertThat(spooled()).hasSize(5);

    // A real Redis again: the next setup delivers the five, then its own, in order.
    fixture.env.remove("RESOURCE_REDIS");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(fixture.run().closed().run().status).isZero();
      List<String> delivered = events.published();
      assertThat(Events.parse(delivered)).extracting(event -> event.get("type"))
          .containsExactly("valid", "stale", "stale", "stale", "stale", "stale");
    }
    assertThat(spooled()).isEmpty();
  }

  @Test
  void aPartialLineLeftByAFailedAppendIsNeverSent() throws Exception {
    Path spool = Files.createDirectories(fixture.resources.resolve("spool"));
    // What a full disk leaves: a complete event, then the start of one.
    Files.writeString(spool.resolve("events"), "{\"n\":1}\n{\"n\":2,\"cut");
    fixture.env.put("RESOURCE_REDIS", "127.0.0.1:1");
    assertThat(fixture.run().closed().run().status).isZero();
    assertThat(spooled()).hasSize(2);
    assertThat(spooled().get(0)).isEqualTo("{\"n\":1}");
    assertThat(spooled().get(1)).startsWith("{\"type\":\"valid\"");
    fixture.env.remove("RESOURCE_REDIS");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(Run.of(fixture.program("publish")).args("--flush")
          .env("RESOURCE_REDIS", redis.address()).run().status).isZero();
      List<String> delivered = events.published();
      assertThat(delivered).hasSize(2);
      assertThat(delivered.get(0)).isEqualTo("{\"n\":1}");
    }
  }

  /** Accepts every connection, reads what comes, never answers, keeps it open. */
  static final class SilentRedis implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());

    SilentRedis() throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket socket = server.accept();
            open.add(socket);
            Thread reader = new Thread(() -> {
              try (InputStream in = socket.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException end) {
                // closed
              }
            });
            reader.setDaemon(true);
            reader.start();
          } catch (IOException end) {
            // closed
          }
        }
      }, "silent redis");
      thread.setDaemon(true);
      thread.start();
    }

    String address() {
      return "127.0.0.1:" + server.getLocalPort();
    }

    int connections() {
      return open.size();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (open) {
        for (Socket socket : open) {
          socket.close();
        }
      }
    }
  }
}
