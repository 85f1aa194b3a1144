package dev.flakegen.render;

import static dev.flakegen.model.shell.Shell.argument;
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
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.print.ReadablePrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How scripts become shell text: the quoting rules, one by one. */
class ShellWriterTest {

  @Test
  void literalsAreSingleQuoted() {
    assertThat(ShellWriter.quote("mkdir")).isEqualTo("'mkdir'");
    assertThat(ShellWriter.quote("two words")).isEqualTo("'two words'");
    assertThat(ShellWriter.quote("")).isEqualTo("''");
    assertThat(ShellWriter.quote("a\nb")).isEqualTo("'a\nb'");
    assertThat(ShellWriter.quote("say \"hi\"")).isEqualTo("'say \"hi\"'");
  }

  @Test
  void aSingleQuoteIsEscapedBetweenSingleQuotedPieces() {
    assertThat(ShellWriter.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellWriter.quote("'")).isEqualTo("\\'");
    assertThat(ShellWriter.quote("''")).isEqualTo("\\'\\'");
  }

  @Test
  void dollarsBackquotesAndBackslashesAreDoubleQuotedAndEscaped() {
    assertThat(ShellWriter.quote("$(date)")).isEqualTo("\"\\$(date)\"");
    assertThat(ShellWriter.quote("a ${HOME} b")).isEqualTo("'a '\"\\${HOME} b\"");
    assertThat(ShellWriter.quote("`id`")).isEqualTo("\"\\`id\\`\"");
    assertThat(ShellWriter.quote("a\\")).isEqualTo("'a'\"\\\\\"");
    assertThat(ShellWriter.quote("$'x'")).isEqualTo("\"\\$'x'\"");
  }

  @Test
  void typographicQuotesGoWhereShellcheckAcceptsThem() {
    assertThat(ShellWriter.quote("“a”")).isEqualTo("'“a”'");
    assertThat(ShellWriter.quote("‘a’")).isEqualTo("\"‘a’\"");
    assertThat(ShellWriter.quote("$“")).isEqualTo("\"\\$\"'“'");
  }

  private static String text(ShellScript script) {
    StringBuilder out = new StringBuilder();
    for (Object piece : ShellWriter.script(script)) {
      out.append(piece instanceof String s ? s : "${" + ReadablePrinter.print((Expr) piece)
          .strip() + "}");
    }
    return out.toString();
  }

  @Test
  void expansionsAreDoubleQuotedAndCannotGrowTheirName() {
    ShellScript script = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), variable("HOME"), word(variable("HOME"),
            literal("/x")), word(variable("HOME"), literal("x")), word(argument(1), literal("0")),
                argument(10),
            arguments()))
        .build();
    assertThat(text(script)).isEqualTo("\"${pkgs.coreutils}/bin/echo\" \"$HOME\" \"$HOME/x\""
        + " \"$HOME\"'x' \"$1\"'0' \"${10}\" \"$@\"\n");
  }

  @Test
  void statementsRedirectionsAndPipelines() {
    ShellScript script = ShellScript.builder()
        .set("dir", output(command(pkg("coreutils", "/bin/mktemp"), literal("-d"))))
        .export("LIST", word(variable("dir"), literal("/list")))
        .run(command(pkg("findutils", "/bin/find"), mount("")).errorsTo("/dev/null"),
            command(pkg("coreutils", "/bin/sort")).toFile(variable("LIST")))
        .run(command(pkg("coreutils", "/bin/cat")).fromFile(variable("LIST"))
            .appendTo(scratch("all")))
        .run(command(root(), mount("x")))
        .set("N", output(command(sequential())))
        .set("KEY", resource("secret-key", ResourceCall.builder().failure(7)
            .arguments("a b").standardInput("/tmp/in put").build()))
        .run(command(literal("echo"), variable("N"), variable("KEY")))
        .raw("echo raw | cat")
        .build();
    assertThat(text(script)).isEqualTo("""
        dir="$("${pkgs.coreutils}/bin/mktemp" '-d')"
        export LIST="$dir/list"
        "${pkgs.findutils}/bin/find" '/mount' 2> '/dev/null' | "${pkgs.coreutils}/bin/sort" > "$LIST"
        "${pkgs.coreutils}/bin/cat" < "$LIST" >> '/scratch/all'
        "${root}" '/mount/x'
        N="$("${sequential}")"
        KEY=${resources.secret-key {
          failure = 7;
          setup = setup: "${setup} 'a b' < '/tmp/in put'";
        }}
        "echo" "$N" "$KEY"
        echo raw | cat
        """.replace("\"echo\"", "'echo'"));
  }

  @Test
  void theDefaultResourceCallIsAnEmptySet() {
    ShellScript script = ShellScript.builder().export("K", resource("k")).build();
    assertThat(ShellWriter.script(script)).hasSize(3);
    assertThat(text(script)).isEqualTo("K=${resources.k { }}\nexport K\n");
  }

  @Test
  void setupIsWrappedWithTypedInputEnvironmentAndArguments() {
    assertThat(ReadablePrinter.print(ResourceCalls.call(ResourceCall.builder()
        .standardInputText("some input").addEnvironment("MODE", "a b")
        .arguments("x").build())))
        .contains("setup = setup: \"printf '%s' 'some input' | MODE='a b' ${setup} 'x'\";");
    assertThat(ReadablePrinter.print(ResourceCalls.call(ResourceCall.builder()
        .standardInputFrom(command(pkg("coreutils", "/bin/echo"), literal("hi")),
            command(pkg("coreutils", "/bin/tr"), literal("a-z"), literal("A-Z")))
        .build())))
        .contains("setup: \"\\\"${pkgs.coreutils}/bin/echo\\\" 'hi' | \\\"${pkgs.coreutils}"
            + "/bin/tr\\\" 'a-z' 'A-Z' | ${setup}\";");
  }

  @Test
  void aFailureScriptIsAString() {
    Expr call = ResourceCalls.call(ResourceCall.builder().failure(command("exit", "3")).build());
    assertThat(ReadablePrinter.print(call)).isEqualTo("{ failure = \"'exit' '3'\\n\"; }\n");
    assertThat(List.of(ReadablePrinter.print(ResourceCalls.call(ResourceCall.builder()
        .failure(1001).arguments("arg1").standardInput("/tmp/in").build()))))
        .containsExactly("""
            {
              failure = 1001;
              setup = setup: "${setup} 'arg1' < '/tmp/in'";
            }
            """);
  }
}
