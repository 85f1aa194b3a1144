package dev.flakegen.render;

import static dev.flakegen.model.ModelFixtures.flake;
import static dev.flakegen.model.ModelFixtures.implementation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.model.LibParameter;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.output.FileSet;
import dev.flakegen.testing.Json;
import dev.flakegen.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lib.nix and scripts.nix, and what happens when a rendered file fails its checks. */
class GeneratedFilesTest {

  static String template(String resource) throws IOException {
    try (InputStream in = GeneratedFilesTest.class.getResourceAsStream(
        "/dev/flakegen/templates/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void scriptsNixHoldsEveryProgramExactly(@TempDir Path dir) throws IOException {
    FileSet files = FlakeRenderer.render(flake().resource("a", implementation("x")).build());
    Path scripts = dir.resolve("scripts.nix");
    Files.write(scripts, files.bytes("scripts.nix"));
    Object json = Tools.nixJson(scripts);
    @SuppressWarnings("unchecked")
    Map<String, Object> programs = (Map<String, Object>) json;
    assertThat(programs.keySet()).containsExactlyInAnyOrder("common", "setup", "failure",
        "sequential", "root", "wrap", "publish", "check", "lifecycle", "release-listener",
        "resolve-listener", "resolve", "redis");
    for (Map.Entry<String, String> entry : Templates.FILES.entrySet()) {
      assertThat(Json.at(json, entry.getKey())).as(entry.getValue())
          .isEqualTo(template(entry.getValue()));
    }
  }

  @Test
  void scriptsNixKeepsTextThatAnIndentedStringCannotHold(@TempDir Path dir) {
    String hard = "  indented\n\ttab\r\ntrailing space \n'' ${x} $${y} ''$ '\n\n  ";
    Expr tree = Nix.set().attr("setup", Nix.indentedString(hard)).build();
    byte[] bytes = CheckedNix.print("scripts.nix", tree, List.of());
    Path file = dir.resolve("scripts.nix");
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(Json.at(Tools.nixJson(file), "setup")).isEqualTo(hard);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"lib.nix", "module.nix"})
  void bundledFilesAreTheResourcesAlreadyInPrintedForm(String file) {
    assertThat(new String(BundledNix.render(file), StandardCharsets.UTF_8))
        .isEqualTo(new String(BundledNix.source(file), StandardCharsets.UTF_8));
    assertThat(FlakeRenderer.render(flake().build()).bytes(file)).isEqualTo(BundledNix.source(file));
  }

  @Test
  void libNixTakesTheTwentyTwoParameters() {
    Expr lib = SourceParser.parse(new NixSource("lib.nix", BundledNix.source("lib.nix"),
        new PathResolver("/", "/"))).expression();
    assertThat(lib).isInstanceOf(Lambda.class);
    PatternParameter pattern = (PatternParameter) ((Lambda) lib).parameter();
    assertThat(pattern.formals().stream().map(f -> f.name()).toList()).containsExactlyElementsOf(
        Arrays.stream(LibParameter.values()).map(LibParameter::nixName).toList());
    assertThat(pattern.ellipsis()).isFalse();
  }

  /**
   * {@code lib.check (ARGUMENTS)} of the rendered lib.nix, with stub packages and mkDerivation the
   * identity, evaluated by nix-instantiate at {@code ATTRIBUTE} (not checked).
   */
  static Tools.Result libCheck(Path dir, String arguments, String attribute) throws IOException {
    FileSet files = FlakeRenderer.render(flake().resource("a", implementation("x")).build());
    for (String file : List.of("lib.nix", "scripts.nix")) {
      Files.write(dir.resolve(file), files.bytes(file));
    }
    String expression = """
        let
          stub = name: "/stub/" + name;
          lib = import ./lib.nix {
            buildFHSUserEnv = stub "buildFHSUserEnv"; coreutils = stub "coreutils";
            findutils = stub "findutils"; flock = stub "flock"; jq = stub "jq";
            makeBinPath = stub "makeBinPath"; makeWrapper = stub "makeWrapper";
            mkDerivation = arguments: arguments; nix = stub "nix"; ps = stub "ps";
            originator-pid-variable = "PID"; redis = stub "redis"; resources-directory = "/r";
            store-garbage-collection-root = "/g"; writeShellApplication = stub;
            yq-go = stub "yq-go";
          };
        in
        (lib.check ({ diffutils = stub "diffutils"; } // %s)).%s
        """.formatted(arguments, attribute);
    return Tools.run(List.of("nix-instantiate", "--eval", "--json", "--expr", expression), dir,
        null, Map.of());
  }

  @Test
  void libNixCheckTakesAnExpectedLifecycleAndAResolution(@TempDir Path dir) throws IOException {
    Tools.Result expectations = libCheck(dir,
        "{ expected-lifecycle = [ \"invalid-init\" \"resolved\" ]; resolution = \"accept\"; }",
        "expectationsJson").ok("lib.check with a lifecycle");
    assertThat(Json.parse(expectations.out()))
        .isEqualTo("{\"lifecycle\":[\"invalid-init\",\"resolved\"]}");
    Tools.Result resolution = libCheck(dir,
        "{ expected-lifecycle = [ \"invalid-init\" \"resolved\" ]; resolution = \"accept\"; }",
        "resourceResolution").ok("lib.check with a resolution");
    assertThat(Json.parse(resolution.out())).isEqualTo("accept");
    Tools.Result without = libCheck(dir, "{ }", "resourceReleaseListener")
        .ok("lib.check without a lifecycle");
    assertThat(Json.parse(without.out())).isEqualTo("");
  }

  @Test
  void libNixCheckRejectsABadLifecycleOrResolution(@TempDir Path dir) throws IOException {
    String types = "(valid stale invalid-init released invalid-release resolved)";
    Map<String, String> cases = Map.of(
        "{ expected-lifecycle = [ \"valid\" \"gone\" ]; }",
        "flakegen check: expected-lifecycle must be null or a list of event types " + types,
        "{ expected-lifecycle = \"valid\"; }",
        "flakegen check: expected-lifecycle must be null or a list of event types " + types,
        "{ expected-lifecycle = [ \"valid\" ]; resolution = \"\"; }",
        "flakegen check: resolution must be null or a non-empty string (the name of a"
            + " resolution)",
        "{ resolution = \"accept\"; }",
        "flakegen check: resolution needs expected-lifecycle (it is run while the check follows"
            + " the lifecycle)");
    for (Map.Entry<String, String> entry : cases.entrySet()) {
      Tools.Result result = libCheck(dir, entry.getKey(), "name");
      assertThat(result.exitCode()).as(entry.getKey()).isNotZero();
      assertThat(result.stderr()).as(entry.getKey()).contains(entry.getValue());
    }
  }

  @Test
  void anUndefinedVariableIsReportedWithFileLineAndColumn() {
    Expr tree = Nix.set().attr("a", Nix.list(Nix.integer(1), Nix.variable("x"))).build();
    assertThatThrownBy(() -> CheckedNix.print("flake.nix", tree, List.of("header")))
        .isInstanceOf(RenderException.class)
        .hasMessage("flake.nix:2:11: error: undefined variable 'x'");
  }

  @Test
  void anAttributeDefinedTwiceIsReportedWithFileLineAndColumn() {
    Binding one = new AttributeDefinition(List.of(new IdentifierName("a")), Nix.integer(1),
        SourcePos.NONE);
    Expr tree = new AttributeSet(false, List.of(one, one), SourcePos.NONE);
    assertThatThrownBy(() -> CheckedNix.print("scripts.nix", tree, List.of()))
        .isInstanceOf(RenderException.class)
        .hasMessage("scripts.nix:3:3: error: attribute 'a' already defined at scripts.nix:2:3");
  }

  @Test
  void aTreeThatPrintsAsAnotherIsReportedWhereTheyDiffer() {
    Expr rendered = Nix.set().attr("a", Nix.list(Nix.string("x"))).build();
    Expr other = Nix.set().attr("a", Nix.list(Nix.string("y"))).build();
    CheckedNix.Difference d = CheckedNix.Difference.first(rendered, other, "").orElseThrow();
    assertThat(d.path()).isEqualTo(".bindings[0].value.items[0].parts[0].text");
    assertThat(CheckedNix.Difference.first(rendered, rendered, "")).isEmpty();
    Expr parsed = CheckedNix.check("f.nix", "{\n  a = [ \"y\" ];\n}\n".getBytes(
        StandardCharsets.UTF_8));
    CheckedNix.Difference positioned = CheckedNix.Difference.first(rendered, parsed, "")
        .orElseThrow();
    assertThat(positioned.pos().line() + ":" + positioned.pos().column()).isEqualTo("2:9");
  }
}
