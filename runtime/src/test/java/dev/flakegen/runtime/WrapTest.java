package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wrap INPUT OUTPUT MODE [DIRECTIVE…]: every directive and every error case of the contract. */
@RedisTest // the programs are assembled with redis-cli (Tools.folder)
class WrapTest {

  @TempDir Path temporary;
  private Path wrap;
  private Path mount;

  @BeforeEach
  void assemble() throws IOException {
    wrap = Programs.assemble(temporary.resolve("bin"), "wrap", Map.of());
    mount = Files.createDirectories(temporary.resolve("mount"));
  }

  private Path template(String text) throws IOException {
    return template(text.getBytes(StandardCharsets.UTF_8));
  }

  private Path template(byte[] bytes) throws IOException {
    Path file = Files.createTempFile(temporary, "template-", "");
    Files.write(file, bytes);
    return file;
  }

  private Run wrap(Path input, String output, String mode, String... directives) {
    return Run.of(wrap).args(input.toString(), output, mode).args(directives)
        .env("RESOURCE_WRAP_ROOT", mount.toString());
  }

  private String produced(Run run, String output) throws IOException {
    Run.Result result = run.run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(result.out).isEmpty();
    assertThat(result.err).isEmpty();
    return Files.readString(mount.resolve(output));
  }

  /** Fails with one line on standard error (containing FRAGMENT) and creates nothing. */
  private void fails(Run run, String output, String fragment) {
    boolean existed = Files.exists(mount.resolve(output));
    Run.Result result = run.run();
    assertThat(result.status).as(result.toString()).isEqualTo(64);
    assertThat(result.out).isEmpty();
    assertThat(result.err()).startsWith("wrap: ").endsWith("\n").contains(fragment);
    assertThat(result.err().indexOf('\n')).as("one line: " + result.err()).isEqualTo(result.err().length() - 1);
    if (!existed) {
      assertThat(mount.resolve(output)).doesNotExist();
    }
  }

  @Test
  void setReplacesBraceAndPlainPlaceholdersSeparately() throws IOException {
    Path input = template("a=${A} b=$B c=${B} d=$A e=${A}$A\n");
    String text = produced(wrap(input, "out", "0644",
        "--set-brace", "A", "x", "--set-plain", "B", "y", "--set-brace", "B", "z", "--set-plain", "A", "w"), "out");
    assertThat(text).isEqualTo("a=x b=y c=z d=w e=xw\n");
  }

  @Test
  void inheritTakesTheEnvironmentValueExactly() throws IOException {
    String value = "it's \"quoted\" $(not run) ${NOT} \\ back\nslash ünïcödé";
    Path input = template("[${FOO}|$FOO]");
    String text = produced(wrap(input, "out", "0600", "--inherit-brace", "FOO", "--inherit-plain", "FOO")
        .env("FOO", value), "out");
    assertThat(text).isEqualTo("[" + value + "|" + value + "]");
  }

  @Test
  void inheritReadsTheEnvironmentNotWrapsOwnVariables() throws IOException {
    // "text", "input" and "mode" are names wrap uses inside; the environment's values win.
    Path input = template("${text} $input ${mode}");
    String text = produced(wrap(input, "out", "0644",
        "--inherit-brace", "text", "--inherit-plain", "input", "--inherit-brace", "mode")
        .env("text", "T").env("input", "I").env("mode", "M"), "out");
    assertThat(text).isEqualTo("T I M");
  }

  @Test
  void literalLeavesPlaceholdersAsTheyAre() throws IOException {
    Path input = template("exec ${HOME}/bin $PATH ${PATH}");
    String text = produced(wrap(input, "out", "0755",
        "--literal-brace", "HOME", "--literal-plain", "PATH", "--set-brace", "PATH", "/p"), "out");
    assertThat(text).isEqualTo("exec ${HOME}/bin $PATH /p");
  }

  @Test
  void dollarsThatAreNotPlaceholdersAreLiteral() throws IOException {
    String text = "cost: $5, $$, $ alone, ${x:-default}, ${#array[@]}, ${ X}, $1, $-, ${}, $é, ü, end$";
    Path input = template(text + "${X}ü$Y");
    assertThat(produced(wrap(input, "out", "0644", "--set-brace", "X", "!", "--set-plain", "Y", "ÿ")
        .env("LC_ALL", "C.UTF-8"), "out")).isEqualTo(text + "!üÿ");
  }

  @Test
  void valuesAreInsertedAsDataAndNotScannedAgain() throws IOException {
    String value = "${B} $B $(touch pwned) `touch pwned2` \\1 & \\n \"' \n";
    Path input = template("<${A}> <$B>");
    String text = produced(wrap(input, "out", "0644", "--set-brace", "A", value, "--set-plain", "B", "b")
        .in(temporary), "out");
    assertThat(text).isEqualTo("<" + value + "> <b>");
    assertThat(temporary.resolve("pwned")).doesNotExist();
    assertThat(temporary.resolve("pwned2")).doesNotExist();
  }

