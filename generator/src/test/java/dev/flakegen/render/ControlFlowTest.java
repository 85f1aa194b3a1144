package dev.flakegen.render;

import static dev.flakegen.model.shell.Shell.and;
import static dev.flakegen.model.shell.Shell.argument;
import static dev.flakegen.model.shell.Shell.arguments;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.group;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.or;
import static dev.flakegen.model.shell.Shell.pipeline;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.shell.Piece;
import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.shell.Statement;
import dev.flakegen.model.shell.Word;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.ShellScripts;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.hostile.HostileStrings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control flow in scripts ({@code if}/{@code elif}/{@code else}, {@code &&}/{@code ||},
 * groups, {@code for}, here-documents, writing a file) end to end: the init is rendered and
 * printed, Nix applies it to stub arguments, bash runs the text with arguments that choose the
 * branches, hostile strings arrive as data, and every ShellCheck the project supports reads it.
 */
class ControlFlowTest {

  @TempDir
  Path dir;

  private static Statement.Run test(Piece... words) {
    List<Piece> all = new ArrayList<>();
    all.add(pkg("coreutils", "/bin/test"));
    all.addAll(List.of(words));
    return pipeline(command(all));
  }

  private static ShellScript say(Piece... words) {
    List<Piece> all = new ArrayList<>();
    all.add(pkg("coreutils", "/bin/printf"));
    all.add(literal("%s\\n"));
    all.addAll(List.of(words));
    return ShellScript.builder().run(command(all).appendTo(variable("LOG"))).build();
  }

