package dev.flakegen.it;

import static dev.flakegen.model.shell.Shell.arguments;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.output;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.root;
import static dev.flakegen.model.shell.Shell.scratch;
import static dev.flakegen.model.shell.Shell.sequential;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static dev.flakegen.model.shell.Shell.wrap;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.Piece;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.shell.Statement;
import dev.flakegen.model.Value;
import java.util.List;

/**
 * The flake the integration tests build: one resource per behaviour under test (runtime/README.md, "`setup`"), and
 * checks (§7) that pass and one that must fail.
 */
final class IntegrationModel {

  static final String CHANNEL = "flakegen-integration";
  static final String ORIGINATOR_VARIABLE = "FLAKEGEN_IT_ORIGINATOR_PID";

  /** The template {@code programs} wraps, and what wrap makes of it. */
  static final String TEMPLATE = "${A} $B ${C} $D ${E} $F $1 $$ ${x:-y} end";
  static final String WRAPPED =
      "inherited brace inherited plain $(x) set brace it's $(set) ${plain} ${E} $F $1 $$ ${x:-y}"
          + " end\n";

  /** wrap's error cases, by name: {@code wrap-errors} runs each into {@code errors/NAME}. */
  static final String WRAP_ERRORS = """
      attempt output-exists "$T" ok 0644 --set-brace A 1 --set-plain B 2
      attempt absent-placeholder "$T" o1 0644 --set-brace A 1 --set-plain B 2 --set-brace Z 3
      attempt unaccounted-placeholder "$T" o2 0644 --set-brace A 1
      attempt unknown-directive "$T" o3 0644 --set-brace A 1 --set-plain B 2 --frobnicate C
      attempt missing-value "$T" o4 0644 --set-plain B 2 --set-brace A
      attempt two-directives "$T" o5 0644 --set-brace A 1 --literal-brace A --set-plain B 2
      attempt missing-input /scratch/missing o6 0644 --set-brace A 1 --set-plain B 2
      attempt nul-input "$N" o7 0644
      attempt bad-mode "$T" o8 9 --set-brace A 1 --set-plain B 2
      attempt long-mode "$T" o9 12345 --set-brace A 1 --set-plain B 2
      attempt empty-output "$T" "" 0644 --set-brace A 1 --set-plain B 2
      attempt absolute-output "$T" /o10 0644 --set-brace A 1 --set-plain B 2
      attempt directory-output "$T" o11/ 0644 --set-brace A 1 --set-plain B 2
      attempt parent-output "$T" o12/../o13 0644 --set-brace A 1 --set-plain B 2
      attempt unset-inherited "$T" o14 0644 --inherit-brace A --set-plain B 2
      """;

  private IntegrationModel() {}

  static ShellScript recordInit() {
    return ShellScript.builder()
        .run(command(literal("printf"), literal("%s\\0"), arguments()).toFile(mount("arguments")))
        .run(command(pkg("coreutils", "/bin/cat")).toFile(mount("input")))
        .run(command(literal("printf"), literal("%s"),
            variable("RESOURCE_INDEX")).toFile(mount("index")))
        .run(command(literal("printf"), literal("%s"),
            variable("RESOURCE_MOUNT")).toFile(mount("host-path")))
        .run(command("pwd").toFile(mount("working-folder")))
        .run(command(pkg("coreutils", "/bin/ls"), literal("-A"), literal("/scratch"))
            .toFile(mount("scratch")))
        .run(command(pkg("coreutils", "/bin/echo"), literal("recorded")))
        .build();
  }

  /** Text that must arrive in a file exactly, through a here-document and printf. */
  static final String CONTROL_FLOW_TEXT = "it's $(not run) ${HOME} `id` \\ \"q\"\nEOF\n  indented";