  @Test
  void aTemplateWithoutPlaceholdersIsCopiedByteForByte() throws IOException {
    byte[] bytes = new byte[255];
    for (int i = 0; i < 255; i++) {
      bytes[i] = (byte) (i + 1);
    }
    Path input = template(bytes);
    // 0x24 is '$' followed by '%': literal.
    Run.Result result = wrap(input, "copy", "0644").run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(Files.readAllBytes(mount.resolve("copy"))).isEqualTo(bytes);
  }

  @Test
  void setsTheModeAndCreatesParentFolders() throws IOException {
    Path input = template("#!/bin/sh\n");
    produced(wrap(input, "deep/er/run", "0750"), "deep/er/run");
    assertThat(Files.getPosixFilePermissions(mount.resolve("deep/er/run")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
    produced(wrap(input, "other", "444"), "other");
    assertThat(Files.getPosixFilePermissions(mount.resolve("other")))
        .isEqualTo(PosixFilePermissions.fromString("r--r--r--"));
  }

  @Test
  void failsWhenOutputExists() throws IOException {
    Files.writeString(mount.resolve("out"), "before");
    fails(wrap(template("x"), "out", "0644"), "out", "OUTPUT exists");
    assertThat(mount.resolve("out")).hasContent("before");
  }

  @Test
  void failsWhenADirectiveNamesAnAbsentPlaceholder() throws IOException {
    fails(wrap(template("${A}"), "out", "0644", "--set-brace", "A", "a", "--set-plain", "A", "b"), "out",
        "--set-plain A: INPUT has no such placeholder");
    fails(wrap(template("x"), "out", "0644", "--literal-brace", "A"), "out", "--literal-brace A");
    fails(wrap(template("x"), "out", "0644", "--inherit-plain", "HOME"), "out", "--inherit-plain HOME");
  }

  @Test
  void failsWhenAPlaceholderIsNotAccountedFor() throws IOException {
    fails(wrap(template("${A} $B"), "out", "0644", "--set-brace", "A", "a"), "out",
        "placeholders no directive accounts for: $B");
    fails(wrap(template("${A} $B"), "out", "0644", "--set-plain", "B", "b"), "out",
        "placeholders no directive accounts for: ${A}");
    // A plain name is as long as it can be: $FOObar is not $FOO.
    fails(wrap(template("$FOObar"), "out", "0644", "--set-plain", "FOO", "x"), "out", "$FOObar");
  }

  @Test
  void failsOnUnknownDirectivesAndMissingArguments() throws IOException {
    Path input = template("${A}");
    fails(wrap(input, "out", "0644", "--set-brace", "A", "a", "--bogus", "A"), "out", "unknown directive: --bogus");
    fails(wrap(input, "out", "0644", "--set-brace"), "out", "--set-brace needs a NAME");
    fails(wrap(input, "out", "0644", "--set-brace", "A"), "out", "--set-brace A needs a VALUE");
    fails(wrap(input, "out", "0644", "--inherit-brace"), "out", "--inherit-brace needs a NAME");
    fails(wrap(input, "out", "0644", "--set-brace", "1A", "a"), "out", "not a placeholder name");
    fails(wrap(input, "out", "0644", "--set-brace", "A", "a", "--literal-brace", "A"), "out",
        "two directives for one placeholder");
    fails(wrap(input, "out", "0644", "--inherit-brace", "A").env("UNRELATED", "x"), "out",
        "environment variable A is not set");
    fails(Run.of(wrap).args(input.toString(), "out").env("RESOURCE_WRAP_ROOT", mount.toString()), "out", "usage");
  }

  @Test
  void failsWhenInputIsNotAReadableFile() throws IOException {
    fails(wrap(temporary.resolve("missing"), "out", "0644"), "out", "INPUT is not a readable file");
    fails(wrap(temporary, "out", "0644"), "out", "INPUT is not a readable file");
    fails(wrap(template(new byte[] {'a', 0, 'b'}), "out", "0644"), "out", "NUL byte");
  }

  @Test
  void failsOnBadModesAndOutputs() throws IOException {
    Path input = template("x");
    fails(wrap(input, "out", "rwx"), "out", "MODE is not an octal mode");
    fails(wrap(input, "out", "0888"), "out", "MODE is not an octal mode");
    fails(wrap(input, "out", "12345"), "out", "MODE is not an octal mode");
    fails(wrap(input, "/etc/out", "0644"), "etc-out", "OUTPUT must be a relative file path");
    fails(wrap(input, "a/../../escape", "0644"), "escape", "OUTPUT must be a relative file path");
    fails(wrap(input, "dir/", "0644"), "dir", "OUTPUT must be a relative file path");
    fails(wrap(input, "", "0644"), "empty", "OUTPUT must be a relative file path");
    assertThat(temporary.resolve("escape")).doesNotExist();
  }

  @Test
  void failsWithoutTheMountFolder() throws IOException {
    Run.Result result = Run.of(wrap).args(template("x").toString(), "out", "0644")
        .env("RESOURCE_WRAP_ROOT", temporary.resolve("no-such-mount").toString()).run();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.err()).contains("does not exist (wrap runs inside init)");
    assertThat(temporary.resolve("no-such-mount")).doesNotExist();
  }
}