  /** The script: branches chosen by its arguments, hostile text as data everywhere. */
  static ShellScript script() {
    List<Word> hostileWords = new ArrayList<>();
    for (String s : HostileStrings.STRINGS) {
      hostileWords.add(word(s));
    }
    return ShellScript.builder()
        .add(Statement.If.of(test(argument(1), literal("="), literal("one")), say(literal("first")))
            .elseIf(and(test(argument(1), literal("="), literal("two")), test(argument(2),
                literal("="), literal(HostileStrings.ALL))),
                say(literal("second with the hostile word")))
            .orElse(say(literal("otherwise"), argument(1))))
        .runIf(command(pkg("coreutils", "/bin/false")), say(literal("never")))
        .and(test(argument(1), literal("="), literal("one")), group(say(literal("and ran"))))
        .or(test(argument(1), literal("="), literal("one")), group(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/printf"), literal("%s\\n"), literal("or ran"))
                .appendTo(variable("LOG")))
            .run(command(pkg("coreutils", "/bin/true")))
            .build()))
        .add(or(and(test(argument(1), literal("="), literal("one")), test(literal("x"),
            literal("="), literal("y"))), pipeline(
            command(pkg("coreutils", "/bin/printf"), literal("%s\\n"), literal("left to right"))
                .appendTo(variable("LOG")))))
        .forEach("item", hostileWords, ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/printf"), literal("%s\\0"), variable("item"))
                .appendTo(word(variable("LOG"), literal(".words"))))
            .build())
        .forEach("each", List.of(word(arguments())), say(literal("argument"), variable("each")))
        .hereDocument(command(pkg("coreutils", "/bin/cat")).toFile(word(variable("LOG"),
            literal(".here"))), HostileStrings.ALL + "\nEOF\nEOF_1")
        .writeFile(word(variable("LOG"), literal(".file")), HostileStrings.ALL)
        .appendFile(word(variable("LOG"), literal(".file")), "")
        .appendFile(word(variable("LOG"), literal(".file")), "\nEOF")
        .build();
  }

  private String text(ShellScript script) throws IOException {
    Path init = dir.resolve("init.nix");
    Files.write(init, CheckedNix.print("init.nix", FlakeRenderer.init(script), List.of()));
    return InitShellTest.apply(init, "{ }");
  }

  private String run(String text, String... arguments) throws IOException {
    Path log = dir.resolve("log");
    for (String suffix : List.of("", ".words", ".here", ".file")) {
      Files.deleteIfExists(Path.of(log + suffix));
    }
    Path script = ShellScripts.write(dir.resolve("run.sh"), "LOG=" + ShellWriter.quote(
        log.toString()) + "\n" + text);
    Tools.Result result = Tools.bash(script, List.of(arguments), null).ok("bash " + script);
    assertThat(result.stderr()).isEmpty();
    return Files.readString(log);
  }

  @Test
  @NixTest // the script's text comes from Nix evaluating the rendered init
  void branchesRunAsTheConditionsSayAndHostileTextArrivesExactly() throws IOException {
    String text = text(script());
    assertThat(run(text, "one")).isEqualTo("first\nand ran\nleft to right\nargument\none\n");
    assertThat(run(text, "two", HostileStrings.ALL)).isEqualTo("second with the hostile word\n"
        + "or ran\nleft to right\nargument\ntwo\nargument\n" + HostileStrings.ALL + "\n");
    assertThat(run(text, "two", "other", "it's $(x)")).isEqualTo("otherwise\ntwo\nor ran\n"
        + "left to right\nargument\ntwo\nargument\nother\nargument\nit's $(x)\n");
    Path log = dir.resolve("log");
    assertThat(Files.readAllBytes(Path.of(log + ".words")))
        .isEqualTo(ShellScripts.nulJoined(HostileStrings.STRINGS));
    assertThat(Files.readString(Path.of(log + ".here")))
        .isEqualTo(HostileStrings.ALL + "\nEOF\nEOF_1\n");
    assertThat(Files.readString(Path.of(log + ".file"))).isEqualTo(HostileStrings.ALL + "\nEOF");

    Path checked = ShellScripts.write(dir.resolve("checked.sh"), text);
    Tools.Result shellcheck = Tools.shellcheck(List.of(checked));
    assertThat(shellcheck.out()).isEmpty();
    assertThat(shellcheck.exitCode()).isZero();
  }

  @Test
  void theShellTextIsIndentedBlocksAndAQuotedHereDocument() throws IOException {
    ShellScript script = ShellScript.builder()
        .set("n", "0")
        .add(Statement.If.of(pipeline(command(literal("test"), variable("n"), literal("="),
            literal("0"))),
                ShellScript.builder().forEach("x", List.of(word("a"), word("b c")),
                    ShellScript.builder().run(command(literal("echo"),
                        variable("x"))).build()).build())
            .elseIf(command("true"), ShellScript.builder().or(pipeline(command("false")),
                group(ShellScript.builder().run(command("exit", "3")).build())).build()))
        .hereDocument(command("cat"), "$HOME ${x} `id`\n  EOF\nEOF")
        .writeFile(mount("a b"), "it's")
        .build();
    assertThat(ShellWriter.script(script)).containsExactly("""
        n='0'
        if 'test' "$n" '=' '0'; then
          for x in 'a' 'b c'; do
            'echo' "$x"
          done
        elif 'true'; then
          'false' || {
            'exit' '3'
          }
        fi
        'cat' <<'EOF_1'
        $HOME ${x} `id`
          EOF
        EOF
        EOF_1
        printf '%s' 'it'\\''s' > '/mount/a b'
        """);
    assertThat(ShellWriter.delimiter("EOF\nEOF_1\nEOF_3\n")).isEqualTo("EOF_2");
  }

  @Test
  void aLaterListIsGroupedAndAFirstOneContinued() {
    Statement.Run a = pipeline(command("a"));
    Statement.Run b = pipeline(command("b"));
    Statement.Run c = pipeline(command("c"));
    Statement.AndOr first = Shell.or(and(a, b), c);
    assertThat(first.items()).containsExactly(a, b, c);
    assertThat(first.operators()).containsExactly(Statement.Operator.AND,
        Statement.Operator.OR);
    Statement.AndOr later = and(a, Shell.or(b, c));
    assertThat(later.items()).containsExactly(a, new Statement.Group(List.of(Shell.or(b, c))));
    assertThat(ShellWriter.script(ShellScript.builder().add(later).build()))
        .containsExactly("'a' && {\n  'b' || 'c'\n}\n");
  }
}
