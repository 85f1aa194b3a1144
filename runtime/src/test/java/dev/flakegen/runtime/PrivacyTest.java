package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, rows 1 and 4: what setup and the listeners make is the owner's alone whatever the
 * caller's umask (checked on the modes, and by a real second local user who tries to read every
 * file), and a resources directory or GC-root folder that another user owns, or that group or
 * others may write to, is refused before anything in it is read. The cross-user parts need root
 * (useradd): they are skipped otherwise, saying so.
 */
@RedisTest
class PrivacyTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  Fixture fixture;
  final List<Run.Started> listeners = new ArrayList<>();
  final List<Process> holders = new ArrayList<>();

  private static final Set<PosixFilePermission> GROUP_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @BeforeEach
  void newFixture() throws IOException {
    // The test's own folder is open to all, as a home folder or /tmp would be: only the runtime's
    // modes stand between another user and the state.
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
    fixture = new Fixture(temporary, redis).plainHash();
  }

  @AfterEach
  void stop() {
    for (Run.Started listener : listeners) {
      if (listener.process.isAlive()) {
        System.out.println(Lifecycle.stop(listener));
      }
    }
    holders.forEach(Process::destroyForcibly);
  }

  private Run.Started listener(String name, String umask) {
    Map<String, Object> values = new LinkedHashMap<>(fixture.runtimeEnv());
    Path program =
        Files2.executable(fixture.root.resolve("bin").resolve(name), Programs.text(name, values));
    Run run =
        Run.of(program)
            .env("RESOURCE_REDIS", redis.address())
            .env("RESOURCE_LISTENER_INTERVAL", "0.1")
            .timeout(Duration.ofSeconds(60))
            .umask(umask);
    if (name.equals("resolve-listener")) {
      run.env(
          "RESOURCE_DEFAULT_LIFECYCLE",
          Lifecycle.defaults(fixture, temporary.resolve("defaults")).toString());
    }
    Run.Started started = run.start();
    listeners.add(started);
    return started;
  }

  private Process holder() throws IOException {
    Process process = new ProcessBuilder("sleep", "600").start();
    holders.add(process);
    return process;
  }

  /** Every path below ROOT (not following links), ROOT first. */
  private static List<Path> tree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<PosixFilePermission> permissions(Path path) {
    try {
      return Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void everythingSetupAndTheListenersMakeIsPrivateUnderUmask000() throws Exception {
    // Init writes the "secret" with the caller's umask (000 here: mode 0666).
    fixture
        .targets("secret")
        .initScript(
            """
        if [ "${1-}" = bad ]; then echo broken >&2; exit 3; fi
        cat > "$RESOURCE_MOUNT/secret"
        """);
    fixture.lifecycle(
        Lifecycle.programs(
            fixture, temporary.resolve("programs"), "echo releasing", Map.of(), Map.of()));
    fixture.setup();
    listener("resolve-listener", "000");
    listener("release-listener", "000");
    Process first = holder();
    Run.Result miss =
        fixture
            .run("good")
            .umask("000")
            .pipe("the secret key")
            .env(Fixture.ORIGINATOR_VARIABLE, Long.toString(first.pid()))
            .run();
    assertThat(miss.status).as(miss.toString()).isZero();
    Path mount = Path.of(miss.out().strip());
    assertThat(permissions(mount.resolve("secret")))
        .as("init kept the caller's umask")
        .contains(PosixFilePermission.OTHERS_READ);
    Run.Result hit =
        fixture
            .run("good")
            .umask("000")
            .pipe("the secret key")
            .env(Fixture.ORIGINATOR_VARIABLE, Long.toString(first.pid()))
            .run();
    assertThat(hit.out()).isEqualTo(miss.out());
    // A failed init (quarantined), and one resource released (its originator ends).
    Process second = holder();
    Run.Result bad =
        fixture
            .run("bad")
            .umask("000")
            .pipe("input of the bad one")
            .env(Fixture.ORIGINATOR_VARIABLE, Long.toString(second.pid()))
            .run();
    assertThat(bad.status).isEqualTo(64);
    Process third = holder();
    Run.Result other =
        fixture
            .run("released")
            .umask("000")
            .pipe("another secret")
            .env(Fixture.ORIGINATOR_VARIABLE, Long.toString(third.pid()))
            .run();
    assertThat(other.status).as(other.toString()).isZero();
    third.destroyForcibly().waitFor();
    long released = Long.parseLong(Path.of(other.out().strip()).getFileName().toString());
    Files2.await(
        "the release",
        Duration.ofSeconds(30),
        () ->
            Files.exists(fixture.log(released).resolve("release-event.json"))
                && !Files.exists(fixture.mount(released)));
    Files2.await(
        "the quarantine",
        Duration.ofSeconds(30),
        () ->
            Files.isDirectory(
                fixture.resources.resolve("quarantine").resolve(Long.toString(released - 1))));
    // And a spooled event (Redis unreachable).
    Run.Result spooled =
        Run.of(fixture.program("publish"))
            .umask("000")
            .args("{\"spooled\":true}")
            .env("RESOURCE_REDIS", "127.0.0.1:1")
            .run();
    assertThat(spooled.status).isZero();
    assertThat(fixture.resources.resolve("spool/events")).exists();

    List<Path> files = new ArrayList<>();
    for (Path path : tree(fixture.resources)) {
      Path relative = fixture.resources.relativize(path);
      boolean initsOwn =
          relative.getNameCount() > 2 && relative.getName(0).toString().equals("mounts");
      if (Files.isSymbolicLink(path) || initsOwn) {
        continue;
      }
      assertThat(permissions(path))
          .as("mode of %s", relative)
          .doesNotContainAnyElementsOf(GROUP_OTHERS);
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        files.add(path);
      }
    }
    files.add(mount.resolve("secret"));
    assertThat(files).hasSizeGreaterThan(20);

    Assumptions.assumeTrue(
        OtherUser.available(), "not root: no second local user (cross-user part skipped)");
    try (OtherUser other2 = OtherUser.create()) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "/bin/bash",
                  "-c",
                  "n=0; for f; do if cat -- \"$f\" >/dev/null 2>&1; then n=$((n+1)); echo \"readable: $f\" >&2; fi; done; echo \"$n\"",
                  "bash"));
      files.forEach(file -> command.add(file.toString()));
      Run.Result read = other2.run(command.toArray(new String[0]));
      assertThat(read.out().strip())
          .as("files another user can read: %s", read.err())
          .isEqualTo("0");
      // The check cannot pass vacuously: the same user reads a file the test left open to all.
      Path open = Files2.write(temporary.resolve("open"), "x");
      Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
      Run.Result control = other2.run("/bin/cat", open.toString());
      assertThat(control.status).isZero();
    }
  }

  @Test
  void aResourcesDirectoryAnotherUserOwnsIsRefusedBeforeAnythingInItIsRead() throws Exception {
    Assumptions.assumeTrue(OtherUser.available(), "not root: no second local user (test skipped)");
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    String hash = fixture.expectedHash(List.of(), null);
    try (OtherUser other = OtherUser.create()) {
      // The other user made the folder first, with a planted resource and a planted lifecycle
      // entry whose release program writes a marker.
      Path planted = Files.createDirectories(fixture.resources.resolve("mounts/7"));
      Files.createDirectories(fixture.resources.resolve("canonical"));
      Files.createSymbolicLink(fixture.canonical(hash), Path.of("../mounts/7"));
      Path marker = temporary.resolve("planted-release-ran");
      Path programs = Files.createDirectories(temporary.resolve("planted-programs"));
      Files2.script(programs.resolve("release"), "touch " + Programs.quote(marker.toString()));
      Path log = Files.createDirectories(fixture.log(7).resolve("originators"));
      Files2.write(log.resolve("../lifecycle-programs"), programs + "\n");
      Files2.write(log.resolve("../event-tail.json"), "\"hash\":\"" + hash + "\",\"index\":7}");
      Files2.write(fixture.resources.resolve("lifecycle/7"), "valid\n");
      Files.setPosixFilePermissions(
          fixture.resources, PosixFilePermissions.fromString("rwxr-xr-x"));
      other.own(fixture.resources);
      other.own(programs);

      Run.Result hit = fixture.run().closed().run();
      assertThat(hit.status).isEqualTo(64);
      assertThat(hit.out()).doesNotContain(planted.toString());
      assertThat(hit.err())
          .contains(
              "RESOURCES_DIRECTORY " + fixture.resources,
              "is not owned by this user",
              "owner " + other.name + " (uid " + other.uid + ")",
              "mode 755",
              "refused");

      for (String name : List.of("release-listener", "resolve-listener")) {
        Run.Result refused = listener(name, "022").await();
        assertThat(refused.status).as(refused.toString()).isEqualTo(64);
        assertThat(refused.err())
            .contains(fixture.resources.toString(), "owner " + other.name, "mode 755");
      }
      assertThat(marker).doesNotExist();
      Run.Result counter = Run.of(fixture.program("sequential")).run();
      assertThat(counter.status).isEqualTo(64);
      assertThat(counter.err()).contains("is not owned by this user");
      Files2.deleteTree(fixture.resources);
    }
  }

  @Test
  void foldersGroupOrOthersCanWriteAreRefused() throws Exception {
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    Files.createDirectories(fixture.resources);
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwxrwxrwx"));
    Run.Result miss = fixture.run().closed().run();
    assertThat(miss.status).isEqualTo(64);
    assertThat(miss.err())
        .contains(
            "RESOURCES_DIRECTORY " + fixture.resources,
            "is writable by group or others",
            "mode 777",
            "refused");
    assertThat(fixture.resources.resolve("mounts")).doesNotExist();
    Run.Result release = listener("release-listener", "022").await();
    assertThat(release.status).isEqualTo(64);
    assertThat(release.err()).contains("writable by group or others");

    // Group-writable only, through a symlink: the folder it leads to counts.
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwxrwx---"));
    Path link = Files.createSymbolicLink(temporary.resolve("link"), fixture.resources);
    fixture.resources(link);
    Run.Result linked = fixture.run().closed().run();
    assertThat(linked.status).isEqualTo(64);
    assertThat(linked.err()).contains("mode 770");

    // A private folder works, also through the link; then the GC-root folder is checked.
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwx------"));
    Run.Result made = fixture.run().closed().run();
    assertThat(made.status).as(made.toString()).isZero();
    Files.createDirectories(fixture.gcRoot);
    Files.setPosixFilePermissions(fixture.gcRoot, PosixFilePermissions.fromString("rwxrwxr-x"));
    for (String name : List.of("release-listener", "resolve-listener")) {
      Run.Result refused = listener(name, "022").await();
      assertThat(refused.status).isEqualTo(64);
      assertThat(refused.err()).contains("RESOURCE_GC_ROOT " + fixture.gcRoot, "mode 775");
    }
    Run.Result root =
        Run.of(fixture.program("root")).args(temporary.toString()).env("RESOURCE_INDEX", "3").run();
    assertThat(root.status).isEqualTo(64);
    assertThat(root.err())
        .contains("RESOURCE_GC_ROOT " + fixture.gcRoot, "writable by group or others");
    assertThat(fixture.gcRoot.resolve("3")).doesNotExist();
  }

  @Test
  void aCacheHitRefusesFoldersGroupOrOthersCanWrite() throws Exception {
    fixture.plainHash().targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    Run.Result miss = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, "1").closed().run();
    assertThat(miss.status).as(miss.toString()).isZero();
    String originator = Long.toString(ProcessHandle.current().pid());
    // The fast hit (setup-hit.sh) checks the modes when their last check is more than 10 seconds
    // old (here: its record is gone; aHitTrustsARecentCheckOfTheSameFoldersAndNoOther has the
    // window); it falls through to setup.sh, which refuses, naming the folder, its owner and mode.
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.delete(fixture.resources.resolve("folders-checked"));
    Run.Result hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).as(hit.toString()).isEqualTo(64);
    assertThat(hit.out()).isEmpty();
    assertThat(hit.err())
        .contains(
            "RESOURCES_DIRECTORY " + fixture.resources,
            "is writable by group or others",
            "owner " + System.getProperty("user.name"),
            "mode 777",
            "refused");
    // A hit with arguments (setup.sh's own hit) as well.
    Run.Result withArguments =
        fixture.run("arg").env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(withArguments.status).isEqualTo(64);
    assertThat(withArguments.err()).contains("mode 777", "refused");
    // The GC-root folder too.
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(fixture.gcRoot);
    Files.setPosixFilePermissions(fixture.gcRoot, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.deleteIfExists(fixture.resources.resolve("folders-checked"));
    hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).isEqualTo(64);
    assertThat(hit.err())
        .contains(
            "RESOURCE_GC_ROOT " + fixture.gcRoot,
            "is writable by group or others",
            "mode 775",
            "refused");
    // Both private: the hit serves the resource.
    Files.setPosixFilePermissions(fixture.gcRoot, PosixFilePermissions.fromString("rwx------"));
    hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).as(hit.toString()).isZero();
    assertThat(hit.out()).isEqualTo(fixture.mount(100) + "\n");
  }

  /**
   * The fast hit trusts the record of a check of the very same folders for 10 seconds (hits in a
   * row start no process), then checks again; a record of other folders, or one that is not the
   * user's, is not trusted.
   */
  @Test
  void aHitTrustsARecentCheckOfTheSameFoldersAndNoOther() throws Exception {
    fixture.plainHash().targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    assertThat(fixture.run().closed().run().status).isZero();
    String originator = Long.toString(ProcessHandle.current().pid());
    Path record = fixture.resources.resolve("folders-checked");
    Run.Result hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).as(hit.toString()).isZero();
    List<String> lines = Files.readAllLines(record);
    assertThat(lines).hasSize(2).element(1).isEqualTo(fixture.resources.toString());
    long checked = Long.parseLong(lines.get(0));
    assertThat(checked)
        .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 1);

    // Within 10 seconds of that check, the user's own chmod is not seen yet by a hit...
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(
        record, (System.currentTimeMillis() / 1000) + "\n" + fixture.resources + "\n");
    hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).as(hit.toString()).isZero();
    // ...but a miss refuses at once.
    Run.Result miss =
        fixture.run("other").env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(miss.status).isEqualTo(64);
    assertThat(miss.err()).contains("mode 777", "refused");
    // A check older than 10 seconds is made again: refused.
    Files.writeString(
        record, (System.currentTimeMillis() / 1000 - 11) + "\n" + fixture.resources + "\n");
    hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).isEqualTo(64);
    assertThat(hit.err())
        .contains("RESOURCES_DIRECTORY " + fixture.resources, "mode 777", "refused");
    // So is one from the future (a clock set back), and one of other folders: a GC-root folder
    // that appeared since.
    Files.writeString(
        record, (System.currentTimeMillis() / 1000 + 3600) + "\n" + fixture.resources + "\n");
    assertThat(fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run().status)
        .isEqualTo(64);
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(fixture.gcRoot);
    Files.setPosixFilePermissions(fixture.gcRoot, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.writeString(
        record, (System.currentTimeMillis() / 1000) + "\n" + fixture.resources + "\n");
    hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
    assertThat(hit.status).isEqualTo(64);
    assertThat(hit.err()).contains("RESOURCE_GC_ROOT " + fixture.gcRoot, "mode 775", "refused");

    // A record another user wrote is not trusted.
    Assumptions.assumeTrue(
        OtherUser.available(), "not root: no second local user (the rest skipped)");
    Files.setPosixFilePermissions(fixture.gcRoot, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(fixture.resources, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.writeString(
        record,
        (System.currentTimeMillis() / 1000)
            + "\n"
            + fixture.resources
            + "\n"
            + fixture.gcRoot
            + "\n");
    try (OtherUser other = OtherUser.create()) {
      other.own(record);
      hit = fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run();
      assertThat(hit.status).isEqualTo(64);
      assertThat(hit.err()).contains("mode 777", "refused");
    }
  }

  @Test
  void aFolderMadeByTheRuntimeIsPrivateEvenUnderUmask000() {
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    Path nested = temporary.resolve("new/resources");
    fixture.resources(nested);
    Run.Result miss = fixture.run().closed().umask("000").run();
    assertThat(miss.status).as(miss.toString()).isZero();
    assertThat(PosixFilePermissions.toString(permissions(nested))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(permissions(nested.getParent())))
        .isEqualTo("rwx------");
    Run.Result root =
        Run.of(fixture.program("root"))
            .args(temporary.toString())
            .umask("000")
            .env("RESOURCE_INDEX", "3")
            .run();
    assertThat(root.status).as(root.toString()).isZero();
    assertThat(PosixFilePermissions.toString(permissions(fixture.gcRoot))).isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(permissions(fixture.gcRoot.resolve("3"))))
        .isEqualTo("rwx------");
  }
}
