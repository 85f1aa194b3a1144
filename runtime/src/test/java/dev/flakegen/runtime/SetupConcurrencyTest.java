package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One init per hash under concurrency, and a setup killed mid-init leaves neither a canonical link
 * nor a lock that blocks the next. Synchronisation is by polling observable state (files, the
 * kernel's lock table), never by sleeping a fixed time.
 */
@RedisTest
class SetupConcurrencyTest {

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
    fixture = new Fixture(temporary, redis);
  }

  /** Processes blocked in flock on FILE, from /proc/locks ("->" entries on its inode). */
  private static long waitersOn(Path file) {
    try {
      if (!Files.exists(file)) {
        return 0;
      }
      long inode = (Long) Files.getAttribute(file, "unix:ino");
      return Files.readAllLines(Path.of("/proc/locks")).stream()
          .filter(line -> line.contains("->") && line.matches(".*:" + inode + " .*"))
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sixteenConcurrentSetupsRunInitOnceAndPrintOnePath() throws Exception {
    Path runs = temporary.resolve("runs");
    Path go = temporary.resolve("go");
    fixture.targets("a").initScript("echo run >> " + Programs.quote(runs.toString()) + "\n"
        + "while [ ! -e " + Programs.quote(go.toString()) + " ]; do sleep 0.01; done\n"
        + "touch \"$RESOURCE_MOUNT/a\"");
    fixture.setup();
    Path lock = fixture.resources.resolve("locks").resolve(fixture.expectedHash(List.of("shared"), null));
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      List<Run.Started> setups = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        setups.add(Run.of(fixture.root.resolve("bin/setup")).args("shared")
            .env("RESOURCE_REDIS", redis.address()).start());
      }
      TreeSet<String> printed = new TreeSet<>();
      try {
        // The first is in init; the 15 others wait for its lock.
        Files2.await("init to start", Duration.ofSeconds(60), () -> Files.exists(runs));
        Files2.await("15 setups waiting for the lock", Duration.ofSeconds(60), () -> waitersOn(lock) == 15);
        Files.createFile(go);
        for (Run.Started setup : setups) {
          Run.Result result = setup.await();
          assertThat(result.status).as(result.toString()).isZero();
          assertThat(result.err).isEmpty();
          printed.add(result.out());
        }
      } finally {
        setups.forEach(SetupConcurrencyTest::destroy);
      }
      assertThat(printed).containsExactly(fixture.mount(100) + "\n");
      assertThat(Files.readAllLines(runs)).hasSize(1);
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all).hasSize(16);
      assertThat(all.stream().filter(e -> e.get("type").equals("valid")).count()).isEqualTo(1);
      assertThat(all.stream().filter(e -> e.get("type").equals("stale")).count()).isEqualTo(15);
      assertThat(all.get(0).get("type")).isEqualTo("valid");
    }
  }

  @Test
  void concurrentSetupsOfDifferentResourcesGetDistinctIndexes() {
    fixture.initScript(":");
    fixture.setup();
    List<Run.Started> setups = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      setups.add(Run.of(fixture.root.resolve("bin/setup")).args("resource " + i)
          .env("RESOURCE_REDIS", redis.address()).start());
    }
    TreeSet<String> printed = new TreeSet<>();
    for (Run.Started setup : setups) {
      Run.Result result = setup.await();
      assertThat(result.status).as(result.toString()).isZero();
      printed.add(result.out());
    }
    TreeSet<String> expected = new TreeSet<>();
    for (int index = 100; index < 108; index++) {
      expected.add(fixture.mount(index) + "\n");
    }
    assertThat(printed).isEqualTo(expected);
  }

  /** Ends a started program and what it started (a no-op once it has ended). */
  private static void destroy(Run.Started started) {
    List<ProcessHandle> descendants = started.process.descendants().toList();
    started.process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** The PID an init wrote to FILE, once it is all there. */
  private static long awaitPid(String what, Path file) {
    Files2.await(what, Duration.ofSeconds(60),
        () -> Files.exists(file) && Files2.read(file).matches("\\d+\n"));
    return Long.parseLong(Files2.read(file).trim());
  }

  @Test
  void aSetupKilledDuringInitLeavesNoLinkAndNoStuckLock() throws Exception {
    Path pids = Files.createDirectories(temporary.resolve("pids"));
    Path gates = Files.createDirectories(temporary.resolve("gates"));
    // Each init records its PID and waits for a gate named after its index.
    fixture.targets("a").initScript("echo $$ > " + Programs.quote(pids.toString()) + "/\"$RESOURCE_INDEX\"\n"
        + "while [ ! -e " + Programs.quote(gates.toString()) + "/\"$RESOURCE_INDEX\" ]; do sleep 0.01; done\n"
        + "touch \"$RESOURCE_MOUNT/a\"");
    String hash = fixture.expectedHash(List.of(), null);
    Run.Started first = fixture.run().start();
    long firstInit;
    try {
      firstInit = awaitPid("the first init", pids.resolve("100"));
    } catch (AssertionError | RuntimeException e) {
      destroy(first);
      throw e;
    }
    // SIGKILL to setup only.
    first.process.destroyForcibly();
    first.process.waitFor();
    assertThat(first.process.exitValue()).isEqualTo(137);
    assertThat(fixture.hasCanonical(hash)).isFalse();
    // The killed setup's init lives on: it must not hold the lock either.
    Optional<ProcessHandle> orphan = ProcessHandle.of(firstInit);
    assertThat(orphan.map(ProcessHandle::isAlive)).contains(true);
    Run.Started second = fixture.run().start();
    try {
      awaitPid("the second init", pids.resolve("101"));
      Files.createFile(gates.resolve("101"));
      Run.Result result = second.await();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(result.out()).isEqualTo(fixture.mount(101) + "\n");
      assertThat(Files.readSymbolicLink(fixture.canonical(hash))).isEqualTo(Path.of("../mounts/101"));
      // The killed attempt's folders stay as garbage, without a status.
      assertThat(fixture.mount(100)).isDirectory();
      assertThat(fixture.log(100).resolve("status")).doesNotExist();
      try (var entries = Files.list(fixture.resources.resolve("canonical"))) {
        assertThat(entries).hasSize(1);
      }
    } finally {
      destroy(second);
      orphan.ifPresent(ProcessHandle::destroyForcibly);
    }
    // SIGKILL to setup, then to its init: the same.
    Run.Started third = fixture.description("{\"other\":true}").run().start();
    try {
      awaitPid("the third init", pids.resolve("102"));
    } finally {
      destroy(third);
    }
    third.process.waitFor();
    assertThat(third.process.exitValue()).isEqualTo(137);
    Files.createFile(gates.resolve("103"));
    Run.Result fourth = fixture.run().run();
    assertThat(fourth.out()).isEqualTo(fixture.mount(103) + "\n");
    assertThat(Files.exists(fixture.canonical(fixture.expectedHash(List.of(), null)), LinkOption.NOFOLLOW_LINKS))
        .isTrue();
  }
}
