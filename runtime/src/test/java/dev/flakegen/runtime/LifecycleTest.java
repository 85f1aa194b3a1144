package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release and resolve listeners, the quarantine and the resolutions, run for real: real
 * processes as originators, a real redis-server, real files. Waiting is by polling observable
 * state; "not released" is asserted after the listener has provably looked several times (its
 * interval is 0.1 s and it logs nothing until it acts).
 */
@RedisTest
class LifecycleTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  Fixture fixture;
  Path released;
  @RegisterExtension final Listeners listeners = new Listeners();

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @BeforeEach
  void newFixture() {
    fixture = new Fixture(temporary, redis).plainHash();
    released = temporary.resolve("released");
  }


  /** A resource with target "a", a release that notes its index, and the default resolutions. */
  private void releasingResource(String releaseBody) {
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), releaseBody, Map.of(), Map.of()));
    fixture.setup();
  }

  private String noteRelease() {
    return "[ -f a ] || exit 9\necho \"$RESOURCE_INDEX $RESOURCE_PATH\" >> " + Programs.quote(released.toString());
  }

  private Run.Started releaseListener() {
    Run.Started listener = Lifecycle.listener(fixture, "release-listener", Map.of());
    listeners.add(listener);
    return listener;
  }

  private Run.Started resolveListener() {
    Run.Started listener = Lifecycle.listener(fixture, "resolve-listener",
        Map.of("RESOURCE_DEFAULT_LIFECYCLE", Lifecycle.defaults(fixture, temporary.resolve("defaults")).toString()));
    listeners.add(listener);
    return listener;
  }

  private List<String> releasedLines() {
    return Files.exists(released) ? List.of(Files2.read(released).split("\n")) : List.of();
  }

  /** Lets a listener look at least five times (interval 0.1 s). */
  private static void severalPasses() throws InterruptedException {
    Thread.sleep(700);
  }

  private List<Map<String, Object>> ofType(List<String> messages, String type) {
    return Events.parse(messages).stream().filter(e -> type.equals(e.get("type"))).collect(Collectors.toList());
  }

  @Test
  void originatorExitReleasesAndRemovesEverything() throws Exception {
    releasingResource(noteRelease());
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      releaseListener();
      Originator originator = new Originator(fixture);
      long index = originator.index();
      String hash = fixture.expectedHash(List.of(), null);
      // What root would leave behind: a GC-root entry of the resource pointing into itself.
      Path own = Files.createDirectories(fixture.gcRoot.resolve(Long.toString(index)));
      Files.createSymbolicLink(own.resolve("a"), Path.of(originator.path, "a"));
      severalPasses();
      assertThat(Path.of(originator.path)).isDirectory();
      assertThat(releasedLines()).isEmpty();
      assertThat(Lifecycle.states(fixture)).containsEntry(Long.toString(index), "valid");

      originator.close();
      Files2.await("the release", Duration.ofSeconds(20), () -> !Lifecycle.exists(Path.of(originator.path)));
      Files2.await("the end of the flow", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
      assertThat(releasedLines()).containsExactly(index + " " + originator.path);
      assertThat(Lifecycle.exists(fixture.canonical(hash))).isFalse();
      assertThat(Lifecycle.exists(own)).isFalse();
      List<Map<String, Object>> releasedEvents = ofType(events.published(), "released");
      assertThat(releasedEvents).hasSize(1);
      Map<String, Object> event = releasedEvents.get(0);
      assertThat(List.copyOf(event.keySet())).startsWith("type", "hash", "index").endsWith(
          "path", "release", "release-status", "release-standard-output", "release-standard-error");
      assertThat(event).containsEntry("hash", hash).containsEntry("index", index)
          .containsEntry("path", originator.path).containsEntry("release-status", 0L);
      assertThat(fixture.log(index).resolve("release-event.json")).exists();
    }
  }

  @Test
  void aLinkUnderTheGcRootKeepsTheResourceUntilItGoes() throws Exception {
    releasingResource(noteRelease());
    releaseListener();
    Originator originator = new Originator(fixture);
    // Another resource's root (index 9999) into this one, as root would link it.
    Path other = Files.createDirectories(fixture.gcRoot.resolve("9999"));
    Path link = Files.createSymbolicLink(other.resolve("a"), Path.of(originator.path, "a"));
    originator.close();
    severalPasses();
    assertThat(Path.of(originator.path)).isDirectory();
    assertThat(releasedLines()).isEmpty();

    Files.delete(link);
    Files2.await("the release", Duration.ofSeconds(20), () -> !Lifecycle.exists(Path.of(originator.path)));
    assertThat(releasedLines()).hasSize(1);
    assertThat(other).isDirectory();
  }

  @Test
  void aLinkToTheCanonicalPathKeepsItToo() throws Exception {
    releasingResource(noteRelease());
    releaseListener();
    Originator originator = new Originator(fixture);
    Path other = Files.createDirectories(fixture.gcRoot.resolve("9999"));
    Path link = Files.createSymbolicLink(other.resolve("r"),
        fixture.canonical(fixture.expectedHash(List.of(), null)));
    originator.close();
    severalPasses();
    assertThat(Path.of(originator.path)).isDirectory();
    Files.delete(link);
    Files2.await("the release", Duration.ofSeconds(20), () -> !Lifecycle.exists(Path.of(originator.path)));
  }

  @Test
  void aSecondOriginatorDefersTheReleaseUntilItIsGoneToo() throws Exception {
    releasingResource(noteRelease());
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      releaseListener();
      Originator first = new Originator(fixture);
      Originator second = new Originator(fixture);
      assertThat(second.path).isEqualTo(first.path);
      first.close();
      severalPasses();
      assertThat(Path.of(first.path)).isDirectory();
      assertThat(releasedLines()).isEmpty();

      second.close();
      Files2.await("the release", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
      List<String> types = Events.parse(events.published()).stream().map(e -> (String) e.get("type")).toList();
      assertThat(types).containsExactly("valid", "stale", "released");
    }
  }

  @Test
  void aReleasedResourceIsSetUpAnewAndLeavesTheOldOneAlone() throws Exception {
    releasingResource(noteRelease());
    releaseListener();
    Originator first = new Originator(fixture);
    first.close();
    Files2.await("the release", Duration.ofSeconds(20), () -> !Lifecycle.exists(Path.of(first.path)));
    try (Originator again = new Originator(fixture)) {
      assertThat(again.index()).isGreaterThan(first.index());
      assertThat(Path.of(again.path, "a")).hasContent("made");
    }
  }

  @Test
  void cacheHitsRacingTheReleaseNeverLoseTheirResource() throws Exception {
    releasingResource(noteRelease());
    releaseListener();
    // Short-lived originators, one after the other: each hit may meet a release in progress. Each
    // checks that its directory is still there after it was printed.
    String script = "for i in $(seq 40); do"
        + " bash -c 'd=\"$(\"$0\" </dev/null)\" && sleep 0.0$((RANDOM % 5)) && [ -f \"$d/a\" ] || echo LOST \"$d\" $$' "
        + Programs.quote(fixture.root.resolve("bin/setup").toString()) + "; done";
    Run.Result result = Run.bash("export PATH=/usr/bin:/bin; " + script)
        .env("RESOURCE_REDIS", redis.address()).timeout(Duration.ofSeconds(120)).run();
    assertThat(result.out()).as(result.err()).doesNotContain("LOST");
    assertThat(result.status).isZero();
    Files2.await("the end of the flow", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
    assertThat(Files.list(fixture.resources.resolve("mounts")).count()).isZero();
    // Every resource made was released exactly once.
    List<String> lines = releasedLines();
    assertThat(lines).doesNotHaveDuplicates().isNotEmpty();
  }

  @Test
  void failedInitGoesToQuarantineAndAResolutionMakesItValid() throws Exception {
    fixture.targets("a").initScript("echo broken >&2; exit 3");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), noteRelease(),
        Map.of("repair", "echo repaired > a"), Map.of()));
    fixture.setup();
    String hash = fixture.expectedHash(List.of(), null);
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      resolveListener();
      releaseListener();
      // Its originator: a process the test ends when it is time for the release.
      Process holder = new ProcessBuilder("sleep", "600").start();
      Run.Result failed = fixture.run().closed()
          .env(Fixture.ORIGINATOR_VARIABLE, Long.toString(holder.pid())).run();
      assertThat(failed.status).isEqualTo(64);
      Path quarantine = fixture.resources.resolve("quarantine").resolve(fixture.start);
      Files2.await("the quarantine", Duration.ofSeconds(20), () -> Files.isDirectory(quarantine));
      Path yaml = quarantine.resolve("log.yaml");
      assertThat(yaml).isRegularFile();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(yaml)))
          .isEqualTo("r--------");
      assertThat(Files2.read(yaml)).contains("type: invalid-init", "hash: " + hash, "status: 3",
          "standard-error: |", "broken");
      assertThat(quarantine.resolve("resolutions").toFile().list()).containsExactlyInAnyOrder("accept", "repair");
      assertThat(quarantine.resolve("resolutions/repair")).isExecutable();
      assertThat(Lifecycle.exists(fixture.canonical(hash))).isFalse();

      // Whoever runs it, from wherever: the resolution knows its resources directory.
      Run.Result resolution = Run.of(quarantine.resolve("resolutions/repair")).env("RESOURCE_REDIS", redis.address()).run();
      assertThat(resolution.status).as(resolution.toString()).isZero();
      assertThat(resolution.out()).contains("resource 100 resolved with repair");
      assertThat(fixture.mount(100).resolve("a")).hasContent("repaired");
      assertThat(fixture.canonical(hash)).isDirectory();
      assertThat(Files2.read(quarantine.resolve("resolved")).strip()).isEqualTo("repair");
      // Running it again changes nothing and says why.
      Run.Result again = Run.of(quarantine.resolve("resolutions/accept")).run();
      assertThat(again.status).isEqualTo(64);
      assertThat(again.err()).contains("resource 100 is not waiting for a resolution of a failed init");

      // Now it is served like any valid resource, and released as usual.
      try (Originator user = new Originator(fixture)) {
        assertThat(user.path).isEqualTo(fixture.mount(100).toString());
      }
      severalPasses();
      assertThat(fixture.mount(100)).isDirectory();
      holder.destroy();
      holder.waitFor();
      try {
        Files2.await("the release", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
      } catch (AssertionError e) {
        throw new AssertionError(Lifecycle.states(fixture) + " " + events.published(), e);
      }
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all.stream().map(e -> e.get("type")).toList())
          .containsExactly("invalid-init", "resolved", "stale", "released");
      Map<String, Object> resolved = all.get(1);
      assertThat(resolved).containsEntry("resolution", "repair").containsEntry("resolves", "invalid-init")
          .containsEntry("path", fixture.mount(100).toString());
    }
  }

  @Test
  void failingReleaseGoesToQuarantineAndAResolutionFinishesIt() throws Exception {
    releasingResource("echo cannot release >&2; exit 5");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      resolveListener();
      releaseListener();
      Originator originator = new Originator(fixture);
      originator.close();
      Path quarantine = fixture.resources.resolve("quarantine").resolve(Long.toString(originator.index()));
      Files2.await("the quarantine", Duration.ofSeconds(20), () -> Files.isDirectory(quarantine));
      assertThat(Files2.read(quarantine.resolve("log.yaml"))).contains("type: invalid-release",
          "release-status: 5", "cannot release");
      assertThat(quarantine.resolve("resolutions").toFile().list()).containsExactly("finish");
      assertThat(Path.of(originator.path)).isDirectory();
      assertThat(Lifecycle.states(fixture)).containsValue("invalid-release");

      Run.Result resolution = Run.of(quarantine.resolve("resolutions/finish")).run();
      assertThat(resolution.status).as(resolution.toString()).isZero();
      assertThat(Lifecycle.exists(Path.of(originator.path))).isFalse();
      assertThat(Lifecycle.states(fixture)).isEmpty();
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all.stream().map(e -> e.get("type")).toList()).containsExactly("valid", "invalid-release", "resolved");
      assertThat(all.get(1)).containsEntry("release-status", 5L)
          .containsEntry("release-standard-error", "cannot release\n");
      assertThat(all.get(2)).containsEntry("resolution", "finish").containsEntry("resolves", "invalid-release");
    }
  }

  @Test
  void resolutionScriptsCarryAHostileResourcesDirectoryAsData() throws Exception {
    Path hostile = temporary.resolve("res $(touch pwned) 'q'\nline");
    fixture.resources(hostile).targets("a").initScript("exit 1");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), null, Map.of(), Map.of()));
    fixture.setup();
    resolveListener();
    assertThat(fixture.run().closed().run().status).isEqualTo(64);
    Path quarantine = hostile.resolve("quarantine").resolve(fixture.start);
    Files2.await("the quarantine", Duration.ofSeconds(20), () -> Files.isDirectory(quarantine));
    Run.Result resolution = Run.of(quarantine.resolve("resolutions/accept")).in(temporary).run();
    assertThat(resolution.status).as(resolution.toString()).isZero();
    assertThat(Lifecycle.states(fixture)).containsEntry(fixture.start, "valid");
    assertThat(temporary.resolve("pwned")).doesNotExist();
  }

  @Test
  void aFailingResolutionLeavesTheResourceInQuarantine() throws Exception {
    fixture.targets("a").initScript("exit 1");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), null,
        Map.of("broken", "echo no >&2; exit 7"), Map.of()));
    fixture.setup();
    resolveListener();
    assertThat(fixture.run().closed().run().status).isEqualTo(64);
    Path quarantine = fixture.resources.resolve("quarantine").resolve(fixture.start);
    Files2.await("the quarantine", Duration.ofSeconds(20), () -> Files.isDirectory(quarantine));
    Run.Result resolution = Run.of(quarantine.resolve("resolutions/broken")).run();
    assertThat(resolution.status).isEqualTo(64);
    assertThat(resolution.err()).contains("no", "resolution broken of resource 100 failed (status 7)");
    assertThat(Lifecycle.states(fixture)).containsEntry("100", "invalid-init");
    assertThat(quarantine.resolve("resolved")).doesNotExist();
  }

  @Test
  void aListenerThatWasDownCatchesUpAndReleasesEachResourceOnce() throws Exception {
    releasingResource(noteRelease());
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Started first = releaseListener();
      first.process.destroyForcibly();
      first.process.waitFor();
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        Originator originator = new Originator(fixture, "r" + i);
        paths.add(originator.path);
        originator.close();
      }
      severalPasses();
      assertThat(paths).allSatisfy(path -> assertThat(Path.of(path)).isDirectory());

      releaseListener();
      Files2.await("the releases", Duration.ofSeconds(30), () -> Lifecycle.states(fixture).isEmpty());
      assertThat(releasedLines()).hasSize(5).doesNotHaveDuplicates();
      List<Map<String, Object>> releasedEvents = ofType(events.published(), "released");
      assertThat(releasedEvents.stream().map(e -> e.get("path")).toList()).containsExactlyInAnyOrderElementsOf(paths);
    }
  }

  @Test
  void aReleaseInterruptedAfterItsCommandIsNotRunAgain() throws Exception {
    // The state a listener killed right after the command leaves: releasing, with the status kept.
    releasingResource(noteRelease());
    Originator originator = new Originator(fixture);
    originator.close();
    long index = originator.index();
    Files.writeString(fixture.resources.resolve("lifecycle").resolve(Long.toString(index)), "releasing\n");
    Files.delete(fixture.canonical(fixture.expectedHash(List.of(), null)));
    Files.writeString(fixture.log(index).resolve("release-status"), "0\n");
    Files.writeString(fixture.log(index).resolve("release-standard-output"), "");
    Files.writeString(fixture.log(index).resolve("release-standard-error"), "");
    releaseListener();
    Files2.await("the release", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
    assertThat(releasedLines()).isEmpty();
    assertThat(Lifecycle.exists(Path.of(originator.path))).isFalse();
  }

  @Test
  void redisRestartingLosesNothing() throws Exception {
    releasingResource(noteRelease());
    releaseListener();
    try (Originator early = new Originator(fixture, "early")) {
      assertThat(early.path).isNotEmpty();
    }
    // Its released event is out (the state goes after it) before Redis stops.
    Files2.await("the first release", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
    redis.stop();
    try {
      whileRedisIsDown();
    } finally {
      if (!redis.answers()) {
        redis.restart();
      }
    }
  }

  private void whileRedisIsDown() throws Exception {
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Originator originator = new Originator(fixture, "while-down-" + i);
      paths.add(originator.path);
      originator.close();
    }
    // Released while Redis is down: the listener works from the files.
    Files2.await("the releases", Duration.ofSeconds(30), () -> Lifecycle.states(fixture).isEmpty());
    assertThat(releasedLines()).hasSize(4);
    assertThat(Files2.read(fixture.resources.resolve("spool/events")).lines().count()).isEqualTo(6);
    try (RedisSubscription events = redisRestarted()) {
      // The listener delivers the spool once Redis is back, in order.
      Files2.await("the spool to drain", Duration.ofSeconds(30),
          () -> Files2.read(fixture.resources.resolve("spool/events")).isEmpty());
      List<String> delivered =
          Events.parse(events.published()).stream().map(e -> e.get("type") + " " + e.get("path")).toList();
      assertThat(delivered).hasSize(6);
      for (String path : paths) {
        assertThat(delivered).containsSubsequence("valid " + path, "released " + path);
      }
      // And it has subscribed again: a new resource's release comes through at once.
      try (Originator after = new Originator(fixture, "after")) {
        assertThat(after.path).isNotEmpty();
      }
      Files2.await("the last release", Duration.ofSeconds(20), () -> Lifecycle.states(fixture).isEmpty());
      assertThat(ofType(events.published(), "released")).hasSize(1);
    }
  }

  /** Restarts Redis and subscribes before anything can flush to it (the spool lock is held). */
  @SuppressWarnings("try") // the lock only needs to be held for the block, never named in it
  private RedisSubscription redisRestarted() throws Exception {
    Path spoolLock = fixture.resources.resolve("spool/lock");
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(spoolLock,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND);
        java.nio.channels.FileLock held = channel.lock()) {
      redis.restart();
      return redis.subscribe(fixture.channel);
    }
  }

  @Test
  void twoHundredResourcesUnderConcurrentLoadAreAllReleasedAndNoneEarly() throws Exception {
    releasingResource(noteRelease());
    releaseListener();
    // 8 workers, 25 resources each; each originator checks its resource is still there after a
    // random pause, then exits while the others are still being set up and released.
    String worker = "for i in $(seq 25); do"
        + " bash -c 'd=\"$(\"$0\" \"$1\" </dev/null)\" && sleep 0.0$((RANDOM % 10)) && [ -f \"$d/a\" ] || echo EARLY \"$1\"' "
        + Programs.quote(fixture.root.resolve("bin/setup").toString()) + " \"w$1-$i\"; done";
    List<Run.Started> workers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      workers.add(Run.bash("export PATH=/usr/bin:/bin; " + worker, Integer.toString(w))
          .env("RESOURCE_REDIS", redis.address()).timeout(Duration.ofSeconds(300)).start());
    }
    for (Run.Started started : workers) {
      Run.Result result = started.await();
      assertThat(result.out()).doesNotContain("EARLY");
      assertThat(result.status).isZero();
    }
    Files2.await("every release", Duration.ofSeconds(120), () -> Lifecycle.states(fixture).isEmpty());
    assertThat(releasedLines()).hasSize(200).doesNotHaveDuplicates();
    try (var mounts = Files.list(fixture.resources.resolve("mounts"));
        var canonical = Files.list(fixture.resources.resolve("canonical"))) {
      assertThat(mounts.count()).isZero();
      assertThat(canonical.count()).isZero();
    }
    assertThat(!Files.exists(fixture.gcRoot) || Files.list(fixture.gcRoot).findAny().isEmpty()).isTrue();
  }

  @Test
  void oneListenerOfEachKindPerResourcesDirectory() throws Exception {
    releasingResource(null);
    releaseListener();
    Files2.await("the first listener's lock", Duration.ofSeconds(10),
        () -> Files.exists(fixture.resources.resolve("locks/release-listener")));
    Thread.sleep(300);
    Run.Started second = Lifecycle.listener(fixture, "release-listener", Map.of());
    Run.Result result = second.await();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.err()).contains("another release-listener is running on " + fixture.resources);
  }

  @Test
  void aListenerStopsCleanlyOnTerm() throws Exception {
    releasingResource(null);
    Run.Started listener = releaseListener();
    Thread.sleep(300);
    Run.Result result = Lifecycle.stop(listener);
    assertThat(result.status).isZero();
    assertThat(result.out()).contains("release-listener: watching " + fixture.resources);
  }

  /** Shorthand. */
  private static final class Originator extends Lifecycle.Originator {
    Originator(Fixture fixture, String... arguments) {
      super(fixture, arguments);
    }
  }
}
