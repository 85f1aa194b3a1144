package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events are never lost and never repeated: the spool while Redis is away, delivery in order by
 * the next setup or publish that reaches it, partial failures, interrupted flushes, Unix sockets,
 * and the publish program.
 */
@RedisTest
class SpoolTest {

  @TempDir Path temporary;
  LocalRedis redis;
  Fixture fixture;
  Path spool;

  @BeforeEach
  void start() throws Exception {
    redis = LocalRedis.startWithSocket(temporary.resolve("redis.sock"),
        temporary.resolve("redis.log"));
    fixture = new Fixture(temporary, redis);
    fixture.initScript(":");
    spool = fixture.resources.resolve("spool");
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private List<String> spooled() throws IOException {
    Path events = spool.resolve("events");
    return Files.exists(events) ? Files.readAllLines(events) : List.of();
  }

  private static List<Object> arguments(List<String> messages) {
    List<Object> out = new ArrayList<>();
    for (Map<String, Object> event : Events.parse(messages)) {
      out.add(event.get("type") + " " + event.get("arguments"));
    }
    return out;
  }

  private Run publish(String... args) {
    return Run.of(fixture.program("publish")).args(args).env("RESOURCE_REDIS", redis.address());
  }

  /** Writes N events (JSON objects {"n":i}) to the spool. */
  private List<String> spool(int n) throws IOException {
    Files.createDirectories(spool);
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      lines.add("{\"n\":" + i + "}");
    }
    Files.write(spool.resolve("events"), lines);
    return lines;
  }

