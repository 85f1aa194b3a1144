package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache hit is cheap (contract, setup step 4): counted with strace -f, it spawns no process
 * without arguments and input when RESOURCE_PLAIN_HASH is given and the folders were checked in the
 * last 10 seconds (one, stat, for the modes of the resources directory and GC-root folder,
 * otherwise), two without input (the here-string sha512sum, stat), three with a file (cat,
 * sha512sum, stat), four with a pipe (tee, sha512sum, stat, and rm for the copy); it takes no lock
 * and creates no file but that copy, the record of its originator and that of the folder check.
 */
@RedisTest
class HitCostTest {

  private static final Pattern FORK = Pattern.compile("^\\d+ +(clone|clone3|fork|vfork)\\(");
  private static final Pattern EXEC = Pattern.compile("^\\d+ +execve\\(\"([^\"]*)\"");
  private static final Pattern CREATE =
      Pattern.compile("^\\d+ +open(at)?\\(.*\"([^\"]*)\", [^)]*O_CREAT");

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  Fixture fixture;
  String strace;

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @BeforeEach
  void newFixture() {
    // Installed by scripts/prerequisites; skipped (with this message) only where it is missing.
    strace = Tools.assume("strace");
    fixture = new Fixture(temporary, redis);
    fixture.targets("a").initScript("touch \"$RESOURCE_MOUNT/a\"");
  }

  /** What strace saw of one run: forks, programs executed (after setup), files created. */
  private static final class Trace {
    int forks;
    final List<String> programs = new ArrayList<>();
    final List<String> created = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
  }

