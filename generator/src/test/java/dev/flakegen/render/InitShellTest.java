package dev.flakegen.render;

import static dev.flakegen.model.shell.Shell.arguments;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.scratch;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.shell.Piece;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.ShellScripts;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.hostile.HostileStrings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Init scripts end to end, with the real tools: the init function is rendered and printed, Nix
 * applies it to stub arguments (a {@code pkgs} whose coreutils is the host's {@code /usr}), bash
 * runs the text, and what the programs receive is compared byte for byte with the literals; then
 * shellcheck reads the text as {@code writeShellApplication} would.
 */
@NixTest
class InitShellTest {

  @TempDir
  Path dir;

  /** {@code (import ./FILE) ARGS}: the init applied to stub arguments, as JSON. */
  static String apply(Path init, String resources) throws IOException {
    Path call = init.resolveSibling(init.getFileName() + ".call.nix");
    Files.writeString(call, "(import ./" + init.getFileName() + ") { pkgs = { coreutils ="
        + " \"/usr\"; }; resources = " + resources + "; root = \"/stub/root\"; sequential ="
        + " \"/stub/sequential\"; wrap = \"/stub/wrap\"; pid = 1; }\n");
    return (String) Tools.nixJson(call);
  }

  @Test
  void everyWordReachesTheProgramExactly() throws IOException {
    String inputName = "in it's $(x) ${y} `z` \\ “q” ‘s’ \n é";
    Path input = dir.resolve(inputName);
    Files.writeString(input, "input bytes\n");
    Path printed = dir.resolve("printed");
    List<String> setupArguments = new ArrayList<>(HostileStrings.STRINGS);
    ShellScript.Builder builder = ShellScript.builder()
        .set("V", resource("r", ResourceCall.builder().failure(3)
            .arguments(setupArguments.toArray(String[]::new))
            .standardInput(input.toString()).build()))
        .export("X", literal(HostileStrings.ALL));
    List<Piece> words = new ArrayList<>();
    words.add(pkg("coreutils", "/bin/printf"));
    words.add(literal("%s\\0"));
    HostileStrings.STRINGS.forEach(s -> words.add(literal(s)));
    words.add(word(literal("glued"), variable("X"), literal("next"), variable("V")));
    words.add(arguments());
    words.add(mount("m n"));
    words.add(mount("sub/" + HostileStrings.ALL));
    words.add(scratch("it's"));
    ShellScript script = builder
        .run(command(words).toFile(printed.toString()))
        .build();

    Path init = dir.resolve("init.nix");
    Files.write(init, CheckedNix.print("init.nix", FlakeRenderer.init(script), List.of()));
    String text = apply(init, "{ r = call: \"\\\"$( \" + call.setup \"setup_stub\" + \" )\\\""
        + " || failure_stub \" + toString call.failure; }");

    Path run = ShellScripts.write(dir.resolve("run.sh"), """
        setup_stub() {
          printf '%s\\0' "$@" > setup-arguments
          cat > setup-input
          echo /resource
        }
        failure_stub() {
          exit 99
        }
        """ + text);
    List<String> scriptArguments = List.of("arg one", "it's", "$(x)", "", "é\nü");
    Tools.Result result = Tools.bash(run, scriptArguments, null).ok("bash " + run);
    assertThat(result.stderr()).isEmpty();

    List<String> expected = new ArrayList<>(HostileStrings.STRINGS);
    expected.add("glued" + HostileStrings.ALL + "next/resource");
    expected.addAll(scriptArguments);
    expected.add("/mount/m n");
    expected.add("/mount/sub/" + HostileStrings.ALL);
    expected.add("/scratch/it's");
    assertThat(Files.readAllBytes(printed)).isEqualTo(ShellScripts.nulJoined(expected));
    assertThat(Files.readAllBytes(dir.resolve("setup-arguments")))
        .isEqualTo(ShellScripts.nulJoined(setupArguments));
    assertThat(Files.readString(dir.resolve("setup-input"))).isEqualTo("input bytes\n");

    Path checked = ShellScripts.write(dir.resolve("checked.sh"), text);
    Tools.Result shellcheck = Tools.shellcheck(List.of(checked));
    assertThat(shellcheck.out()).isEmpty();
    assertThat(shellcheck.exitCode()).isZero();
  }

  @Test
  void aPackageWithAHostileAttributeNameIsSelectedExactly() throws IOException {
    ShellScript script = ShellScript.builder()
        .run(command(pkg(List.of("set", HostileStrings.ALL), "/bin/printf"), literal("%s"), literal("ok")))
        .build();
    Path init = dir.resolve("init.nix");
    Files.write(init, CheckedNix.print("init.nix", FlakeRenderer.init(script), List.of()));
    String name = ReadablePrinter.print(Nix.string(HostileStrings.ALL)).strip();
    Path call = dir.resolve("call.nix");
    Files.writeString(call, "(import ./init.nix) { pkgs = { set = builtins.listToAttrs [ { name"
        + " = " + name + "; value = \"/usr\"; } ]; }; resources = { }; root = \"/r\";"
        + " sequential = \"/s\"; wrap = \"/w\"; pid = 1; }\n");
    assertThat(Tools.nixJson(call)).isEqualTo("\"/usr/bin/printf\" '%s' 'ok'\n");
  }

  /** The init with {@code r} standing for a resource whose setup runs {@code setup}. */
  private String failingInit(String setup) throws IOException {
    ShellScript script = ShellScript.builder()
        .set("V", resource("r", ResourceCall.builder().failure(ShellScript.builder()
            .run(command("echo", "failed").toFile("/dev/stderr"))
            .run(command("exit", "42"))
            .build()).build()))
        .run(command(pkg("coreutils", "/bin/echo"), literal("went on"), variable("V")))
        .build();
    Path init = dir.resolve("init.nix");
    Files.write(init, CheckedNix.print("init.nix", FlakeRenderer.init(script), List.of()));
    // as lib.nix's resource does: a string failure runs as a group after ||
    return apply(init, "{ r = call: \"\\\"$( " + setup
        + " )\\\" || {\\n\" + call.failure + \"\\n}\"; }");
  }

  @Test
  void aFailingResourceEndsInItsFailureScript() throws IOException {
    String text = failingInit("false");
    assertThat(text).isEqualTo("V=\"$( false )\" || {\n'echo' 'failed' > '/dev/stderr'\n"
        + "'exit' '42'\n\n}\n\"/usr/bin/echo\" 'went on' \"$V\"\n");
    Path run = ShellScripts.write(dir.resolve("run.sh"), text);
    Tools.Result result = Tools.bash(run, List.of(), null);
    assertThat(result.exitCode()).isEqualTo(42);
    assertThat(result.stderr()).isEqualTo("failed\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aFailureScriptChangesNothingWhenSetupSucceeds() throws IOException {
    String text = failingInit("echo ok");
    Path run = ShellScripts.write(dir.resolve("run.sh"), text);
    Tools.Result result = Tools.bash(run, List.of(), null);
    assertThat(result.exitCode()).isEqualTo(0);
    assertThat(result.stderr()).isEmpty();
    assertThat(result.out()).isEqualTo("went on ok\n");
  }

  @Test
  void theInitFunctionTakesTheLibrarysArguments() throws IOException {
    Path init = dir.resolve("init.nix");
    Files.write(init, CheckedNix.print("init.nix", FlakeRenderer.init(ShellScript.raw("true")),
        List.of()));
    assertThat(Files.readString(init)).isEqualTo("""
        {
          pkgs,
          resources,
          root,
          sequential,
          wrap,
          ...
        }:
        ''
          true
        ''
        """);
    assertThat(apply(init, "{ }")).isEqualTo("true\n");
  }
}