  /** An init with control flow: its argument chooses a branch; a loop, a here-document, ||. */
  static ShellScript controlFlow() {
    return ShellScript.builder()
        .add(Statement.If.of(command(pkg("coreutils", "/bin/test"), Shell.argument(1),
            literal("="), literal("big")),
                ShellScript.builder().writeFile(mount("size"), "big").build())
            .elseIf(command(pkg("coreutils", "/bin/test"), Shell.argument(1), literal("="),
                literal("medium")),
                ShellScript.builder().writeFile(mount("size"), "medium").build())
            .orElse(ShellScript.builder().writeFile(mount("size"), "small").build()))
        .forEach("item", List.of(word("a"), word("b c"), word(arguments())), ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/printf"), literal("%s\\n"), variable("item"))
                .appendTo(mount("list")))
            .build())
        .hereDocument(command(pkg("coreutils", "/bin/cat")).toFile(mount("document")),
            CONTROL_FLOW_TEXT)
        .or(Shell.pipeline(command(pkg("coreutils", "/bin/test"), literal("-e"), mount("missing"))),
            Shell.group(ShellScript.builder().writeFile(mount("recovered"), "yes").build()))
        .build();
  }

  static Implementation.Builder record() {
    return Implementation.builder().init(recordInit())
        .targets("arguments", "input", "index", "host-path", "working-folder", "scratch");
  }

  /** Resources that differ only in their init's text (issue 16: they must be two). */
  static Implementation.Builder iAm(String text) {
    return Implementation.builder().init(ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal(text)).toFile(mount("greeting")))
        .build()).targets("greeting");
  }

  static ShellScript writeIndex(Piece... before) {
    ShellScript.Builder init = ShellScript.builder();
    if (before.length > 0) {
      init.run(command(List.of(before)));
    }
    return init.run(command(literal("printf"), literal("%s"),
        variable("RESOURCE_INDEX")).toFile(mount("index")))
        .build();
  }

  static Flake flake() {
    ShellScript usesRecord = ShellScript.builder()
        .set("RECORD", resource("record"))
        .run(command("printf", "%s\\n", "line one", "line two").toFile(scratch("input")))
        .set("WITH_ARGUMENTS", resource("record", ResourceCall.builder()
            .arguments("two words", "$(not run)", "")
            .standardInput("/scratch/input")
            .failure(3)
            .build()))
        .run(command(literal("printf"), literal("%s"), variable("RECORD")).toFile(mount("record")))
        .run(command(literal("printf"), literal("%s"),
            variable("WITH_ARGUMENTS")).toFile(mount("with-arguments")))
        .build();
    ShellScript programs = ShellScript.builder()
        .run(command("printf", "%s\\n", TEMPLATE).toFile(scratch("template")))
        .export("A", "inherited brace")
        .export("B", "inherited plain $(x)")
        .run(command(wrap(), scratch("template"), literal("bin/run"), literal("0755"),
            literal("--inherit-brace"), literal("A"), literal("--inherit-plain"), literal("B"),
            literal("--set-brace"), literal("C"), literal("set brace"), literal("--set-plain"),
                literal("D"), literal("it's $(set) ${plain}"),
            literal("--literal-brace"), literal("E"), literal("--literal-plain"), literal("F")))
        .set("LINK", output(command(root(), mount("bin/run"))))
        .run(command(literal("printf"), literal("%s"), variable("LINK")).toFile(mount("root-link")))
        .set("STORE_LINK", output(command(root(), pkg("coreutils", "/bin/ls"), literal("ls"))))
        .run(command(literal("printf"), literal("%s"),
            variable("STORE_LINK")).toFile(mount("store-link")))
        .run(command(sequential()).toFile(mount("sequential")))
        .build();
    ShellScript wrapErrors = ShellScript.builder()
        .set("WRAP", wrap())
        .set("MKDIR", pkg("coreutils", "/bin/mkdir"))
        .set("T", scratch("template"))
        .set("N", scratch("nul"))
        .run(command("printf", "%s\\n", "${A} $B").toFile(scratch("template")))
        .run(command("printf", "a\\0b").toFile(scratch("nul")))
        .run(command(variable("MKDIR"), mount("errors")))
        .raw("""
            attempt() {
              local name=$1 status=0
              shift
              "$WRAP" "$@" 2> "/mount/errors/$name" || status=$?
              printf '%s\\n' "$status" >> "/mount/errors/$name"
            }
            "$WRAP" "$T" ok 0644 --set-brace A 1 --set-plain B 2
            """ + WRAP_ERRORS)
        .build();
    return Flake.builder()
        .description("flakegen integration tests")
        .parameters(LibParameters.builder()
            .channel(CHANNEL)
            .originatorPidVariable(ORIGINATOR_VARIABLE)
            .resourcesDirectory("~/resources")
            .storeGarbageCollectionRoot("~/gc-roots"))
        .addResource("record", record())
        .addResource("i-am-a", iAm("I am A"))
        .addResource("i-am-b", iAm("I am B"))
        .addResource("record-seeded", record().seed(Value.of("another seed")))
        .addResource("ephemeral", Implementation.builder().init(writeIndex()).targets("index")
            .transientResource(true))
        .addResource("slow", Implementation.builder()
            .init(writeIndex(pkg("coreutils", "/bin/sleep"), literal("2"))).targets("index"))
        .addResource("exit-three", Implementation.builder().init(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/echo"), literal("partial")))
            .run(command("exit", "3"))
            .build()))
        .addResource("noisy", Implementation.builder().init(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/echo"), literal("careful")).toFile("/dev/stderr"))
            .build()))
        .addResource("wrong-targets", Implementation.builder().init(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/touch"), mount(".dot"), mount("surprise")))
            .build()).targets("wanted", ".dot"))
        .addResource("dotfile", Implementation.builder().init(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/touch"), mount(".hidden")))
            .build()).targets(".hidden"))
        .addResource("no-init", Implementation.builder())
        .addResource("uses-record", Implementation.builder().init(usesRecord)
            .targets("record", "with-arguments"))
        // Events with init's input and output in full (publish-streams), for the tests that read them.
        .addResource("record-published", record().publishStreams(true))
        .addResource("fails-with-code", Implementation.builder().publishStreams(true).init(ShellScript.builder()
            .set("X", resource("exit-three", ResourceCall.builder().failure(1001).build()))
            .run(command(pkg("coreutils", "/bin/echo"), literal("not reached"), variable("X")))
            .build()))
        .addResource("fails-with-command", Implementation.builder().publishStreams(true).init(ShellScript.builder()
            .set("X", resource("exit-three", ResourceCall.builder().failure(ShellScript.builder()
                .run(command("echo", "inner failed").toFile("/dev/stderr"))
                .run(command("exit", "7"))
                .build()).build()))
            .run(command(pkg("coreutils", "/bin/echo"), literal("not reached"), variable("X")))
            .build()))
        .addResource("succeeds-despite-failure-script", Implementation.builder()
            .init(ShellScript.builder()
                .set("X", resource("dotfile", ResourceCall.builder().failure(ShellScript.builder()
                    .run(command("echo", "inner failed").toFile("/dev/stderr"))
                    .run(command("exit", "3"))
                    .build()).build()))
                .run(command(literal("printf"), literal("%s"),
                    variable("X")).toFile(mount("dotfile")))
                .build())
            .targets("dotfile"))
        .addResource("env-reader", Implementation.builder().init(ShellScript.builder()
                .run(command(literal("printf"), literal("%s"), variable("FLAKEGEN_IT_GREETING"))
                    .toFile(mount("greeting")))
                .build())
            .targets("greeting"))
        .addResource("uses-record-typed", Implementation.builder().init(ShellScript.builder()
                .set("WITH_TEXT", resource("record", ResourceCall.builder()
                    .standardInputText("typed 'text' $(not run)\nno newline")
                    .arguments("text").build()))
                .set("WITH_COMMAND", resource("record", ResourceCall.builder()
                    .standardInputFrom(command(pkg("coreutils", "/bin/echo"), literal("piped")),
                        command(pkg("coreutils", "/bin/tr"), literal("[:lower:]"),
                            literal("[:upper:]")))
                    .arguments("command").build()))
                .set("WITH_ENVIRONMENT", resource("env-reader", ResourceCall.builder()
                    .addEnvironment("FLAKEGEN_IT_GREETING", "hello 'there' $(not run)")
                    .build()))
                .run(command(literal("printf"), literal("%s"),
                    variable("WITH_TEXT")).toFile(mount("with-text")))
                .run(command(literal("printf"), literal("%s"), variable("WITH_COMMAND"))
                    .toFile(mount("with-command")))
                .run(command(literal("printf"), literal("%s"), variable("WITH_ENVIRONMENT"))
                    .toFile(mount("with-environment")))
                .build())
            .targets("with-text", "with-command", "with-environment"))
        .addResource("programs", Implementation.builder().init(programs)
            .targets("bin", "root-link", "store-link", "sequential"))
        .addResource("control-flow", Implementation.builder().init(controlFlow())
            .targets("size", "list", "document", "recovered"))
        .addResource("wrap-errors", Implementation.builder().init(wrapErrors)
            .targets("errors", "ok"))
        .addProgram("show-record", ShellScript.builder()
            .set("RECORD", resource("record", ResourceCall.builder()
                .arguments("from a program").build()))
            .run(command(pkg("coreutils", "/bin/cat"), word(variable("RECORD"),
                literal("/arguments"))))
            .run(command(literal("printf"), literal("\\n%s\\n"), variable("RECORD")))
            .build())
        .addCheck("record-passes", Check.builder("record")
            .arguments("one", "two words")
            .standardInput("some input")
            .expectedType(EventType.VALID)
            .expectedProvenance(Provenance.NEW)
            .expectedIndex(0)
            .expectedArguments("one", "two words")
            .expectedHasStandardInput(true)
            .expectedStandardInput("some input")
            .expectedStandardOutput("recorded")
            .expectedStandardError("")
            .expectedStatus(0)
            .expectedTargets("arguments", "host-path", "index", "input", "scratch",
                "working-folder")
            .expectedTransient(false)
            .expectedPath("mounts/0")
            .expectedSetupExitStatus(0)
            .expectedSetupStandardOutput("mounts/0")
            .expectedSetupStandardError(""))
        // The same expectations on a resource whose events carry the text itself.
        .addCheck("record-published-passes", Check.builder("record-published")
            .arguments("one", "two words")
            .standardInput("some input")
            .expectedType(EventType.VALID)
            .expectedHasStandardInput(true)
            .expectedStandardInput("some input")
            .expectedStandardOutput("recorded")
            .expectedStandardError("")
            .expectedStatus(0)
            .expectedSetupExitStatus(0))
        .addCheck("record-hit-passes", Check.builder("record")
            .fixture(ShellScript.builder()
                .run(command(variable("SETUP")).toFile("/dev/null"))
                .build())
            .expectedType(EventType.STALE)
            .expectedProvenance(Provenance.CACHED)
            .expectedIndex(0)
            .expectedHasStandardInput(false))
        .addCheck("exit-three-fails-as-expected", Check.builder("exit-three")
            .expectedType(EventType.INVALID_INIT)
            .expectedStatus(3)
            .expectedStandardOutput("partial")
            .expectedSetupExitStatus(64))
        .addCheck("wrong-expectation", Check.builder("record")
            .expectedStandardOutput("not what init prints")
            .expectedIndex(5))
        .build();
  }
}