  @Test
  void whileRedisIsDownEventsWaitAndThenArriveInOrderExactlyOnce() throws Exception {
    redis.stop();
    assertThat(fixture.run("one").run().out()).isEqualTo(fixture.mount(100) + "\n");
    Run.Result hit = fixture.run("one").run();
    assertThat(hit.status).isZero();
    assertThat(hit.out()).isEqualTo(fixture.mount(100) + "\n");
    assertThat(hit.err).isEmpty();
    assertThat(fixture.run("two").run().out()).isEqualTo(fixture.mount(101) + "\n");
    assertThat(spooled()).hasSize(3);
    assertThat(arguments(spooled())).containsExactly("valid [one]", "stale [one]", "valid [two]");

    redis.restart();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(fixture.run("three").run().out()).isEqualTo(fixture.mount(102) + "\n");
      assertThat(arguments(events.published()))
          .containsExactly("valid [one]", "stale [one]", "valid [two]", "valid [three]");
      assertThat(spooled()).isEmpty();
      assertThat(fixture.run("three").run().status).isZero();
      assertThat(arguments(events.published())).containsExactly("stale [three]");
    }
  }

  @Test
  void aUnixSocketWorksToo() throws Exception {
    fixture.env.put("RESOURCE_REDIS", redis.socket().toString());
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.run("socket").run();
      fixture.run("socket").run();
      assertThat(arguments(events.published())).containsExactly("valid [socket]", "stale [socket]");
      redis.stop();
    }
    fixture.run("down").run();
    assertThat(spooled()).hasSize(1);
    redis.restart();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.run("up").run();
      assertThat(arguments(events.published())).containsExactly("valid [down]", "valid [up]");
    }
  }

  @Test
  void aPartialFailureKeepsTheUnacknowledgedEvents() throws Exception {
    List<String> lines = spool(5);
    // Acknowledges two PUBLISH commands, reads a third and hangs up without answering.
    try (FakeRedis fake = new FakeRedis(2, false)) {
      Run.Result result = publish("--flush").env("RESOURCE_REDIS", fake.address()).run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(fake.received()).containsExactlyElementsOf(lines.subList(0, 3));
    }
    assertThat(spooled()).containsExactlyElementsOf(lines.subList(2, 5));
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(publish("--flush").run().status).isZero();
      assertThat(events.published()).containsExactlyElementsOf(lines.subList(2, 5));
    }
    assertThat(spooled()).isEmpty();
  }

  @Test
  void anErrorReplyOrAClosedConnectionSpoolsTheEvent() throws Exception {
    try (FakeRedis fake = new FakeRedis(0, true)) {
      Run.Result result = publish("{\"a\":1}").env("RESOURCE_REDIS", fake.address()).run();
      assertThat(result.status).as(result.toString()).isZero();
      // Sent directly, never acknowledged, then spooled: no flush right after (it would only
      // wait for the same Redis again).
      assertThat(fake.received()).containsExactly("{\"a\":1}");
    }
    assertThat(spooled()).containsExactly("{\"a\":1}");
    // A server that hangs up at once: no SIGPIPE death, setup succeeds, the event waits.
    try (ServerSocket rude = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread closer = new Thread(() -> {
        try {
          while (true) {
            rude.accept().close();
          }
        } catch (IOException end) {
          // closed
        }
      });
      closer.setDaemon(true);
      closer.start();
      fixture.env.put("RESOURCE_REDIS", "127.0.0.1:" + rude.getLocalPort());
      Run.Result result = fixture.run("rude").run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(result.out()).isEqualTo(fixture.mount(100) + "\n");
      assertThat(result.err).isEmpty();
    }
    assertThat(spooled()).hasSize(2);
    fixture.env.remove("RESOURCE_REDIS");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.run("rude").run();
      List<String> delivered = events.published();
      assertThat(delivered.get(0)).isEqualTo("{\"a\":1}");
      assertThat(arguments(delivered.subList(1, 3))).containsExactly("valid [rude]", "stale [rude]");
    }
  }

  @Test
  void aLongSpoolIsDeliveredInOrderWithoutDelayedAcknowledgementStalls() throws Exception {
    List<String> lines = spool(50);
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      long start = System.nanoTime();
      assertThat(publish("--flush").run().status).isZero();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(events.published()).containsExactlyElementsOf(lines);
      // A few ms per event; a delayed-acknowledgement stall (about 40 ms each) would exceed this.
      assertThat(millis).as("flush of 50 events, ms").isLessThan(1500);
    }
    assertThat(spooled()).isEmpty();
  }

  @Test
  void anInterruptedFlushResumesAfterTheLastAcknowledgedEvent() throws Exception {
    List<String> lines = spool(3);
    // A flush that was killed after Redis took the first event: its record.
    Files.createLink(spool.resolve("events.sent"), spool.resolve("events"));
    Files.writeString(spool.resolve("events.sent-count"), "1\n");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(publish("--flush").run().status).isZero();
      assertThat(events.published()).containsExactlyElementsOf(lines.subList(1, 3));
    }
    assertThat(spooled()).isEmpty();
    assertThat(spool.resolve("events.sent")).doesNotExist();
    assertThat(spool.resolve("events.sent-count")).doesNotExist();
  }

  @Test
  void aRecordOfAnotherSpoolFileIsIgnored() throws Exception {
    List<String> lines = spool(3);
    Files.writeString(spool.resolve("events.sent"), "an older file");
    Files.writeString(spool.resolve("events.sent-count"), "2\n");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(publish("--flush").run().status).isZero();
      assertThat(events.published()).containsExactlyElementsOf(lines);
    }
    assertThat(spooled()).isEmpty();
  }

  @Test
  void publishSendsOneCompactObject() throws Exception {
    Path pretty = Files.writeString(temporary.resolve("event.json"),
        "{\n  \"type\": \"resolved\",\n  \"text\": \"a\\nb ü $(x)\"\n}\n");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(publish("{\"type\": \"released\", \"index\": 7}").run().status).isZero();
      assertThat(publish().file(pretty).run().status).isZero();
      assertThat(events.published()).containsExactly(
          "{\"type\":\"released\",\"index\":7}", "{\"type\":\"resolved\",\"text\":\"a\\nb ü $(x)\"}");
    }
    for (String bad : List.of("not json", "[1,2]", "{\"a\":1} {\"b\":2}", "")) {
      Run.Result result = publish(bad).run();
      assertThat(result.status).as(bad).isEqualTo(64);
      assertThat(result.err()).startsWith("publish\n");
    }
    assertThat(publish("{}", "{}").run().err()).isEqualTo("publish\nusage: publish JSON | publish < FILE | publish --flush\n");
    assertThat(publish().terminal().run().status).isEqualTo(64);
    assertThat(spooled()).isEmpty();
  }

  @Test
  void publishSpoolsWhenRedisIsAway() throws Exception {
    redis.stop();
    assertThat(publish("{\"n\":1}").run().status).isZero();
    assertThat(publish("{\"n\":2}").run().status).isZero();
    assertThat(spooled()).containsExactly("{\"n\":1}", "{\"n\":2}");
    redis.restart();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(publish("{\"n\":3}").run().status).isZero();
      assertThat(events.published()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    }
  }

  /**
   * A stand-in for Redis, one connection at a time: answers the first ACKNOWLEDGE PUBLISH commands
   * (over all connections) with ":1"; after that answers with an error (ERROR) or reads the
   * command and hangs up without answering.
   */
  static final class FakeRedis implements AutoCloseable {
    private final ServerSocket server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    FakeRedis(int acknowledge, boolean error) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread thread = new Thread(() -> {
        int acknowledged = 0;
        while (!server.isClosed()) {
          try (Socket socket = server.accept()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
              List<String> command = command(in);
              if (command == null) {
                break;
              }
              // A publication is EVAL SCRIPT 1 CHANNEL LENGTH MESSAGE (stream and channel at once).
              received.add(command.get(0).equals("EVAL") ? command.get(5) : command.get(2));
              if (acknowledged < acknowledge) {
                acknowledged++;
                out.write(":1\r\n".getBytes(StandardCharsets.UTF_8));
              } else if (error) {
                out.write("-ERR not today\r\n".getBytes(StandardCharsets.UTF_8));
              } else {
                break;
              }
              out.flush();
            }
          } catch (IOException end) {
            // the client or the test went away
          }
        }
      }, "fake redis");
      thread.setDaemon(true);
      thread.start();
    }

    String address() {
      return "127.0.0.1:" + server.getLocalPort();
    }

    /** What it was sent so far (complete once the client program has ended). */
    List<String> received() {
      synchronized (received) {
        return List.copyOf(received);
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }

    private static List<String> command(InputStream in) throws IOException {
      String header = line(in);
      if (header == null) {
        return null;
      }
      int count = Integer.parseInt(header.substring(1));
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int length = Integer.parseInt(line(in).substring(1));
        byte[] bytes = in.readNBytes(length + 2);
        parts.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
      }
      return parts;
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int previous = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        if (previous == '\r' && b == '\n') {
          byte[] bytes = line.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        }
        line.write(b);
        previous = b;
      }
    }
  }
}
