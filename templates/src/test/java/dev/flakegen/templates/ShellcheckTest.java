package dev.flakegen.templates;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.params.provider.MethodSource;

/**
 * shellcheck finds nothing in each file on its own (shellcheck -x, from the files' folder) nor in
 * each program as writeShellApplication builds it (preamble + lib/common.sh + program; failure and
 * wrap stand alone; plain shellcheck as its check phase runs it); and every disable directive is
 * per line with a reason.
 */
class ShellcheckTest {

  @TempDir Path temporary;

  static Stream<String> files() {
    return Programs.FILES.stream();
  }

  static Stream<String> programs() {
    return Programs.PROGRAMS.stream();
  }

  @ParameterizedTest
  @MethodSource("files")
  void eachFileAlone(String name) throws IOException {
    Path folder = temporary.resolve("templates");
    for (String file : Programs.FILES) {
      Files.createDirectories(folder.resolve(file).getParent());
      Files.writeString(folder.resolve(file), Programs.source(file));
    }
    Run.Result result = Run.of(Path.of(Tools.require("shellcheck")))
        .args("-x", name)
        .in(folder)
        .run();
    assertThat(result.out() + result.err()).isEmpty();
    assertThat(result.status).isZero();
  }

  @ParameterizedTest
  @MethodSource("programs")
  void eachProgramAsBuilt(String program) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("RESOURCES_DIRECTORY", "/home/user/resources");
    env.put("RESOURCE_CHANNEL", "resource");
    env.put("RESOURCE_SEQUENTIAL_START", "0");
    env.put("RESOURCE_TARGETS", List.of("a", "b c"));
    env.put("RESOURCE_INIT", "");
    Path assembled = Files2.executable(temporary.resolve(program), Programs.text(program, env));
    Run.Result result = Run.of(Path.of(Tools.require("shellcheck"))).args(assembled.toString()).run();
    assertThat(result.out() + result.err()).isEmpty();
    assertThat(result.status).isZero();
  }

  /** The benchmark script too (tests run in the module's folder). */
  @Test
  void theBenchmarkScript() {
    Path bench = Path.of("bench/hit-latency").toAbsolutePath();
    assertThat(bench).isExecutable();
    Run.Result result = Run.of(Path.of(Tools.require("shellcheck"))).args(bench.toString()).run();
    assertThat(result.out() + result.err()).isEmpty();
    assertThat(result.status).isZero();
  }

  /** wrap stands alone, but lib.nix may prepend lib/common.sh to it all the same. */
  @Test
  void wrapWithCommonToo() {
    Path assembled = Files2.executable(temporary.resolve("wrap"),
        Programs.textWithCommon("wrap", Map.of("RESOURCE_CHANNEL", "resource")));
    Run.Result result = Run.of(Path.of(Tools.require("shellcheck"))).args(assembled.toString()).run();
    assertThat(result.out() + result.err()).isEmpty();
    assertThat(result.status).isZero();
  }

  /**
   * With values that trip shellcheck in quoted assignments (a JSON text, a ~/ path, quotes, $,
   * backticks, '' and newlines), every assembled program, prelude included, is shellcheck-clean:
   * the prelude passes such values through here-documents.
   */
  @ParameterizedTest
  @MethodSource("programs")
  void hostileValuesLeaveEveryProgramClean(String program) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("RESOURCES_DIRECTORY", "~/resources");
    env.put("RESOURCE_CHANNEL", "it's \"resource\" $(channel) `x` ''\n${y}\\");
    env.put("RESOURCE_RELEASE", "rm -rf \"$RESOURCE_MOUNT\"/'x' # $HOME");
    env.put("RESOURCE_TARGETS", List.of("a", "b c", "d=e", "$f", "~g"));
    Path assembled = Files2.executable(temporary.resolve(program), Programs.text(program, env));
    Run.Result result = Run.of(Path.of(Tools.require("shellcheck"))).args(assembled.toString()).run();
    assertThat(result.out() + result.err()).isEmpty();
    assertThat(result.status).isZero();
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
        assertThat(i + 1 < lines.length && !lines[i + 1].isBlank() && !lines[i + 1].trim().startsWith("#"))
            .as(where + " applies to the next line of code")
            .isTrue();
      }
      assertThat(Programs.source(file)).as(file).doesNotContainPattern("(?m)^#\\s*shellcheck\\s+disable=.*\\n\\s*\\n");
    }
  }
}