  private Trace traced(Run run, Path log) throws Exception {
    Run.Result result = run.run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo(fixture.mount(100) + "\n");
    Trace trace = new Trace();
    for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
      trace.lines.add(line);
      if (FORK.matcher(line).find()) {
        trace.forks++;
      }
      Matcher exec = EXEC.matcher(line);
      if (exec.find()) {
        trace.programs.add(Path.of(exec.group(1)).getFileName().toString());
      }
      Matcher create = CREATE.matcher(line);
      if (create.find()) {
        trace.created.add(create.group(2));
      }
    }
    assertThat(trace.programs).as("setup runs first").isNotEmpty();
    trace.programs.remove(0);
    return trace;
  }

  private Run strace(Path log, String... args) {
    Run run =
        Run.of(Path.of(strace))
            .args(
                "-f",
                "-qq",
                "-e",
                "trace=clone,clone3,fork,vfork,execve,open,openat,flock",
                "-o",
                log.toString(),
                fixture.setup().toString())
            .args(args)
            .env("RESOURCE_REDIS", redis.address());
    return run;
  }

  @Test
  void withoutArgumentsAndInputAHitWithThePlainHashSpawnsNoProcess() throws Exception {
    fixture.plainHash();
    String originator = Long.toString(ProcessHandle.current().pid());
    assertThat(fixture.run().env(Fixture.ORIGINATOR_VARIABLE, originator).closed().run().status)
        .isZero();
    Path log = temporary.resolve("strace");
    Trace trace = traced(strace(log).env(Fixture.ORIGINATOR_VARIABLE, originator).closed(), log);
    assertThat(trace.forks).as(String.join("\n", trace.lines)).isZero();
    assertThat(trace.programs).isEmpty();
    assertThat(trace.lines).noneMatch(line -> line.contains("flock("));
  }

  @Test
  void theFirstHitOfAnOriginatorRightAfterTheMissSpawnsNoProcess() throws Exception {
    fixture.plainHash();
    assertThat(fixture.run().env(Fixture.ORIGINATOR_VARIABLE, "1").closed().run().status).isZero();
    Path log = temporary.resolve("strace");
    String originator = Long.toString(ProcessHandle.current().pid());
    Trace trace = traced(strace(log).env(Fixture.ORIGINATOR_VARIABLE, originator).closed(), log);
    assertThat(trace.forks).as(String.join("\n", trace.lines)).isZero();
    String record = "/log/100/originators/" + originator + "-" + start(originator);
    assertThat(trace.created)
        .filteredOn(path -> !path.equals("/dev/null"))
        .singleElement()
        .matches(path -> path.endsWith(record));
    assertThat(trace.lines).noneMatch(line -> line.contains("flock("));
  }

  @Test
  void aHitWhoseFolderCheckIsDueSpawnsOnlyStat() throws Exception {
    fixture.plainHash();
    assertThat(fixture.run().env(Fixture.ORIGINATOR_VARIABLE, "1").closed().run().status).isZero();
    Files.delete(fixture.resources.resolve("folders-checked"));
    Path log = temporary.resolve("strace");
    String originator = Long.toString(ProcessHandle.current().pid());
    Trace trace = traced(strace(log).env(Fixture.ORIGINATOR_VARIABLE, originator).closed(), log);
    assertThat(trace.forks).as(String.join("\n", trace.lines)).isEqualTo(1);
    assertThat(trace.programs).containsExactly("stat");
    assertThat(trace.created).allMatch(HitCostTest::aFileAHitMayWrite);
    assertThat(fixture.resources.resolve("folders-checked")).isRegularFile();
    assertThat(trace.lines).noneMatch(line -> line.contains("flock("));
  }

  /** The start time of the process PID (field 22 of /proc/PID/stat). */
  private static String start(String pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", pid, "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
  }

  /**
   * The files a hit may open for writing: /dev/null, its originator record (one empty file) and the
   * record of its folder check.
   */
  private static boolean aFileAHitMayWrite(String path) {
    return path.equals("/dev/null")
        || path.matches(".*/log/100/originators/[0-9]+-[0-9]+")
        || path.endsWith("/folders-checked");
  }

  @Test
  void thePlainHashIsTheHashSetupComputes() throws Exception {
    assertThat(fixture.run().closed().run().status).isZero();
    String computed = fixture.expectedHash(java.util.List.of(), null);
    assertThat(fixture.hasCanonical(computed)).isTrue();
    fixture.plainHash();
    Run.Result hit = fixture.run().closed().run();
    assertThat(hit.status).isZero();
    assertThat(hit.out()).isEqualTo(fixture.mount(100) + "\n");
  }

  @Test
  void withArgumentsTheHashIsComputedDespiteThePlainHash() throws Exception {
    fixture.plainHash();
    assertThat(fixture.run("arg").closed().run().status).isZero();
    assertThat(fixture.hasCanonical(fixture.expectedHash(java.util.List.of("arg"), null))).isTrue();
  }

  @Test
  void withoutInputAHitSpawnsTwoProcesses() throws Exception {
    assertThat(fixture.run("arg").run().status).isZero();
    Path log = temporary.resolve("strace");
    Trace trace = traced(strace(log, "arg").closed(), log);
    assertThat(trace.forks).as(String.join("\n", trace.lines)).isEqualTo(2);
    assertThat(trace.programs).containsExactlyInAnyOrder("sha512sum", "stat");
    assertThat(trace.created).allMatch(HitCostTest::aFileAHitMayWrite);
    assertThat(trace.created).filteredOn(path -> !path.equals("/dev/null")).hasSize(2);
    assertThat(trace.lines).noneMatch(line -> line.contains("flock("));
  }

  @Test
  void withAFileAHitSpawnsThreeProcesses() throws Exception {
    Path input = Files.writeString(temporary.resolve("input"), "file input");
    assertThat(fixture.run("arg").file(input).run().status).isZero();
    Path log = temporary.resolve("strace");
    Trace trace = traced(strace(log, "arg").file(input), log);
    assertThat(trace.forks).as(String.join("\n", trace.lines)).isEqualTo(3);
    assertThat(trace.programs).containsExactlyInAnyOrder("cat", "sha512sum", "stat");
    assertThat(trace.created).allMatch(HitCostTest::aFileAHitMayWrite);
    assertThat(trace.created).filteredOn(path -> !path.equals("/dev/null")).hasSize(2);
    assertThat(trace.lines).noneMatch(line -> line.contains("flock("));
  }

  @Test
  void withAPipeAHitSpawnsFourProcesses() throws Exception {
    assertThat(fixture.run("arg").pipe("piped input").run().status).isZero();
    Path log = temporary.resolve("strace");
    Trace trace = traced(strace(log, "arg").pipe("piped input"), log);
    assertThat(trace.forks).as(String.join("\n", trace.lines)).isEqualTo(4);
    assertThat(trace.programs).containsExactlyInAnyOrder("tee", "sha512sum", "stat", "rm");
    assertThat(trace.created)
        .allMatch(path -> aFileAHitMayWrite(path) || path.contains("/tmp/input."));
    assertThat(trace.lines).noneMatch(line -> line.contains("flock("));
    assertThat(fixture.resources.resolve("tmp")).isEmptyDirectory();
  }

  /**
   * A miss starts six programs besides its init's own (README, "Performance"): sha512sum (it has an
   * argument), stat (the folders), flock (the hash's lock), mkdir (the resource's folders),
   * sha256sum (init's output) and ln (the canonical link). The first miss in a resources directory
   * also makes the directory and the counter; this is the next one.
   */
  @Test
  void aMissStartsSixProgramsBesidesInitsOwn() throws Exception {
    assertThat(fixture.run("first").closed().run().status).isZero();
    Path log = temporary.resolve("strace");
    Run.Result result = strace(log, "second").closed().run();
    assertThat(result.status).as(result.toString()).isZero();
    List<String> programs = new ArrayList<>();
    int folderChecks = 0;
    for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
      Matcher exec = EXEC.matcher(line);
      if (exec.find()) {
        programs.add(Path.of(exec.group(1)).getFileName().toString());
      }
      Matcher create = CREATE.matcher(line);
      if (create.find() && create.group(2).endsWith("/folders-checked")) {
        folderChecks++;
      }
    }
    assertThat(folderChecks).as("the folder check is recorded once").isEqualTo(1);
    assertThat(programs.remove(0)).isEqualTo("setup");
    // The init script (init-…) and the touch it runs are init's own.
    programs.removeIf(program -> program.startsWith("init-") || program.equals("touch"));
    assertThat(programs)
        .containsExactlyInAnyOrder("sha512sum", "stat", "flock", "mkdir", "sha256sum", "ln");
  }

  @Test
  void aMissTakesTheLock() throws Exception {
    Path log = temporary.resolve("strace");
    Run.Result result = strace(log, "miss").closed().run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(Files.readAllLines(log))
        .anyMatch(line -> EXEC.matcher(line).find() && line.contains("/flock\""));
  }
}
