package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 8: a miss killed with SIGKILL, or one that fails on a full disk (a real tmpfs of
 * 256 KiB; needs root to mount it, skipped otherwise, saying so), ends through the failure program
 * and leaves nothing the release listener does not collect; a release never follows a resource
 * directory swapped for a symlink out of the resources directory.
 */
@RedisTest
class AbandonedMissTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  @RegisterExtension final Listeners listeners = new Listeners();

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }


  @Test
  void aMissKilledWithSigkillIsCollectedOnceItsSetupIsGone() throws Exception {
    Fixture fixture = new Fixture(temporary, redis).plainHash();
    Path started = temporary.resolve("init-started");
    fixture.targets("a").initScript("touch " + Programs.quote(started.toString()) + "; echo x > \"$RESOURCE_MOUNT/a\"; exec sleep 300");
    Run.Started setup = fixture.run().closed().timeout(Duration.ofMinutes(1)).start();
    Files2.await("init", Duration.ofSeconds(20), () -> Files.exists(started));
    Path mount = fixture.mount(100);
    Path log = fixture.log(100);
    assertThat(mount).isDirectory();
    // A listener sees the miss in progress and leaves it alone.
    listeners.add(Lifecycle.listener(fixture, "release-listener", Map.of()));
    Thread.sleep(700);
    assertThat(mount).isDirectory();
    setup.process.descendants().forEach(ProcessHandle::destroyForcibly);
    setup.process.destroyForcibly().waitFor();
    Files2.await("the collection", Duration.ofSeconds(20), () -> !Files.exists(mount) && !Files.exists(log));
    assertThat(Lifecycle.states(fixture)).isEmpty();
    // The next setup of the same resource is a miss that works.
    fixture.initScript("echo x > \"$RESOURCE_MOUNT/a\"");
    Run.Result again = fixture.run().closed().run();
    assertThat(again.status).as(again.toString()).isZero();
  }

  @Test
  void aFullDiskEndsThroughTheFailureProgramAndLeavesNothing() throws Exception {
    Assumptions.assumeTrue(OtherUser.available(), "not root: cannot mount a small tmpfs (test skipped)");
    Path small = Files.createDirectories(temporary.resolve("small"));
    Run.Result mounted = Run.of(Path.of("/bin/mount")).args("-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs",
        small.toString()).run();
    Assumptions.assumeTrue(mounted.status == 0, "cannot mount a tmpfs here: " + mounted);
    try {
      Fixture fixture = new Fixture(temporary, redis).plainHash().resources(small.resolve("resources"));
      // Init fills the disk (another program's file); setup then cannot write its records.
      Path filler = small.resolve("filler");
      fixture.targets("a").initScript("echo x > \"$RESOURCE_MOUNT/a\"; head -c 1M /dev/zero > "
          + Programs.quote(filler.toString()) + " 2>/dev/null; exit 0");
      Run.Result miss;
      try (RedisSubscription events = redis.subscribe(fixture.channel)) {
        miss = fixture.run().closed().run();
        assertFailedEvent(Events.only(events.published()), fixture, 100, "is the disk full?");
      }
      assertThat(miss.status).as(miss.toString()).isEqualTo(64);
      assertThat(miss.out()).isEmpty();
      assertThat(miss.err()).contains("is the disk full?");
      // Space again (the other program's file goes): the listener collects what the miss left.
      Files.delete(filler);
      assertThat(fixture.mount(100)).isDirectory();
      listeners.add(Lifecycle.listener(fixture, "release-listener", Map.of()));
      Files2.await("the collection", Duration.ofSeconds(20),
          () -> !Files.exists(fixture.mount(100)) && !Files.exists(fixture.log(100)));
    } finally {
      listeners.stopAll(); // before the small disk goes
      Run.of(Path.of("/bin/umount")).args(small.toString()).run();
    }
  }

  @Test
  void aFailingMkdirEndsThroughTheFailureProgramWithAnEventAndLeavesNoFolder() throws Exception {
    Assumptions.assumeTrue(OtherUser.available(), "not root: cannot bind a read-only folder (test skipped)");
    Fixture fixture = new Fixture(temporary, redis).plainHash();
    fixture.targets("a").initScript("echo x > \"$RESOURCE_MOUNT/a\"");
    // The state folders exist; log/ is then made read-only (a bind mount: root ignores modes).
    Path log = Files.createDirectories(fixture.resources.resolve("log"));
    for (Path folder = fixture.resources; !folder.equals(temporary); folder = folder.getParent()) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
    readOnly(log);
    try {
      Run.Result miss;
      try (RedisSubscription events = redis.subscribe(fixture.channel)) {
        miss = fixture.run().closed().run();
        assertFailedEvent(Events.only(events.published()), fixture, 100, "cannot create");
      }
      assertThat(miss.status).as(miss.toString()).isEqualTo(64);
      assertThat(miss.out()).isEmpty();
      assertThat(miss.err()).contains("cannot create " + fixture.mount(100));
      // The mkdir made mounts/100 before log/100 failed: the miss removed it (no record would
      // let a listener collect it).
      assertThat(fixture.mount(100)).doesNotExist();
    } finally {
      Run.of(Path.of("/bin/umount")).args(log.toString()).run();
    }
  }

  @Test
  void aStepFailingAfterInitEndsThroughTheFailureProgramWithAnEventAndIsCollected() throws Exception {
    Assumptions.assumeTrue(OtherUser.available(), "not root: cannot bind a read-only folder (test skipped)");
    Fixture fixture = new Fixture(temporary, redis).plainHash();
    Path started = temporary.resolve("init-started");
    Path go = temporary.resolve("init-go");
    // Init waits while the test makes log/100 read-only: setup's next record (status) fails.
    fixture.targets("a").initScript("echo x > \"$RESOURCE_MOUNT/a\"; touch " + Programs.quote(started.toString())
        + "; while [ ! -e " + Programs.quote(go.toString()) + " ]; do sleep 0.05; done");
    Path log = fixture.log(100);
    boolean bound = false;
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Started setup = fixture.run().closed().timeout(Duration.ofMinutes(1)).start();
      Files2.await("init", Duration.ofSeconds(20), () -> Files.exists(started));
      readOnly(log);
      bound = true;
      Files.createFile(go);
      Run.Result miss = setup.await();
      assertThat(miss.status).as(miss.toString()).isEqualTo(64);
      assertThat(miss.out()).isEmpty();
      assertThat(miss.err()).contains("setup failed at line");
      assertFailedEvent(Events.only(events.published()), fixture, 100, "setup failed at line");
    } finally {
      if (bound) {
        Run.of(Path.of("/bin/umount")).args(log.toString()).run();
      }
    }
    // What the miss left (no lifecycle entry) is collected once its setup is gone.
    assertThat(fixture.mount(100)).isDirectory();
    assertThat(fixture.resources.resolve("lifecycle").resolve("100")).doesNotExist();
    listeners.add(Lifecycle.listener(fixture, "release-listener", Map.of()));
    Files2.await("the collection", Duration.ofSeconds(20),
        () -> !Files.exists(fixture.mount(100)) && !Files.exists(fixture.log(100)));
  }

  /** FOLDER becomes a read-only bind mount of itself (root only). */
  private static void readOnly(Path folder) {
    Run.Result bind = Run.of(Path.of("/bin/mount")).args("--bind", folder.toString(), folder.toString()).run();
    Assumptions.assumeTrue(bind.status == 0, "cannot bind-mount here: " + bind);
    Run.Result remount = Run.of(Path.of("/bin/mount")).args("-o", "remount,bind,ro", folder.toString()).run();
    if (remount.status != 0) {
      Run.of(Path.of("/bin/umount")).args(folder.toString()).run();
    }
    Assumptions.assumeTrue(remount.status == 0, "cannot remount read-only here: " + remount);
  }

  /** A setup-failed event of the miss INDEX whose first reason contains REASON. */
  private static void assertFailedEvent(Map<String, Object> event, Fixture fixture, long index, String reason) {
    assertThat(List.copyOf(event.keySet()))
        .containsExactly("type", "hash", "index", "provenance", "originator-pid", "reasons");
    assertThat(event.get("type")).isEqualTo("setup-failed");
    assertThat(event.get("hash")).isEqualTo(fixture.expectedHash(List.of(), null));
    assertThat(((Number) event.get("index")).longValue()).isEqualTo(index);
    assertThat(event.get("provenance")).isEqualTo("new");
    assertThat(String.valueOf(((List<?>) event.get("reasons")).get(0))).contains(reason);
  }

  @Test
  void aReleaseNeverFollowsAResourceDirectorySwappedForALink() throws Exception {
    Fixture fixture = new Fixture(temporary, redis).plainHash();
    fixture.targets("a").initScript("echo x > \"$RESOURCE_MOUNT/a\"");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), "true", Map.of(), Map.of()));
    fixture.setup();
    Lifecycle.Originator originator = new Lifecycle.Originator(fixture);
    Path resource = Path.of(originator.path);
    // Outside the resources directory: a folder and a file of modes a chmod -R u+rwX would change.
    Path outside = Files.createDirectories(temporary.resolve("outside"));
    Path file = Files2.write(outside.resolve("kept"), "mine");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("r-x------"));
    Files2.deleteTree(resource);
    Files.createSymbolicLink(resource, outside);
    originator.close();
    listeners.add(Lifecycle.listener(fixture, "release-listener", Map.of()));
    Files2.await("the release", Duration.ofSeconds(20), () -> !Lifecycle.exists(resource));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("r--------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outside))).isEqualTo("r-x------");
    assertThat(file).hasContent("mine");
  }
}
