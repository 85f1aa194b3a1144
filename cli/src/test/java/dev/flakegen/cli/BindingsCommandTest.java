package dev.flakegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindingsCommandTest {

  private static final Path FLAKE = Path.of("../examples/hello/flake.nix");

  @Test
  void writesTheClassOnceThenLeavesItUnchanged(@TempDir Path out) throws Exception {
    CliRun first = CliRun.of("bindings", FLAKE.toString(), "--function", "outputs.lib",
        "--package", "com.example", "--out", out.toString());
    Path written = out.resolve("com/example/LibArguments.java");
    assertThat(first.status).as(first.err).isZero();
    assertThat(first.out()).isEqualTo("written " + written + "\n");
    assertThat(Files.readString(written, StandardCharsets.UTF_8))
        .contains("public final class LibArguments").contains("public Builder yqGo(Expr value)");

    CliRun second = CliRun.of("bindings", FLAKE.toString(), "--function", "outputs.lib",
        "--package", "com.example", "--out", out.toString(), "--class", "LibArguments");
    assertThat(second.status).isZero();
    assertThat(second.out()).isEqualTo("unchanged " + written + "\n");
  }

  @Test
  void aParseErrorIsPrintedAsNixPrintsIt(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.nix"), "{ a = ; }");
    CliRun run = CliRun.of("bindings", bad.toString(), "--package", "p", "--out",
        dir.resolve("out").toString());
    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).isEqualTo(bad + ":1:7: error: syntax error, unexpected ';'\n");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aPathToNoFunctionIsAnInputErrorNamingThePath(@TempDir Path out) {
    CliRun run = CliRun.of("bindings", FLAKE.toString(), "--function", "outputs.nothing",
        "--package", "p", "--out", out.toString());
    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).startsWith("bindings: error: attribute path 'outputs.nothing' of "
        + FLAKE + ": there is no attribute 'nothing' in the attribute set at " + FLAKE + ":");
  }

  @Test
  void aMissingFileIsAnIoErrorAndAMissingOptionAUsageError(@TempDir Path out) {
    CliRun missing = CliRun.of("bindings", out.resolve("absent.nix").toString(), "--package",
        "p", "--out", out.toString());
    assertThat(missing.status).isEqualTo(1);
    assertThat(missing.err).isEqualTo("bindings: error: " + out.resolve("absent.nix")
        + ": no such file\n");

    CliRun usage = CliRun.of("bindings", FLAKE.toString(), "--out", out.toString());
    assertThat(usage.status).isEqualTo(2);
    assertThat(usage.err).contains("Missing required option: '--package=P'");
  }
}
