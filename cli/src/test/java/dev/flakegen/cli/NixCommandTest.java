package dev.flakegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flakegen nix eval|build|path-info|copy} against the real Nix. */
@NixTest
class NixCommandTest {

  private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
  private static final String HOSTPKGS = "path:" + REPOSITORY.resolve("hostpkgs");
  private static final String MISSING =
      "/nix/store/00000000000000000000000000000000-flakegen-never-built";

  private static String derivation(String name) {
    return "derivation { name = \"" + name + "\"; system = builtins.currentSystem;"
        + " builder = \"/bin/sh\"; args = [ \"-c\" \"echo building it; echo hi > $out\" ]; }";
  }

  @Test
  void evalPrintsJson() {
    CliRun run = CliRun.of("nix", "eval", "--expr", "{ a = [ 1 2.5 \"x\" null true ]; }");
    assertThat(run.err).isEmpty();
    assertThat(run.out()).isEqualTo("{\"a\":[1,2.5,\"x\",null,true]}\n");
    assertThat(run.status).isZero();

    run = CliRun.of("nix", "eval", "--expr", "{ n, s }: \"${toString n} ${s}\"",
        "--arg", "n", "1 + 1", "--argstr", "s", "two");
    assertThat(run.out()).isEqualTo("\"2 two\"\n");
  }

  @Test
  void evalOfAGeneratedFlakeAndAnObservedAttribute() {
    String flake = "path:" + REPOSITORY.resolve("examples/hello");
    CliRun run = CliRun.of("nix", "eval", flake + "#packages.x86_64-linux.hello",
        "--override-input", "nixpkgs", HOSTPKGS, "--observe", "meta.mainProgram");
    assertThat(run.out()).isEqualTo("\"setup\"\n");
    assertThat(run.status).isZero();
  }

  @Test
  void evalErrorsExitWithOneAndUsageErrorsWithTwo() {
    CliRun run = CliRun.of("nix", "eval", "--expr", "let a = { }; in a.b");
    assertThat(run.status).isEqualTo(1);
    assertThat(run.out).isEmpty();
    assertThat(run.err).isEqualTo(
        "nix eval: error: attribute 'b' missing (at «string»:1:17)\n");

    run = CliRun.of("nix", "eval", "--expr", "1 +");
    assertThat(run.status).isEqualTo(1);
    assertThat(run.err).isEqualTo(
        "nix eval: error: syntax error, unexpected end of file (at «string»:1:3)\n");

    assertThat(CliRun.of("nix").status).isEqualTo(2);
    assertThat(CliRun.of("nix", "eval").status).isEqualTo(2);
    assertThat(CliRun.of("nix", "eval", "--expr", "1", "path:/x#y").status).isEqualTo(2);
    assertThat(CliRun.of("nix", "path-info", "/tmp/not-a-store-path").status).isEqualTo(2);
    assertThat(CliRun.of("nix", "copy", MISSING).status).isEqualTo(2);
    assertThat(CliRun.of("nix", "eval", "--expr", "1", "--timeout", "0").status).isEqualTo(2);
  }

  @Test
  void buildPathInfoAndCopy(@TempDir Path cache) throws Exception {
    String name = "flakegen-cli-n" + UUID.randomUUID().toString().replace("-", "");
    CliRun build = CliRun.of("nix", "build", "--expr", derivation(name));
    assertThat(build.status).isZero();
    assertThat(build.err).contains(name + "> building it");
    String path = build.out().strip();
    assertThat(path).endsWith("-" + name);
    assertThat(Files.readString(Path.of(path))).isEqualTo("hi\n");

    CliRun info = CliRun.of("nix", "path-info", path, MISSING);
    assertThat(info.status).isEqualTo(1);
    assertThat(info.out()).isEqualTo("valid " + path + "\nmissing " + MISSING + "\n");
    assertThat(CliRun.of("nix", "path-info", path).status).isZero();

    String store = "file://" + cache;
    assertThat(CliRun.of("nix", "path-info", "--store", store, path).out())
        .isEqualTo("missing " + path + "\n");
    CliRun copy = CliRun.of("nix", "copy", "--to", store, path);
    assertThat(copy.status).isZero();
    assertThat(copy.out()).isEqualTo(path + "\n");
    assertThat(CliRun.of("nix", "path-info", "--store", store, path).out())
        .isEqualTo("valid " + path + "\n");

    CliRun failed = CliRun.of("nix", "copy", "--to", store, MISSING);
    assertThat(failed.status).isEqualTo(1);
    assertThat(failed.err).contains("is not valid in auto");
  }
}
