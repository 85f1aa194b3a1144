package dev.flakegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code parse} contract other tools rely on (see the architecture's CLI contract). */
class ParseCommandTest {

  @TempDir
  Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void canonicalPrintsOneLinePerAcceptedFile() throws IOException {
    Path a = write("a.nix", "let x = 1; y = 2; in x");
    Path b = write("b.nix", "{ b = ./c; a = -1; }");
    CliRun run = CliRun.of("parse", "--canonical", a.toString(), b.toString());
    assertThat(run.status).isZero();
    assertThat(run.out()).isEqualTo("(let x = 1; y = 2; in x)\n"
        + "{ a = (__sub 0 1); b = " + dir.toRealPath() + "/c; }\n");
    assertThat(run.err).isEmpty();
  }

  @Test
  void theNixVersionChoosesTheDialect() throws IOException {
    Path a = write("a.nix", "x: let y = 2; inherit x; in { inherit x; s = \"$a\"; }");
    CliRun old = CliRun.of("parse", "--canonical", "--nix-version", "2.8", a.toString());
    assertThat(old.out()).isEqualTo(
        "(x: (let y = 2; inherit x; in { s = \"\\$a\"; inherit x ; }))\n");
    CliRun today = CliRun.of("parse", "--canonical", "--nix-version", "2.26", a.toString());
    assertThat(today.out())
        .isEqualTo("(x: (let inherit x; y = 2; in { inherit x; s = \"$a\"; }))\n");
    assertThat(CliRun.of("parse", "--canonical", a.toString()).out()).isEqualTo(today.out());
  }

  @Test
  void pipeOperatorsNeedTheirFeature() throws IOException {
    Path pipe = write("pipe.nix", "x: x |> toString");
    CliRun off = CliRun.of("parse", pipe.toString());
    assertThat(off.status).isEqualTo(1);
    assertThat(off.err).isEqualTo(pipe + ":1:6: error: experimental Nix feature 'pipe-operators'"
        + " is disabled; add '--extra-experimental-features pipe-operators' to enable it\n");
    CliRun on = CliRun.of("parse", "--canonical", "--experimental-features", "pipe-operators",
        pipe.toString());
    assertThat(on.status).isZero();
    assertThat(on.out()).isEqualTo("(x: (toString x))\n");
    CliRun old = CliRun.of("parse", "--nix-version", "2.8", pipe.toString());
    assertThat(old.err).isEqualTo(pipe + ":1:6: error: syntax error, unexpected invalid token\n");
    assertThat(CliRun.of("parse", "--nix-version", "2.8", "--experimental-features",
        "pipe-operators", pipe.toString()).status).isEqualTo(2);
  }

  @Test
  void withoutCanonicalAcceptedFilesPrintNothing() throws IOException {
    CliRun run = CliRun.of("parse", write("a.nix", "1 + 2").toString());
    assertThat(run.status).isZero();
    assertThat(run.out).isEmpty();
    assertThat(run.err).isEmpty();
  }

  @Test
  void aRejectedFilePrintsFileLineColAndTheRunGoesOn() throws IOException {
    Path bad = write("bad.nix", "{\n  a = 1;\n  a = 2;\n}");
    Path undefined = write("undefined.nix", "x: y");
    Path good = write("good.nix", "[ 1 ]");
    CliRun run = CliRun.of("parse", "--canonical", bad.toString(), undefined.toString(),
        good.toString());
    assertThat(run.status).isEqualTo(1);
    assertThat(run.out()).isEqualTo("[ (1) ]\n");
    assertThat(run.err).isEqualTo(bad + ":3:3: error: attribute 'a' already defined at "
        + bad.toRealPath() + ":2:3\n" + undefined + ":1:4: error: undefined variable 'y'\n");
  }

  @Test
  void aMissingFileIsRejected() {
    CliRun run = CliRun.of("parse", dir.resolve("nope.nix").toString());
    assertThat(run.status).isEqualTo(1);
    assertThat(run.err).startsWith(dir.resolve("nope.nix") + ": error: ");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(CliRun.of("parse").status).isEqualTo(2);
    assertThat(CliRun.of("parse", "--no-such-option", "x.nix").status).isEqualTo(2);
    assertThat(CliRun.of("parse", "--nix-version", "2.9", "x.nix").status).isEqualTo(2);
    assertThat(CliRun.of("no-such-command").status).isEqualTo(2);
  }

  @Test
  void helpDescribesTheCommands() {
    CliRun run = CliRun.of("--help");
    assertThat(run.status).isZero();
    assertThat(run.out()).contains("parse").contains("fmt").contains("demo");
  }

  @Test
  void withoutPicocliEveryRunIsWhatPicocliAndTheFullModelGive() throws IOException {
    Path good = write("good.nix", "{ b = 1; a = \"x\"; }\n");
    Path bad = write("bad.nix", "{ a = y; }");
    Path missing = dir.resolve("missing.nix");
    // let bindings: Nix 2.26 prints them sorted, 2.8 in its own order
    Path let = write("let.nix", "let zeta = 1; alpha = 2; in zeta + alpha\n");
    String[][] runs = {
        {"parse", good.toString()},
        {"parse", "--canonical", let.toString()},
        {"parse", "--canonical", "--nix-version", "2.8", let.toString()},
        {"parse", "--nix-version", "2.26", "--canonical", let.toString(), bad.toString()},
        {"parse", "--nix-version", "9.9", good.toString()},
        {"parse", "--nix-version"},
        {"parse", "--nix-version", "--canonical", good.toString()},
        {"parse", "--canonical", good.toString(), bad.toString(), missing.toString()},
        {"parse", good.toString(), "--canonical"},
        {"parse", "--canonical", "--canonical", good.toString()},
        {"parse", "--", good.toString()},
        {"parse", "--help"},
        {"parse", "-V"},
        {"parse"},
        {"parse", "--canonical"},
        {"parse", "-x", good.toString()},
        {"parse", "@" + good},
        {"fmt", good.toString()},
        {"fmt"},
        {"generate", "--list-examples"},
        {"nix"},
        {"no-such-command"},
        {"--help"},
        {"help", "parse"},
        {}};
    for (String[] args : runs) {
      String fast = CliRun.of(args).all();
      assertThat(fast).as(String.join(" ", args))
          .isEqualTo(CliRun.of(FlakegenCli::withPicocli, args).all())
          .isEqualTo(CliRun.of(FlakegenCli::withAllSubcommands, args).all());
    }
    CliRun.Entry fastPathOnly = args -> ParseCommand.withoutPicocli(args).orElse(-1);
    assertThat(CliRun.of(fastPathOnly, "parse", "--canonical", good.toString()).out())
        .isEqualTo("{ a = \"x\"; b = 1; }\n");
    assertThat(CliRun.of(fastPathOnly, "parse", "--canonical", "--nix-version", "2.8",
        let.toString()).status).isZero();
    assertThat(CliRun.of(fastPathOnly, "parse", "--help").status).isEqualTo(-1);
    assertThat(CliRun.of(fastPathOnly, "parse", "--canonical").status).isEqualTo(-1);
    assertThat(CliRun.of(fastPathOnly, "parse", "-", good.toString()).status).isEqualTo(-1);
  }
}
