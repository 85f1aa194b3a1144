package dev.flakegen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.examples.Examples;
import dev.flakegen.examples.HelloExample;
import dev.flakegen.output.GeneratedHeader;
import dev.flakegen.model.Flake;
import dev.flakegen.model.InvalidModels;
import dev.flakegen.model.ModelValidationTest;
import dev.flakegen.render.FlakeRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flakegen generate}: examples, model classes, model errors, the report. */
class GenerateCommandTest {

  @TempDir
  Path dir;

  @Test
  void listsTheExamples() {
    CliRun run = CliRun.of("generate", "--list-examples");
    assertThat(run.status).isZero();
    assertThat(run.out()).startsWith("hello\t").contains("\nkeyring\t").contains("\ntransient\t");
    assertThat(run.err).isEmpty();
  }

  @Test
  void writesAnExampleThenFindsItUnchanged() throws IOException {
    Path out = dir.resolve("hello");
    CliRun first = CliRun.of("generate", "--example", "hello", "--out", out.toString());
    assertThat(first.err).isEmpty();
    assertThat(first.status).isZero();
    assertThat(first.out()).isEqualTo("written\t" + out.resolve("flake.nix") + "\n"
        + "written\t" + out.resolve("lib.nix") + "\n"
        + "written\t" + out.resolve("module.nix") + "\n"
        + "written\t" + out.resolve("scripts.nix") + "\n");
    Flake hello = Examples.get("hello").flake();
    for (String file : FlakeRenderer.FILES) {
      assertThat(Files.readAllBytes(out.resolve(file))).isEqualTo(FlakeRenderer.render(hello,
          GeneratedHeader.of(HelloExample.class.getName(),
              "flakegen generate --example hello --out DIR")).bytes(file));
    }
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(out.resolve("lib.nix"), old);
    Files.writeString(out.resolve("flake.nix"), GeneratedHeader.MARKER + "\n{ }\n");
    CliRun second = CliRun.of("generate", "--example", "hello", "--out", out.toString());
    assertThat(second.status).isZero();
    assertThat(second.out()).isEqualTo("written\t" + out.resolve("flake.nix") + "\n"
        + "unchanged\t" + out.resolve("lib.nix") + "\n"
        + "unchanged\t" + out.resolve("module.nix") + "\n"
        + "unchanged\t" + out.resolve("scripts.nix") + "\n");
    assertThat(Files.getLastModifiedTime(out.resolve("lib.nix"))).isEqualTo(old);
  }

