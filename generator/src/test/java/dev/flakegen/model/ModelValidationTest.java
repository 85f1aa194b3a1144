package dev.flakegen.model;

import dev.flakegen.model.shell.Command;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.shell.Statement;
import dev.flakegen.model.shell.Word;
import dev.flakegen.model.shell.WordPart;
import static dev.flakegen.model.ModelFixtures.flake;
import static dev.flakegen.model.ModelFixtures.implementation;
import static dev.flakegen.model.ModelFixtures.parameters;
import static dev.flakegen.model.shell.Shell.argument;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.root;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static dev.flakegen.model.shell.Shell.wrap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.build.Nix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every validation rule of the model: the exception type and its exact message (the field path
 * and the rule). {@code GenerateCommandTest} runs the same cases through the CLI and checks that
 * nothing is written.
 */
public class ModelValidationTest {

  /** One rule broken: a name, how to build the model, the message. */
  public record Case(String name, Supplier<Object> build, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case of(String name, Supplier<Object> build, String message) {
    return new Case(name, build, message);
  }

  private static Supplier<Object> flakeWith(java.util.function.UnaryOperator<Flake.Builder> change) {
    return () -> change.apply(flake().addResource("a", implementation("out"))).build();
  }

  private static Supplier<Object> parametersWith(
      java.util.function.UnaryOperator<LibParameters.Builder> change) {
    return () -> flake().parameters(change.apply(parameters())).build();
  }

  private static Supplier<Object> resourceWith(
      java.util.function.UnaryOperator<Implementation.Builder> change) {
    return () -> flake().addResource("keyring", change.apply(Implementation.builder())).build();
  }

  private static Supplier<Object> checkWith(java.util.function.UnaryOperator<Check.Builder> change) {
    return () -> flake().addResource("a", implementation("out"))
        .addCheck("c", change.apply(Check.builder("a"))).build();
  }

  /** A script's problems are reported where it is used: here, as the init of "keyring". */
  private static Supplier<Object> script(java.util.function.UnaryOperator<ShellScript.Builder> change) {
    return () -> flake().addResource("keyring", Implementation.builder()
        .init(change.apply(ShellScript.builder()).build())).build();
  }

  /** A call's problems are reported with the init that makes it: here, "b" calling "a". */
  private static Supplier<Object> call(java.util.function.UnaryOperator<ResourceCall.Builder> change) {
    return () -> flake().addResource("a", implementation("out"))
        .addResource("b", Implementation.builder().init(ShellScript.builder()
            .export("X", resource("a", change.apply(ResourceCall.builder()).build())).build()))
        .build();
  }

  private static ShellScript uses(String resource) {
    return ShellScript.builder().export("X", resource(resource)).build();
  }

  /** Every rule, each as a flake the CLI can try to generate. */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    String noNul = " must not contain NUL (a Nix string cannot hold it)";
    // lib parameters
    cases.add(of("originator variable missing",
        parametersWith(p -> p.originatorPidVariable(null)),
        "flake.parameters.originatorPidVariable: must be set"));
    cases.add(of("originator variable not a shell name",
        parametersWith(p -> p.originatorPidVariable("1PID")),
        "flake.parameters.originatorPidVariable: \"1PID\" must be an environment variable"
            + " name of capitals, digits and _ ([A-Z_][A-Z0-9_]*)"));
    cases.add(of("originator variable with a dash",
        parametersWith(p -> p.originatorPidVariable("ORIGINATOR-PID")),
        "flake.parameters.originatorPidVariable: \"ORIGINATOR-PID\" must be an environment"
            + " variable name of capitals, digits and _ ([A-Z_][A-Z0-9_]*)"));
    cases.add(of("originator variable bash reads",
        parametersWith(p -> p.originatorPidVariable("BASH_ENV")),
        "flake.parameters.originatorPidVariable: \"BASH_ENV\" is a name bash or the runtime"
            + " gives a meaning to (not " + String.join(", ", Rules.RESERVED_NAMES)
            + ", nor starting with " + String.join(", ", Rules.RESERVED_PREFIXES) + ")"));
    cases.add(of("resources directory relative",
        parametersWith(p -> p.resourcesDirectory("resources")),
        "flake.parameters.resourcesDirectory: \"resources\" must be absolute ('/…') or start"
            + " with '~/'"));
    cases.add(of("resources directory ~user",
        parametersWith(p -> p.resourcesDirectory("~user/resources")),
        "flake.parameters.resourcesDirectory: \"~user/resources\" must be absolute ('/…') or"
            + " start with '~/'"));
    cases.add(of("resources directory with NUL",
        parametersWith(p -> p.resourcesDirectory("/a\0b")),
        "flake.parameters.resourcesDirectory: \"/a\\u0000b\"" + noNul));
    cases.add(of("resources directory missing",
        parametersWith(p -> p.resourcesDirectory(null)),
        "flake.parameters.resourcesDirectory: must be set"));
    cases.add(of("gc root missing",
        parametersWith(p -> p.storeGarbageCollectionRoot(null)),
        "flake.parameters.storeGarbageCollectionRoot: must be set"));
    cases.add(of("gc root relative",
        parametersWith(p -> p.storeGarbageCollectionRoot("./roots")),
        "flake.parameters.storeGarbageCollectionRoot: \"./roots\" must be absolute ('/…') or"
            + " start with '~/'"));
    cases.add(of("negative sequential start",
        parametersWith(p -> p.sequentialStart(-1)),
        "flake.parameters.sequentialStart: -1 must be at least 0"));
    cases.add(of("empty channel", parametersWith(p -> p.channel("")),
        "flake.parameters.channel: must not be empty"));
    cases.add(of("channel with an unpaired surrogate", parametersWith(p -> p.channel("a\uD800")),
        "flake.parameters.channel: \"a\\ud800\" must be valid Unicode (unpaired surrogate at 1)"));
    cases.add(of("package expression with an unknown variable",
        parametersWith(p -> p.coreutils(Nix.variable("nixpkgs"))),
        "flake.parameters.coreutils: must be valid Nix (undefined variable 'nixpkgs'); it may"
            + " use pkgs and system"));
    cases.add(of("failure expression with an unknown variable",
        parametersWith(p -> p.failure(Nix.parseFragment("x: y", java.util.Set.of("y")))),
        "flake.parameters.failure: must be valid Nix ((string):1:4: undefined variable 'y');"
            + " it may use pkgs and system"));
    cases.add(of("visitor expression with an unknown variable",
        parametersWith(p -> p.visitor(Nix.variable("lib"))),
        "flake.parameters.visitor: must be valid Nix (undefined variable 'lib'); it may use pkgs"
            + " and system"));
    // implementation
    cases.add(of("target with a slash", resourceWith(i -> i.targets("key", "a/b")),
        "flake.resources.keyring.targets[1]: \"a/b\" must not contain '/'"));
    cases.add(of("target dot", resourceWith(i -> i.targets(".")),
        "flake.resources.keyring.targets[0]: \".\" must not be '.' or '..'"));
    cases.add(of("target dot dot", resourceWith(i -> i.targets("..")),
        "flake.resources.keyring.targets[0]: \"..\" must not be '.' or '..'"));
    cases.add(of("empty target", resourceWith(i -> i.targets("")),
        "flake.resources.keyring.targets[0]: must not be empty"));
    cases.add(of("target with NUL", resourceWith(i -> i.targets("a\0")),
        "flake.resources.keyring.targets[0]: \"a\\u0000\"" + noNul));
    cases.add(of("target twice", resourceWith(i -> i.targets("key", "ring", "key")),
        "flake.resources.keyring.targets[2]: \"key\" is listed twice"));
    cases.add(of("seed string with NUL",
        resourceWith(i -> i.seed(Value.list(Value.of("ok"), Value.of("\0")))),
        "flake.resources.keyring.seed[1]: \"\\u0000\"" + noNul));
    cases.add(of("seed map value with NUL",
        resourceWith(i -> i.seed(Value.map(Map.of("a b", Value.map(Map.of("c",
            Value.of("\0"))))))),
        "flake.resources.keyring.seed[\"a b\"].c: \"\\u0000\"" + noNul));
    cases.add(of("seed map key with NUL",
        resourceWith(i -> i.seed(Value.map(Map.of("k\0", Value.NULL)))),
        "flake.resources.keyring.seed key: \"k\\u0000\"" + noNul));
    cases.add(of("seed expression with an unknown variable",
        resourceWith(i -> i.seed(Value.expr(Nix.variable("self")))),
        "flake.resources.keyring.seed: must be valid Nix (undefined variable 'self'); it may use"
            + " pkgs and system"));
    cases.add(of("resolution name with a slash",
        resourceWith(i -> i.addInitResolution("a/b", ModelFixtures.touch("x"))),
        "flake.resources.keyring.initResolutions[\"a/b\"]: \"a/b\" must not contain '/'"));
    cases.add(of("resolution name dot dot",
        resourceWith(i -> i.addReleaseResolution("..", ShellScript.raw("true"))),
        "flake.resources.keyring.releaseResolutions[\"..\"]: \"..\" must not be '.' or '..'"));
    cases.add(of("resolution twice",
        resourceWith(i -> i.addReleaseResolution("retry", ShellScript.raw("true"))
            .addReleaseResolution("retry", ShellScript.raw("false"))),
        "flake.resources.keyring.releaseResolutions: \"retry\" is defined twice"));
    cases.add(of("release uses root", resourceWith(i -> i.release(ShellScript.builder()
            .run(command(root(), literal("/tmp/x"))).build())),
        "flake.resources.keyring.release.statements[0].pipeline[0].words[0].parts[0]: the"
            + " program root is only available in init, not in a release"));
    cases.add(of("release uses /mount", resourceWith(i -> i.release(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/rm"), mount("x"))).build())),
        "flake.resources.keyring.release.statements[0].pipeline[0].words[1].parts[0]: /mount is"
            + " only available in init, not in a release"));
    cases.add(of("resolution uses a resource",
        resourceWith(i -> i.addInitResolution("fix", uses("keyring"))),
        "flake.resources.keyring.initResolutions.fix.statements[0].value.resource: \"keyring\""
            + " sets up itself: dependency cycle keyring -> keyring"));
    cases.add(of("release uses the resource itself",
        resourceWith(i -> i.release(uses("keyring"))),
        "flake.resources.keyring.release.statements[0].value.resource: \"keyring\" sets up"
            + " itself: dependency cycle keyring -> keyring"));
    cases.add(of("release uses an unknown resource",
        resourceWith(i -> i.release(uses("keyrnig"))),
        "flake.resources.keyring.release.statements[0].value.resource: \"keyrnig\" is not a"
            + " resource of the flake (did you mean \"keyring\"?)"));
    cases.add(of("resolution of a release uses an unknown resource in a group",
        resourceWith(i -> i.addReleaseResolution("fix", ShellScript.builder().or(
            Shell.pipeline(command("true")), Shell.group(uses("nope"))).build())),
        "flake.resources.keyring.releaseResolutions.fix.statements[0].items[1].body[0].value"
            + ".resource: \"nope\" is not a resource of the flake (known: keyring)"));
    // shell scripts
    cases.add(of("empty script", script(s -> s), "flake.resources.keyring.init: must have at least one statement"));
    cases.add(of("command without words", script(s -> s.run(new Command(List.of(), List.of()))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words: must have at least one word (the program)"));
    cases.add(of("pipeline without commands", script(s -> s.run()),
        "flake.resources.keyring.init.statements[0].pipeline: must have at least one command"));
    cases.add(of("word without parts", script(s -> s.run(command(new Word(List.of())))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[0]: must have at least one part"));
    cases.add(of("literal with NUL", script(s -> s.run(command(literal("a\0b")))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[0].parts[0]: \"a\\u0000b\"" + noNul));
    cases.add(of("variable name with a dash", script(s -> s.run(command(literal("echo"),
            variable("A-B")))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[1].parts[0]: \"A-B\" must be a shell variable"
            + " name ([A-Za-z_][A-Za-z0-9_]*)"));
    cases.add(of("assignment name not a shell name", script(s -> s.export("a b", "x")),
        "flake.resources.keyring.init.statements[0].name: \"a b\" must be a shell variable name"
            + " ([A-Za-z_][A-Za-z0-9_]*)"));
    cases.add(of("lower-case variable never assigned",
        script(s -> s.run(command(literal("echo"), variable("home")))),
        "flake.resources.keyring.init.statements[0]: uses the variable home before assigning it; only environment"
            + " variables, in upper case, may be used unassigned (shellcheck SC2154)"));
    cases.add(of("assigned and never used",
        script(s -> s.set("KEY", "x").run(command("echo", "y"))),
        "flake.resources.keyring.init.statements[0]: assigns KEY, which no later statement uses; use it or export it"
            + " (shellcheck SC2034)"));
    // control flow: each problem at its full path
    String init = "flake.resources.keyring.init.statements[0]";
    ShellScript echo = ShellScript.builder().run(command("echo", "y")).build();
    cases.add(of("if with an empty body", script(s -> s.runIf(command("true"),
            ShellScript.builder().build())),
        init + ".branches[0].body: must have at least one statement"));
    cases.add(of("elif whose condition is a group", script(s -> s.add(Statement.If.of(
            command("true"), echo).elseIf(Shell.group(echo), echo))),
        init + ".branches[1].condition: must be a pipeline or an and-or list, was Group"));
    cases.add(of("a word in an else branch", script(s -> s.runIf(command("true"), echo,
            ShellScript.builder().run(command(literal("echo"), variable("a b"))).build())),
        init + ".otherwise[0].pipeline[0].words[1].parts[0]: \"a b\" must be a shell variable"
            + " name ([A-Za-z_][A-Za-z0-9_]*)"));
    cases.add(of("and-or list of one item", script(s -> s.and(Shell.pipeline(command("true")))),
        init + ".items: must have at least two items"));
    cases.add(of("and-or list holding an if", script(s -> s.or(Shell.pipeline(command("true")),
            Statement.If.of(command("true"), echo))),
        init + ".items[1]: must be a pipeline or a group, was If"));
    cases.add(of("group item with an empty pipeline", script(s -> s.or(
            Shell.pipeline(command("true")), Shell.group(ShellScript.builder().run().build()))),
        init + ".items[1].body[0].pipeline: must have at least one command"));
    cases.add(of("for with a bad name", script(s -> s.forEach("1x", List.of(word("a")), echo)),
        init + ".name: \"1x\" must be a shell variable name ([A-Za-z_][A-Za-z0-9_]*)"));
    ShellScript echoX = ShellScript.builder().run(command(literal("echo"), variable("x"))).build();
    cases.add(of("for over no words", script(s -> s.forEach("x", List.of(), echoX)),
        init + ".words: must have at least one word"));
    cases.add(of("for whose variable is never used", script(s -> s.forEach("x",
            List.of(word("a")), echo)),
        init + ": assigns x, which no later statement uses; use it or export it (shellcheck"
            + " SC2034)"));
    cases.add(of("variable used in a loop before it is assigned", script(s -> s.forEach("x",
            List.of(word("a")), ShellScript.builder().run(command(literal("echo"), variable("x"),
                variable("later"))).build()).export("later", "1")),
        init + ".body[0]: uses the variable later before assigning it; only environment"
            + " variables, in upper case, may be used unassigned (shellcheck SC2154)"));
    cases.add(of("here-document text with NUL", script(s -> s.hereDocument(command("cat"),
            "a\0b")),
        init + ".text: \"a\\u0000b\"" + noNul));
    cases.add(of("file written to a word without parts",
        script(s -> s.writeFile(new Word(List.of()), "x")),
        init + ".path: must have at least one part"));
    cases.add(of("unknown resource set up inside an if", script(s -> s.runIf(command("true"),
            ShellScript.builder().export("X", resource("other")).build())),
        init + ".branches[0].body[0].value.resource: \"other\" is not a resource of the flake"
            + " (known: keyring)"));
    cases.add(of("raw text in a failure's group", call(c -> c.failure(ShellScript.builder()
            .or(Shell.pipeline(command("true")), Shell.group(ShellScript.raw("exit 0")))
            .build())),
        "flake.resources.b.init.statements[0].value.call.failure.statements[0].items[1].body[0]:"
            + " a failure may not hold raw text: it runs after ||, and raw text could change"
            + " what runs when setup succeeds; use typed statements"));
    cases.add(of("package sub-path without a leading slash",
        script(s -> s.run(command(pkg("coreutils", "bin/ls")))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[0].parts[0].subPath: \"bin/ls\" must be empty or"
            + " '/'-separated names of [A-Za-z0-9._+-] starting with '/'"));
    cases.add(of("package sub-path with a space",
        script(s -> s.run(command(pkg("coreutils", "/bin/a b")))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[0].parts[0].subPath: \"/bin/a b\" must be empty"
            + " or '/'-separated names of [A-Za-z0-9._+-] starting with '/'"));
    cases.add(of("package without a name",
        script(s -> s.run(command(pkg(List.of(), "/bin/ls")))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[0].parts[0].attributePath: must name a"
            + " package"));
    cases.add(of("argument 0", script(s -> s.run(command(literal("echo"), argument(0)))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[1].parts[0]: 0 must be at least 1 (argument 0"
            + " is the program)"));
    cases.add(of("all arguments glued to text", script(s -> s.run(command(literal("echo"),
            word(literal("-"), Shell.arguments())))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[1]: \"$@\" must be a word of its own (glued to"
            + " other parts it mixes a string and an array: shellcheck SC2145)"));
    cases.add(of("all arguments as a value", script(s -> s.export("A", Shell.arguments())),
        "flake.resources.keyring.init.statements[0].value.parts[0]: \"$@\" may only be a word of a command (as a value"
            + " or a file name it would join the arguments: shellcheck SC2124)"));
    cases.add(of("all arguments as a file", script(s -> s.run(command("cat")
            .fromFile(Shell.arguments()))),
        "flake.resources.keyring.init.statements[0].pipeline[0].redirections[0].parts[0]: \"$@\" may only be a word of"
            + " a command (as a value or a file name it would join the arguments: shellcheck"
            + " SC2124)"));
    cases.add(of("absolute mount path", script(s -> s.run(command(literal("touch"), mount("/x")))),
        "flake.resources.keyring.init.statements[0].pipeline[0].words[1].parts[0].subPath: \"/x\" must be relative to"
            + " /mount"));
    cases.add(of("resource name not an identifier",
        script(s -> s.export("X", resource("a.b"))),
        "flake.resources.keyring.init.statements[0].value.resource: \"a.b\" must be a Nix identifier usable as a flake"
            + " output name ([A-Za-z_][A-Za-z0-9_'-]*)"));
    cases.add(of("raw text with NUL", script(s -> s.raw("echo \0")),
        "flake.resources.keyring.init.statements[0].text: \"echo \\u0000\"" + noNul));
    // resource calls
    cases.add(of("raw text in a failure", call(c -> c.failure(ShellScript.builder()
            .run(command("echo", "failed")).raw("exit 3").build())),
        "flake.resources.b.init.statements[0].value.call.failure.statements[1]: a failure may"
            + " not hold raw text: it runs after ||, and raw text could change what runs when"
            + " setup succeeds; use typed statements"));
    cases.add(of("failure using init's variable unassigned",
        call(c -> c.failure(command(literal("echo"), variable("reason")))),
        "flake.resources.b.init.statements[0].value.call.failure.statements[0]: uses the variable"
            + " reason before assigning it; only environment variables, in upper case, may be"
            + " used unassigned (shellcheck SC2154)"));
    cases.add(of("setup environment variable not a shell name",
        call(c -> c.addEnvironment("A-B", "x")),
        "flake.resources.b.init.statements[0].value.call.environment[0].name: \"A-B\" must be a"
            + " shell variable name ([A-Za-z_][A-Za-z0-9_]*)"));
    cases.add(of("setup environment variable set twice",
        call(c -> c.addEnvironment("A", "1").addEnvironment("A", "2")),
        "flake.resources.b.init.statements[0].value.call.environment[1].name: A is set twice"));
    cases.add(of("setup input from an empty pipeline", call(c -> c.standardInputFrom()),
        "flake.resources.b.init.statements[0].value.call.standardInputCommand: must have at least"
            + " one command"));
    cases.add(of("empty standard input file", call(c -> c.standardInput("")),
        "flake.resources.b.init.statements[0].value.call.standardInput: must not be empty"));
    cases.add(of("setup argument with NUL", call(c -> c.arguments("ok", "\0")),
        "flake.resources.b.init.statements[0].value.call.arguments[1]: \"\\u0000\"" + noNul));
    cases.add(of("empty raw text as an init", () -> flake().addResource("keyring",
            Implementation.builder().init(ShellScript.raw(""))).build(),
        "flake.resources.keyring.init.statements[0].text: must not be empty: raw text that runs"
            + " nothing"));
    // checks
    cases.add(of("check of a resource name that cannot exist",
        checkWith(c -> Check.builder("no such")),
        "flake.checks.c.resource: \"no such\" must be a Nix identifier usable as a flake output"
            + " name ([A-Za-z_][A-Za-z0-9_'-]*)"));
    cases.add(of("check of an unknown resource", checkWith(c -> Check.builder("nope")),
        "flake.checks.c.resource: \"nope\" is not a resource of the flake (known: a)"));
    cases.add(of("negative expected index", checkWith(c -> c.expectedIndex(-1)),
        "flake.checks.c.expectedIndex: -1 must be at least 0"));
    cases.add(of("negative expected originator pid", checkWith(c -> c.expectedOriginatorPid(-2)),
        "flake.checks.c.expectedOriginatorPid: -2 must be at least 0"));
    cases.add(of("expected status above 255", checkWith(c -> c.expectedStatus(256)),
        "flake.checks.c.expectedStatus: 256 must be an exit status, 0 to 255"));
    cases.add(of("expected setup exit status below 0",
        checkWith(c -> c.expectedSetupExitStatus(-1)),
        "flake.checks.c.expectedSetupExitStatus: -1 must be an exit status, 0 to 255"));
    cases.add(of("expected target with a slash", checkWith(c -> c.expectedTargets("a", "b/c")),
        "flake.checks.c.expectedTargets[1]: \"b/c\" must not contain '/'"));
    cases.add(of("expected target twice", checkWith(c -> c.expectedTargets("b", "a", "b")),
        "flake.checks.c.expectedTargets: \"b\" is listed twice"));
    cases.add(of("expected standard output with NUL",
        checkWith(c -> c.expectedStandardOutput("\0")),
        "flake.checks.c.expectedStandardOutput: \"\\u0000\"" + noNul));
    cases.add(of("expected argument with NUL", checkWith(c -> c.expectedArguments("\0")),
        "flake.checks.c.expectedArguments[0]: \"\\u0000\"" + noNul));
    cases.add(of("expected description with NUL",
        checkWith(c -> c.expectedDescription(Value.map(Map.of("k", Value.of("\0"))))),
        "flake.checks.c.expectedDescription.k: \"\\u0000\"" + noNul));
    cases.add(of("check argument with NUL", checkWith(c -> c.arguments("\0")),
        "flake.checks.c.arguments[0]: \"\\u0000\"" + noNul));
    cases.add(of("check standard input with NUL", checkWith(c -> c.standardInput("\0")),
        "flake.checks.c.standardInput: \"\\u0000\"" + noNul));
    cases.add(of("fixture uses wrap", checkWith(c -> c.fixture(ShellScript.builder()
            .run(command(wrap(), literal("a"), literal("b"), literal("0444"))).build())),
        "flake.checks.c.fixture.statements[0].pipeline[0].words[0].parts[0]: the program wrap"
            + " is only available in init, not in a fixture"));
    cases.add(of("diffutils with an unknown variable",
        checkWith(c -> c.diffutils(Nix.variable("diffutils"))),
        "flake.checks.c.diffutils: must be valid Nix (undefined variable 'diffutils'); it may"
            + " use pkgs and system"));
    cases.add(of("expected lifecycle empty", checkWith(c -> c.expectedLifecycle()),
        "flake.checks.c.expectedLifecycle: must list at least one event type"));
    cases.add(of("expected lifecycle with a null",
        checkWith(c -> c.expectedLifecycle(EventType.VALID, null)),
        "flake.checks.c.expectedLifecycle[1]: must be set"));
    cases.add(of("expected lifecycle of strings",
        checkWith(c -> c.expect(Expected.LIFECYCLE, List.of("valid"))),
        "flake.checks.c.expectedLifecycle[0]: \"valid\" is not an EventType"));
    cases.add(of("resolution without an expected lifecycle",
        checkWith(c -> c.resolution("accept")),
        "flake.checks.c.resolution: needs expectedLifecycle (the resolution is run while the"
            + " check follows the lifecycle)"));
    cases.add(of("resolution with a slash", checkWith(c -> c.resolution("a/b")
            .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED)),
        "flake.checks.c.resolution: \"a/b\" must not contain '/'"));
    cases.add(of("resolution empty", checkWith(c -> c.resolution("")
            .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED)),
        "flake.checks.c.resolution: must not be empty"));
    cases.add(of("resolution the resource does not offer", checkWith(c -> c.resolution("retry")
            .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED)),
        "flake.checks.c.resolution: \"retry\" is not a resolution of the resource \"a\" (it"
            + " has: accept, finish)"));
    cases.add(of("resolution another resource offers", () -> flake()
            .addResource("a", implementation("out"))
            .addResource("b", implementation("out")
                .addReleaseResolution("retry", ShellScript.raw("true")))
            .addCheck("c", Check.builder("a").resolution("retry")
                .expectedLifecycle(EventType.VALID, EventType.INVALID_RELEASE, EventType.RESOLVED))
            .build(),
        "flake.checks.c.resolution: \"retry\" is not a resolution of the resource \"a\" (it"
            + " has: accept, finish)"));
    // flake
    cases.add(of("parameters missing", () -> Flake.builder().build(),
        "flake.parameters: must be set"));
    cases.add(of("resource name with a dot", flakeWith(f -> f.addResource("a.b",
            implementation("x"))),
        "flake.resources name: \"a.b\" must be a Nix identifier usable as a flake output name"
            + " ([A-Za-z_][A-Za-z0-9_'-]*)"));
    cases.add(of("resource name starting with a digit", flakeWith(f -> f.addResource("1a",
            implementation("x"))),
        "flake.resources name: \"1a\" must be a Nix identifier usable as a flake output name"
            + " ([A-Za-z_][A-Za-z0-9_'-]*)"));
    cases.add(of("resource added twice", flakeWith(f -> f.addResource("a", implementation("y"))),
        "flake.resources: \"a\" is defined twice"));
    cases.add(of("two resources with one hashed description", flakeWith(f -> f
            .addResource("b", implementation("out"))),
        "flake.resources.b: has the same hashed description as the resource \"a\" (init, seed,"
            + " targets, transient, release and resolutions): they would be one resource; give"
            + " one another seed"));
    cases.add(of("program that uses init's folders", flakeWith(f -> f.addProgram("show",
            ShellScript.builder().run(command(literal("cat"), mount("x"))).build())),
        "flake.programs.show.statements[0].pipeline[0].words[1].parts[0]: /mount is only"
            + " available in init, not in a program"));
    cases.add(of("program of an unknown resource", flakeWith(f -> f.addProgram("show",
            ShellScript.builder().export("K", resource("b")).build())),
        "flake.programs.show.statements[0].value.resource: \"b\" is not a resource of the flake"
            + " (did you mean \"a\"?)"));
    cases.add(of("program named like a resource", flakeWith(f -> f.addProgram("a",
            ShellScript.builder().run(command("true")).build())),
        "flake.programs name: \"a\" is taken: the flake has a resource or a lifecycle package of"
            + " that name"));
    FlakeInput shared = FlakeInput.of("shared", "path:/srv/shared");
    cases.add(of("init using a resource of an undeclared input", flakeWith(f -> f
            .input(shared)
            .addResource("b", Implementation.builder().init(ShellScript.builder()
                .export("K", ResourceName.ofInput(FlakeInput.of("shard", "path:/x"), "key")
                    .fragment()).build()))),
        "flake.resources.b.init.statements[0].value.input: \"shard\" is not an input of the"
            + " flake (did you mean \"shared\"?)"));
    cases.add(of("program using a resource of a flake without inputs", flakeWith(f -> f
            .addProgram("show", ShellScript.builder().export("K", shared.resource("key").fragment())
                .build())),
        "flake.programs.show.statements[0].value.input: \"shared\" is not an input of the flake"
            + " (it has none: add it with Flake.Builder.input)"));
    cases.add(of("input defined twice, differently", flakeWith(f -> f.input(shared)
            .input(FlakeInput.of("shared", "path:/srv/other"))),
        "flake.inputs: \"shared\" is defined twice, differently (\"path:/srv/shared\" and"
            + " \"path:/srv/other\")"));
    cases.add(of("input named nixpkgs", flakeWith(f -> f
            .input(FlakeInput.of("nixpkgs", "path:/srv/pkgs"))),
        "flake.inputs.nixpkgs: \"nixpkgs\" is reserved: the flake's own inputs take the names"
            + " [self, nixpkgs]"));
    cases.add(of("input without a URL", flakeWith(f -> f.input(FlakeInput.of("empty", ""))),
        "flake.inputs.empty.url: must not be empty"));
    cases.add(of("input URL with a space", flakeWith(f -> f
            .input(FlakeInput.of("spaced", "path:/a b"))),
        "flake.inputs.spaced.url: \"path:/a b\" must be a flake reference without white space"));
    cases.add(of("an input's resource defined here", flakeWith(f -> f.input(shared)
            .addResource(shared.resource("key"), implementation("key"))),
        "flake.resources name: \"shared/key\" is a resource of the input \"shared\": a flake"
            + " defines only its own resources (ResourceName.of), and uses its inputs' as they"
            + " are"));
    cases.add(of("check of an input's resource", flakeWith(f -> f.input(shared)
            .addCheck("c", Check.builder(shared.resource("key")))),
        "flake.checks.c.resource: \"shared/key\" is a resource of the input \"shared\": a"
            + " check tests a resource of this flake (the input's own checks test its resources;"
            + " a resource of this flake whose init uses it tests it here)"));
    cases.add(of("input name with a slash", () -> FlakeInput.of("a/b", "path:/x"),
        "input name: \"a/b\" must be a Nix identifier usable as a flake output name"
            + " ([A-Za-z_][A-Za-z0-9_'-]*)"));
    cases.add(of("check name with a space", flakeWith(f -> f.addCheck("a check",
            Check.builder("a"))),
        "flake.checks name: \"a check\" must be a Nix identifier usable as a flake output name"
            + " ([A-Za-z_][A-Za-z0-9_'-]*)"));
    cases.add(of("check added twice", flakeWith(f -> f.addCheck("c", Check.builder("a"))
            .addCheck("c", Check.builder("a"))),
        "flake.checks: \"c\" is defined twice"));
    cases.add(of("init uses an unknown resource", flakeWith(f -> f.addResource("b",
            Implementation.builder().init(uses("nope")))),
        "flake.resources.b.init.statements[0].value.resource: \"nope\" is not a resource of the"
            + " flake (known: a, b)"));
    cases.add(of("dependency cycle", () -> flake()
            .addResource("a", Implementation.builder().init(uses("b")))
            .addResource("b", Implementation.builder().init(uses("a")))
            .build(),
        "flake.resources.a.init.statements[0].value.resource: dependency cycle a -> b -> a"));
    cases.add(of("dependency cycle through a release", () -> flake()
            .addResource("a", Implementation.builder().init(uses("b")))
            .addResource("b", Implementation.builder().release(uses("a")))
            .build(),
        "flake.resources.a.init.statements[0].value.resource: dependency cycle a -> b -> a"));
    cases.add(of("longer dependency cycle", () -> flake()
            .addResource("z", Implementation.builder().init(uses("y")).seed(Value.of("z")))
            .addResource("y", Implementation.builder().init(uses("x")))
            .addResource("x", Implementation.builder().init(uses("y")))
            .build(),
        "flake.resources.x.init.statements[0].value.resource: dependency cycle x -> y -> x"));
    cases.add(of("resource that needs itself", () -> flake()
            .addResource("a", Implementation.builder().init(uses("a"))).build(),
        "flake.resources.a.init.statements[0].value.resource: \"a\" sets up itself:"
            + " dependency cycle a -> a"));
    cases.add(of("fixture uses an unknown resource", checkWith(c -> c.fixture(uses("nope"))),
        "flake.checks.c.fixture.statements[0].value.resource: \"nope\" is not a resource of the"
            + " flake (known: a)"));
    cases.add(of("system without an OS", flakeWith(f -> f.systems("x86_64")),
        "flake.systems[0]: \"x86_64\" must be a Nix system such as x86_64-linux (CPU-OS, of"
            + " [A-Za-z0-9_])"));
    cases.add(of("no systems", flakeWith(f -> f.systems()),
        "flake.systems: must name at least one system"));
    cases.add(of("system twice", flakeWith(f -> f.systems("x86_64-linux", "x86_64-linux")),
        "flake.systems[1]: \"x86_64-linux\" is listed twice"));
    cases.add(of("empty nixpkgs URL", flakeWith(f -> f.nixpkgsUrl("")),
        "flake.nixpkgsUrl: must not be empty"));
    cases.add(of("description with NUL", flakeWith(f -> f.description("a\0")),
        "flake.description: \"a\\u0000\"" + noNul));
    return cases;
  }

  static Stream<Arguments> arguments() {
    return cases().stream().map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("arguments")
  void eachRuleIsReportedWithTheFieldAndTheRule(Case rule) {
    assertThatThrownBy(rule.build()::get)
        .isInstanceOf(ModelException.class)
        .hasMessage(rule.message());
  }

  private static ModelException thrown(Runnable build) {
    try {
      build.run();
    } catch (ModelException e) {
      return e;
    }
    throw new AssertionError("no ModelException");
  }

  @Test
  void everyProblemOfAFlakeIsReportedEachWithItsFullPath() {
    ShellScript usesTypo = ShellScript.builder()
        .export("K", resource("recrod"))
        .run(command(literal("echo"), variable("unset_here")))
        .build();
    ModelException e = thrown(() -> flake()
        .parameters(parameters().sequentialStart(-1).channel(""))
        .addResource("record", implementation("out").addTargets("a/b"))
        .addResource("user", Implementation.builder().init(usesTypo))
        .addResource("empty", Implementation.builder().init(ShellScript.raw(" ")))
        .addCheck("c", Check.builder("recorder").expectedStatus(256))
        .build());
    assertThat(e.problems()).extracting(ModelException.Problem::toString).containsExactly(
        "flake.parameters.channel: must not be empty",
        "flake.parameters.sequentialStart: -1 must be at least 0",
        "flake.resources.record.targets[1]: \"a/b\" must not contain '/'",
        "flake.resources.user.init.statements[1]: uses the variable unset_here before assigning"
            + " it; only environment variables, in upper case, may be used unassigned"
            + " (shellcheck SC2154)",
        "flake.resources.empty.init.statements[0].text: must not be empty: raw text that runs"
            + " nothing",
        "flake.resources.user.init.statements[0].value.resource: \"recrod\" is not a resource of"
            + " the flake (did you mean \"record\"?)",
        "flake.checks.c.expectedStatus: 256 must be an exit status, 0 to 255");
    assertThat(e.getMessage()).startsWith("7 problems:\nflake.parameters.channel: ");
    assertThat(e.path()).isEqualTo("flake.parameters.channel");
  }

  @Test
  void unknownNamesSuggestTheNearestKnownOnes() {
    ModelException e = thrown(() -> flake()
        .addResource("record", implementation("out"))
        .addResource("user", Implementation.builder().init(ShellScript.builder()
            .export("K", resource("recrod")).build()))
        .addCheck("c", Check.builder("recorder"))
        .addCheck("d", Check.builder("zzzzzzzzzz"))
        .addCheck("e", Check.builder("record").expectedLifecycle(EventType.INVALID_INIT)
            .resolution("acept"))
        .build());
    assertThat(e.problems()).extracting(ModelException.Problem::toString).containsExactly(
        "flake.resources.user.init.statements[0].value.resource: \"recrod\" is not a resource of"
            + " the flake (did you mean \"record\"?)",
        "flake.checks.c.resource: \"recorder\" is not a resource of the flake (did you mean"
            + " \"record\"?)",
        "flake.checks.d.resource: \"zzzzzzzzzz\" is not a resource of the flake (known: record,"
            + " user)",
        "flake.checks.e.resolution: \"acept\" is not a resolution of the resource \"record\" (it"
            + " has: accept, finish) (did you mean \"accept\"?)");
  }

  @Test
  void aNullWordIsAModelErrorNamingItsIndex() {
    // A word of another type does not compile: command and word take String or Piece.
    assertThatThrownBy(() -> command(literal("echo"), literal("a"), null))
        .isInstanceOf(ModelException.class)
        .hasMessage("command.words[2]: must be set");
    assertThatThrownBy(() -> command("echo", "a", null))
        .isInstanceOf(ModelException.class)
        .hasMessage("command.words[2]: must be set");
    assertThatThrownBy(() -> word(literal("a"), variable("B"), null))
        .isInstanceOf(ModelException.class)
        .hasMessage("word.parts[2]: must be set");
    assertThatThrownBy(() -> command(java.util.Arrays.asList(literal("echo"), null)))
        .isInstanceOf(ModelException.class)
        .hasMessage("command.words[1]: must be set");
  }

  @Test
  void theExceptionKeepsThePathAndTheRuleApart() {
    ModelException e = new ModelException("flake.resources.a.targets[0]",
        "\"a/b\" must not contain '/'");
    assertThat(e.path()).isEqualTo("flake.resources.a.targets[0]");
    assertThat(e.rule()).isEqualTo("\"a/b\" must not contain '/'");
  }

  @Test
  void partsBuiltOnTheirOwnNameTheirOwnRoot() {
    assertThatThrownBy(() -> Implementation.builder().targets("a/b").build())
        .hasMessage("implementation.targets[0]: \"a/b\" must not contain '/'");
    assertThatThrownBy(() -> parameters().sequentialStart(-5).build())
        .hasMessage("parameters.sequentialStart: -5 must be at least 0");
    assertThatThrownBy(() -> Check.builder("a").expectedStatus(300).build())
        .hasMessage("check.expectedStatus: 300 must be an exit status, 0 to 255");
  }

  @Test
  void usesInEveryStatementCountForTheVariableRules() {
    ShellScript script = ShellScript.builder()
        .set("dir", Shell.output(command(pkg("coreutils", "/bin/mktemp"), literal("-d"))))
        .set("file", word(variable("dir"), literal("/x")))
        .run(command(pkg("coreutils", "/bin/touch"), variable("file")))
        .build();
    assertThat(script.statements()).hasSize(3);
    ShellScript reassigned = ShellScript.builder()
        .set("X", "1").run(command(literal("echo"), variable("X"))).set("X", "2").build();
    assertThat(reassigned.statements()).hasSize(3);
    ShellScript raw = ShellScript.builder().set("unused", "1").raw("echo \"$other\"").build();
    assertThat(raw.statements()).hasSize(2);
    for (ShellScript valid : List.of(script, reassigned, raw)) {
      assertThat(Implementation.builder().init(valid).build().init()).contains(valid);
    }
  }
}
