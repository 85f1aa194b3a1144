package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
  final List<Run.Started> listeners = new ArrayList<>();

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @AfterEach
  void stop() {
    for (Run.Started listener : listeners) {
      if (listener.process.isAlive()) {
        System.out.println(Lifecycle.stop(listener));
      }
    }
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
      Run.Result miss = fixture.run().closed().run();
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
      stop();
      Run.of(Path.of("/bin/umount")).args(small.toString()).run();
    }
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