  @Test
  void anUnknownExampleIsAUsageError() {
    CliRun run = CliRun.of("generate", "--example", "nope", "--out", dir.toString());
    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).startsWith("generate: error: no example \"nope\" (examples: hello,"
        + " keyring, transient, secrets)\n");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(CliRun.of("generate").status).isEqualTo(2);
    assertThat(CliRun.of("generate", "--example", "hello").status).isEqualTo(2);
    assertThat(CliRun.of("generate", "--example", "hello", "--model", "x.Y", "--out", "d")
        .status).isEqualTo(2);
    assertThat(CliRun.of("generate", "--example", "hello", "--classpath", "x", "--out", "d")
        .status).isEqualTo(2);
  }

  @Test
  void everyProblemOfAModelIsPrintedOnALineOfItsOwn() {
    Path out = dir.resolve("out");
    InvalidModels.next = () -> dev.flakegen.model.ModelFixtures.flake()
        .addResource("record", dev.flakegen.model.ModelFixtures.implementation("a/b"))
        .addCheck("c", dev.flakegen.model.Check.builder("recrod"))
        .build();
    CliRun run = CliRun.of("generate", "--model", InvalidModels.class.getName(), "--out",
        out.toString());
    assertThat(run.err).isEqualTo(""
        + "generate: error: flake.resources.record.targets[0]: \"a/b\" must not contain '/'\n"
        + "generate: error: flake.checks.c.resource: \"recrod\" is not a resource of the flake"
        + " (did you mean \"record\"?)\n");
    assertThat(run.status).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  @Test
  void everyModelErrorPrintsTheFieldAndWritesNothing() throws IOException {
    Path out = dir.resolve("out");
    Path existing = dir.resolve("existing");
    Files.createDirectories(existing);
    Files.writeString(existing.resolve("flake.nix"), "old\n");
    for (ModelValidationTest.Case rule : ModelValidationTest.cases()) {
      InvalidModels.next = () -> (Flake) rule.build().get();
      for (Path target : List.of(out, existing)) {
        CliRun run = CliRun.of("generate", "--model", InvalidModels.class.getName(), "--out",
            target.toString());
        assertThat(run.err).as(rule.name()).isEqualTo("generate: error: " + rule.message() + "\n");
        assertThat(run.status).as(rule.name()).isEqualTo(2);
        assertThat(run.out).as(rule.name()).isEmpty();
      }
      assertThat(out).as(rule.name()).doesNotExist();
      try (Stream<Path> files = Files.list(existing)) {
        assertThat(files).as(rule.name()).containsExactly(existing.resolve("flake.nix"));
      }
      assertThat(Files.readString(existing.resolve("flake.nix"))).isEqualTo("old\n");
    }
  }

  @Test
  void rendersAModelClassFromAClassPath() throws IOException {
    Path source = dir.resolve("src/demo/Tiny.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package demo;

        import dev.flakegen.model.*;

        public class Tiny implements FlakeModel {
          @Override
          public Flake flake() {
            return Flake.builder()
                .description("tiny")
                .parameters(LibParameters.builder().originatorPidVariable("PID")
                    .resourcesDirectory("/r").storeGarbageCollectionRoot("/g"))
                .addResource("empty", Implementation.builder())
                .build();
          }
        }
        """, StandardCharsets.UTF_8);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    int compiled = compiler.run(null, null, null, "-classpath",
        System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
    assertThat(compiled).isZero();
    Path out = dir.resolve("out");

    CliRun missing = CliRun.of("generate", "--model", "demo.Tiny", "--out", out.toString());
    assertThat(missing.status).isEqualTo(2);
    assertThat(missing.err).isEqualTo("generate: error: class demo.Tiny not found (use"
        + " --classpath)\n");

    CliRun run = CliRun.of("generate", "--model", "demo.Tiny", "--classpath",
        classes.toString(), "--out", out.toString());
    assertThat(run.err).isEmpty();
    assertThat(run.status).isZero();
    assertThat(Files.readString(out.resolve("flake.nix"))).startsWith(
        "# @generated by flakegen from demo.Tiny: do not edit.\n"
            + "# Regenerate: flakegen generate --model demo.Tiny --out DIR\n")
        .contains("description = \"tiny\";");
  }

  @Test
  void rendersAModelThatUsesAnInputsResource() throws IOException {
    Path source = dir.resolve("src/demo/User.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, """
        package demo;

        import static dev.flakegen.model.shell.Shell.*;

        import dev.flakegen.model.*;
        import dev.flakegen.model.shell.*;

        public class User implements FlakeModel {
          @Override
          public Flake flake() {
            FlakeInput shared = FlakeInput.of("shared", "path:/srv/shared");
            return Flake.builder()
                .parameters(LibParameters.builder().originatorPidVariable("PID")
                    .resourcesDirectory("/r").storeGarbageCollectionRoot("/g"))
                .input(shared)
                .addResource("user", Implementation.builder().targets("key").init(
                    ShellScript.builder().set("KEY", shared.resource("key").fragment())
                        .run(command(literal("cp"), word(variable("KEY"), literal("/key")),
                            mount("key")))
                        .build()))
                .build();
          }
        }
        """, StandardCharsets.UTF_8);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertThat(compiler.run(null, null, null, "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(), source.toString())).isZero();
    Path out = dir.resolve("out");
    CliRun run = CliRun.of("generate", "--model", "demo.User", "--classpath",
        classes.toString(), "--out", out.toString());
    assertThat(run.err).isEmpty();
    assertThat(run.status).isZero();
    assertThat(Files.readString(out.resolve("flake.nix")))
        .contains("inputs.shared.url = \"path:/srv/shared\";",
            "KEY=${resources.\"shared/key\" { }}",
            "\"shared/key\" = inputs.shared.resources.${system}.key;");
  }

  @Test
  void aClassThatIsNotAModelIsRejected() {
    CliRun run = CliRun.of("generate", "--model", "java.lang.String", "--out", dir.toString());
    assertThat(run.status).isEqualTo(2);
    assertThat(run.err).isEqualTo("generate: error: java.lang.String does not implement"
        + " dev.flakegen.model.FlakeModel\n");
  }

  @Test
  void filesItDidNotGenerateAreNeverReplaced() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("scripts.nix"));
    Files.writeString(out.resolve("flake.nix"), "old\n");
    CliRun run = CliRun.of("generate", "--example", "hello", "--out", out.toString());
    assertThat(run.status).isEqualTo(1);
    assertThat(run.err).isEqualTo("generate: error: refusing to overwrite 2 files that flakegen"
        + " did not generate (no \"# @generated by flakegen\" first line): "
        + out.resolve("flake.nix") + ", " + out.resolve("scripts.nix") + "; move or delete them"
        + " and run again. Nothing was written\n");
    assertThat(Files.readString(out.resolve("flake.nix"))).isEqualTo("old\n");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactlyInAnyOrder(out.resolve("flake.nix"),
          out.resolve("scripts.nix"));
    }
  }

  @Test
  void checkNamesEveryDifferenceWithADiffAndTheFix() throws IOException {
    Path out = dir.resolve("out");
    assertThat(CliRun.of("generate", "--example", "hello", "--out", out.toString()).status)
        .isZero();
    CliRun clean = CliRun.of("generate", "--example", "hello", "--out", out.toString(),
        "--check");
    assertThat(clean.status).isZero();
    assertThat(clean.out()).isEqualTo("up to date\t" + out + "\n");

    Path flake = out.resolve("flake.nix");
    Files.writeString(flake, Files.readString(flake).replace("description = ", "description ="
        + " \"edited\" + "));
    Files.delete(out.resolve("module.nix"));
    // A file this output generated before (its header names the same model) is an orphan.
    String header = Files.readString(flake).lines().findFirst().orElseThrow();
    Files.writeString(out.resolve("old.nix"), header + "\n");
    CliRun drift = CliRun.of("generate", "--example", "hello", "--out", out.toString(),
        "--check");
    assertThat(drift.status).isEqualTo(1);
    assertThat(drift.out()).isEmpty();
    assertThat(drift.err).startsWith("generate: " + out + " is not what flakegen generates: 3"
        + " files differ\n  different: flake.nix\n    --- flake.nix (on disk)\n")
        .contains("\n    -  description = \"edited\" + \"flakegen example")
        .contains("\n    +  description = \"flakegen example")
        .contains("\n  missing: module.nix (generated, not in the folder)\n")
        .contains("\n  orphaned: old.nix (generated before, no longer produced)\n")
        .endsWith("Run `flakegen generate --example hello --out " + out + "` to bring it up to"
            + " date.\n");
    assertThat(out.resolve("module.nix")).doesNotExist();

    CliRun fix = CliRun.of("generate", "--example", "hello", "--out", out.toString());
    assertThat(fix.status).isZero();
    assertThat(fix.out()).contains("deleted\t" + out.resolve("old.nix") + "\n");
    assertThat(CliRun.of("generate", "--example", "hello", "--out", out.toString(), "--check")
        .status).isZero();
  }
}
