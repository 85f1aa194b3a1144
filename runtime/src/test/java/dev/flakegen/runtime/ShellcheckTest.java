package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * shellcheck finds nothing in each file on its own (shellcheck -x, from the files' folder) nor in
 * each program as writeShellApplication builds it (preamble + lib/core.sh + lib/common.sh +
 * program, setup-hit.sh between the two for setup; failure, wrap and check stand alone; plain
 * shellcheck as its check phase runs it); and every disable directive is per line with a reason.
 * Each check runs with every ShellCheck of {@link Shellchecks}: the installed 0.9, trixie's 0.10
 * and sid's 0.11 (nixpkgs' writeShellApplication runs the one of its release).
 */
@RedisTest // the programs are assembled with redis-cli (Tools.folder)
class ShellcheckTest {

  @TempDir Path temporary;

  static Stream<Arguments> files() {
    return Programs.FILES.stream()
        .flatMap(file -> Shellchecks.names().stream().map(version -> Arguments.of(file, version)));
  }

  static Stream<Arguments> programs() {
    return Programs.PROGRAMS.stream()
        .flatMap(
            program -> Shellchecks.names().stream().map(version -> Arguments.of(program, version)));
  }

  static Stream<String> versions() {
    return Shellchecks.names().stream();
  }

  /** shellcheck (the given version) with {@code arguments}: it finds nothing. */
  private static void clean(String version, Path folder, String... arguments) {
    Run run = Run.of(Shellchecks.get(version).program()).args(arguments);
    if (folder != null) {
      run.in(folder);
    }
    Run.Result result = run.run();
    assertThat(result.out() + result.err()).as("shellcheck %s", version).isEmpty();
    assertThat(result.status).as("shellcheck %s", version).isZero();
  }

  @ParameterizedTest(name = "{0} with shellcheck {1}")
  @MethodSource("files")
  void eachFileAlone(String name, String version) throws IOException {
    Path folder = temporary.resolve("templates");
    for (String file : Programs.FILES) {
      Files.createDirectories(folder.resolve(file).getParent());
      Files.writeString(folder.resolve(file), Programs.source(file));
    }
    clean(version, folder, "-x", name);
  }

  @ParameterizedTest(name = "{0} with shellcheck {1}")
  @MethodSource("programs")
  void eachProgramAsBuilt(String program, String version) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("RESOURCES_DIRECTORY", "/home/user/resources");
    env.put("RESOURCE_CHANNEL", "resource");
    env.put("RESOURCE_SEQUENTIAL_START", "0");
    env.put("RESOURCE_TARGETS", List.of("a", "b c"));
    env.put("RESOURCE_INIT", "");
    Path assembled = Files2.executable(temporary.resolve(program), Programs.text(program, env));
    clean(version, null, assembled.toString());
  }

  /** The benchmark script too (tests run in the module's folder). */
  @ParameterizedTest(name = "shellcheck {0}")
  @MethodSource("versions")
  void theBenchmarkScript(String version) {
    Path bench = Path.of("bench/hit-latency").toAbsolutePath();
    assertThat(bench).isExecutable();
    clean(version, null, bench.toString());
  }

  /** wrap stands alone, but lib.nix may prepend the library to it all the same. */
  @ParameterizedTest(name = "shellcheck {0}")
  @MethodSource("versions")
  void wrapWithCommonToo(String version) {
    Path assembled =
        Files2.executable(
            temporary.resolve("wrap"),
            Programs.textWithCommon("wrap", Map.of("RESOURCE_CHANNEL", "resource")));
    clean(version, null, assembled.toString());
  }

  /**
   * With values that trip shellcheck in quoted assignments (a JSON text, a ~/ path, quotes, $,
   * backticks, '' and newlines), every assembled program, prelude included, is shellcheck-clean:
   * the prelude passes such values through here-documents.
   */
  @ParameterizedTest(name = "{0} with shellcheck {1}")
  @MethodSource("programs")
  void hostileValuesLeaveEveryProgramClean(String program, String version) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("RESOURCES_DIRECTORY", "~/resources");
    env.put("RESOURCE_CHANNEL", "it's \"resource\" $(channel) `x` ''\n${y}\\");
    env.put("RESOURCE_RELEASE", "rm -rf \"$RESOURCE_MOUNT\"/'x' # $HOME");
    env.put("RESOURCE_TARGETS", List.of("a", "b c", "d=e", "$f", "~g"));
    Path assembled = Files2.executable(temporary.resolve(program), Programs.text(program, env));
    clean(version, null, assembled.toString());
  }

  @Test
  void noBlanketDisablesAndEveryDisableHasAReason() {
    Pattern directive = Pattern.compile("#\\s*shellcheck\\s+disable=(\\S+)(.*)");
    for (String file : Programs.FILES) {
      String[] lines = Programs.source(file).split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = directive.matcher(lines[i]);
        if (!m.find()) {
          continue;
        }
        String where = file + ":" + (i + 1);
        assertThat(m.group(1)).as(where).matches("SC\\d{4}(,SC\\d{4})*");
        assertThat(m.group(2)).as(where + " gives a reason").matches("\\s*#\\s*\\S.*");
        assertThat(
                i + 1 < lines.length
                    && !lines[i + 1].isBlank()
                    && !lines[i + 1].trim().startsWith("#"))
            .as(where + " applies to the next line of code")
            .isTrue();
      }
      assertThat(Programs.source(file))
          .as(file)
          .doesNotContainPattern("(?m)^#\\s*shellcheck\\s+disable=.*\\n\\s*\\n");
    }
  }

  /** The three are the versions they stand for (so none of the checks above is vacuous). */
  @Test
  void theVersionsAreTheOnesOfBookwormTrixieAndSid() {
    Map<String, String> expected = Map.of("installed", "0.9.", "trixie", "0.10.", "sid", "0.11.");
    for (Shellchecks.Shellcheck shellcheck : Shellchecks.all()) {
      Run.Result result = Run.of(shellcheck.program()).args("--version").run();
      assertThat(result.status).isZero();
      assertThat(result.out())
          .as(shellcheck.name())
          .containsPattern(
              "(?m)^version: " + Pattern.quote(expected.get(shellcheck.name())) + "\\d+$");
    }
  }

  /** Without a reachable mirror, scripts/shellcheck-debian says why, keeps nothing, exits 1. */
  @Test
  void withoutTheMirrorTheHelperSaysWhy() throws IOException {
    Path cache = temporary.resolve("cache");
    Run.Result result =
        Run.of(Path.of("../scripts/shellcheck-debian").toAbsolutePath().normalize())
            .args("sid")
            .env("PATH", System.getenv("PATH"))
            .env("FLAKEGEN_CACHE", cache.toString())
            .env("FLAKEGEN_DEBIAN_MIRROR", "http://127.0.0.1:9/debian")
            .timeout(java.time.Duration.ofSeconds(120))
            .run();
    assertThat(result.status).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .endsWith(
            "shellcheck-debian: cannot read Debian sid's package list"
                + " from http://127.0.0.1:9/debian (no network to Debian's mirror?)\n");
    assertThat(cache.resolve("shellcheck/sid/.complete")).doesNotExist();
  }
}
