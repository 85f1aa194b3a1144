package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup-hit.sh, the usual hit before bash reads the rest of setup: run here as a program of its own
 * (values + lib/core.sh + setup-hit.sh and nothing after it: lib.nix puts lib/common.sh and
 * setup.sh after it, which such a hit never reads), it serves the hit itself (prints the directory,
 * publishes the stale event) exactly as the whole setup does, and for everything else falls through
 * (prints nothing, publishes nothing) without having changed what setup would see.
 */
@RedisTest
class SetupFastHitTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  Fixture fixture;

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @BeforeEach
  void newFixture() {
    fixture = new Fixture(temporary, redis).plainHash();
  }

  /** The first part of setup alone, with the fixture's values. */
  private Run firstPartOnly(String... args) {
    Path program =
        Files2.executable(
            temporary.resolve("bin").resolve("setup-hit-only"),
            Programs.preamble(fixture.runtimeEnv())
                + Programs.script("lib/core.sh")
                + Programs.script("setup-hit.sh"));
    return Run.of(program).args(args).env(fixture.env).env("RESOURCE_REDIS", redis.address());
  }

  @Test
  void theUsualHitIsServedByTheFirstPartAloneWithTheWholeProgramsEvent() throws Exception {
    for (List<String> targets : List.of(List.<String>of(), List.of("a", "b c"))) {
      newFixture();
      StringBuilder init = new StringBuilder();
      for (String target : targets) {
        init.append(": > \"$RESOURCE_MOUNT\"/").append(Programs.quote(target)).append('\n');
      }
      fixture.targets(targets.toArray(new String[0])).initScript(init.toString());
      try (RedisSubscription events = redis.subscribe(fixture.channel)) {
        Run.Result miss = fixture.run().closed().run();
        assertThat(miss.status).as(miss.toString()).isZero();
        events.published();
        Run.Result whole = fixture.run().closed().run();
        assertThat(whole.out()).isEqualTo(miss.out());
        List<String> wholeEvents = events.published();
        Run.Result first = firstPartOnly().closed().run();
        assertThat(first.status).as(first.toString()).isZero();
        assertThat(first.out()).isEqualTo(miss.out());
        assertThat(first.err()).isEmpty();
        assertThat(events.published()).isEqualTo(wholeEvents).hasSize(1);
      }
    }
  }

  @Test
  void everythingElseFallsThroughWithoutAWord() throws Exception {
    fixture.initScript(":");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(fixture.run().closed().run().status).isZero();
      events.published();
      List<Run> others =
          List.of(
              firstPartOnly("an-argument").closed(),
              firstPartOnly().pipe("input"),
              firstPartOnly().closed().env(Fixture.ORIGINATOR_VARIABLE, "not-a-pid"),
              firstPartOnly()
                  .closed()
                  .env("RESOURCES_DIRECTORY_OVERRIDE", temporary.resolve("elsewhere").toString()),
              // a bus the hit's few lines of client leave to lib/common.sh's
              firstPartOnly().closed().env("RESOURCE_REDIS_USER", "default"),
              firstPartOnly().closed().env("RESOURCE_REDIS_TIMEOUT", "0.5"),
              firstPartOnly().closed().env("RESOURCE_STREAM_LENGTH", "10000"),
              firstPartOnly().closed().env("RESOURCE_REDIS", "[::1]:" + redis.port()));
      for (Run other : others) {
        Run.Result result = other.run();
        assertThat(result.status).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).isEmpty();
      }
      fixture.transientResource();
      assertThat(firstPartOnly().closed().run().out()).isEmpty();
      assertThat(events.published()).isEmpty();
      assertThat(Files.exists(temporary.resolve("elsewhere"))).isFalse();
    }
  }

  /**
   * The hit's own lines of Redis client send byte for byte what lib/common.sh's client sends for
   * the same event (AUTH with the password, then the EVAL): a stand-in bus records both, the hit's
   * and that of the whole setup made to take the library's client (RESOURCE_REDIS_TIMEOUT set to
   * its default value).
   */
  @Test
  void theHitSendsTheBytesTheLibrarysClientSends() throws Exception {
    fixture.initScript(":");
    Run.Result miss = fixture.run().closed().run();
    assertThat(miss.status).as(miss.toString()).isZero();
    Path password = Files2.write(temporary.resolve("password"), "a secret\n");
    byte[] hit;
    try (RecordingBus bus = new RecordingBus()) {
      Run.Result served =
          firstPartOnly()
              .closed()
              .env("RESOURCE_REDIS", bus.address())
              .env("RESOURCE_REDIS_PASSWORD_FILE", password.toString())
              .run();
      assertThat(served.out()).as(served.toString()).isEqualTo(miss.out());
      hit = bus.bytes();
    }
    byte[] library;
    try (RecordingBus bus = new RecordingBus()) {
      Run.Result served =
          fixture
              .run()
              .closed()
              .env("RESOURCE_REDIS", bus.address())
              .env("RESOURCE_REDIS_PASSWORD_FILE", password.toString())
              .env("RESOURCE_REDIS_TIMEOUT", "0.5")
              .run();
      assertThat(served.out()).as(served.toString()).isEqualTo(miss.out());
      library = bus.bytes();
    }
    String sent = new String(hit, StandardCharsets.UTF_8);
    assertThat(sent)
        .startsWith("*2\r\n$4\r\nAUTH\r\n$8\r\na secret\r\n*6\r\n$4\r\nEVAL\r\n")
        .contains(
            "\r\n$" + fixture.channel.length() + "\r\n" + fixture.channel + "\r\n$5\r\n10000\r\n")
        .contains("\"type\":\"stale\",\"provenance\":\"cached\"");
    assertThat(sent).isEqualTo(new String(library, StandardCharsets.UTF_8));
  }

  /**
   * A stand-in for Redis on loopback: answers one connection with +OK (to AUTH) and :1 (to the
   * EVAL), and keeps every byte it was sent until the client closed it.
   */
  private static final class RecordingBus implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final CompletableFuture<byte[]> received =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket connection = server.accept()) {
                connection
                    .getOutputStream()
                    .write("+OK\r\n:1\r\n".getBytes(StandardCharsets.US_ASCII));
                return connection.getInputStream().readAllBytes();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    RecordingBus() throws IOException {}

    String address() {
      return "127.0.0.1:" + server.getLocalPort();
    }

    byte[] bytes() throws Exception {
      return received.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
