package dev.flakegen.bindings;

import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.path;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.nix.Nix;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@NixTest
class BindingsGeneratorTest {

  private static final Nix NIX = Nix.host();

  /** The rendered resource-flake library and flake, as checked in under examples/. */
  private static final Path HELLO = Path.of("../examples/hello");

  private static Path functions;
  private static Path folder;

  @BeforeAll
  static void fixtures() throws URISyntaxException {
    functions = Path.of(BindingsGeneratorTest.class.getResource("functions.nix").toURI());
    folder = functions.getParent();
  }

  // ---- finding functions -----------------------------------------------------------------

  @Test
  void theResourceLibraryHasItsFormalsWithDefaultsAndTheHeaderIsNoDocComment() throws Exception {
    NixFunction lib = BindingsGenerator.find(HELLO.resolve("lib.nix"), "");

    assertThat(lib.formals()).extracting(NixFormal::nixName).startsWith("buildFHSUserEnv",
        "channel", "coreutils").contains("yq-go", "originator-pid-variable", "resources");
    assertThat(lib.formal("channel").orElseThrow().defaultText()).contains("\"resource\"");
    assertThat(lib.formal("sequential-start").orElseThrow().defaultText()).contains("0");
    assertThat(lib.formal("resources").orElseThrow().defaultText()).contains("{ }");
    assertThat(lib.formal("coreutils").orElseThrow().required()).isTrue();
    assertThat(lib.formal("buildFHSUserEnv").orElseThrow().doc()).isEmpty();
    assertThat(lib.ellipsis()).isFalse();
    assertThat(lib.alias()).isEmpty();
  }

  @Test
  void outputsLibOfTheFlakeFollowsTheImportOfLibNix() throws Exception {
    NixFunction viaFlake = BindingsGenerator.find(HELLO.resolve("flake.nix"), "outputs.lib");
    NixFunction direct = BindingsGenerator.find(HELLO.resolve("lib.nix"), "");

    assertThat(viaFlake.formals()).isEqualTo(direct.formals());
    // the function starts at its formals' brace: the first line that is only "{" (after the
    // header and the library's doc comment)
    java.util.List<String> lines = java.nio.file.Files.readAllLines(HELLO.resolve("lib.nix"));
    int first = lines.indexOf("{") + 1;
    assertThat(viaFlake.location()).startsWith("../examples/hello/lib.nix:" + first + ":1");
  }

  @Test
  void followsLetInheritRecAttributePathsAndImports() throws Exception {
    assertThat(BindingsGenerator.find(functions, "add").formals())
        .extracting(NixFormal::nixName).containsExactly("a", "b");
    assertThat(BindingsGenerator.find(functions, "strict").formals())
        .extracting(NixFormal::nixName).containsExactly("x", "y");
    assertThat(BindingsGenerator.find(functions, "alias").formals())
        .extracting(NixFormal::nixName).containsExactly("x", "y");
    NixFunction imported = BindingsGenerator.find(functions, "outputs.lib");
    assertThat(imported.formals()).extracting(NixFormal::nixName)
        .containsExactly("greeting", "name");
    assertThat(imported.formals().get(0).doc()).contains("The greeting.");
    assertThat(BindingsGenerator.find(functions, "\"nested\".deeper").formals()).hasSize(9);
  }

  @Test
  void aPatternWithAliasAndEllipsis() throws Exception {
    NixFunction add = BindingsGenerator.find(functions, "add");
    assertThat(add.ellipsis()).isTrue();
    assertThat(add.alias()).contains("args");
    assertThat(add.formal("b").orElseThrow().defaultText()).contains("2");

    NixFunction first = BindingsGenerator.find(functions, "first");
    assertThat(first.formals()).isEmpty();
    assertThat(first.ellipsis()).isTrue();
    assertThat(first.alias()).contains("args");
  }

  @Test
  void docCommentsAboveAndOnTheFormalsLine() throws Exception {
    NixFunction deeper = BindingsGenerator.find(functions, "nested.deeper");
    assertThat(deeper.formal("class").orElseThrow().doc())
        .contains("The name of the class.\nTwo lines.");
    assertThat(deeper.formal("default").orElseThrow().doc()).contains("the default");
    assertThat(deeper.formal("yq-go").orElseThrow().doc()).contains("a package\nwith a dash");
    assertThat(deeper.formal("x''").orElseThrow().doc()).isEmpty();
    assertThat(deeper.formal("x'").orElseThrow().doc()).isEmpty();
    assertThat(deeper.formal("x'").orElseThrow().defaultText()).contains("x'' + 1");
  }

  @Test
  void aMissingAttributePathIsNamed() {
    assertThatThrownBy(() -> BindingsGenerator.find(functions, "nested.absent"))
        .isInstanceOf(BindingsException.class)
        .hasMessageStartingWith("attribute path 'nested.absent' of " + functions + ": ")
        .hasMessageContaining("there is no attribute 'absent' in the attribute set at "
            + functions + ":");
    assertThatThrownBy(() -> BindingsGenerator.find(functions, "add.more"))
        .isInstanceOf(BindingsException.class)
        .hasMessageContaining("attribute path 'add.more'")
        .hasMessageContaining("an operation at " + functions + ":3:33 has no attribute 'more'");
    assertThatThrownBy(() -> BindingsGenerator.find(functions, "fromParameter.f"))
        .isInstanceOf(BindingsException.class)
        .hasMessage("attribute path 'fromParameter.f' of " + functions + ": 'pkgs' is a"
            + " parameter of the function at " + functions + ":36:19; its value is known only"
            + " when the function is called");
  }

  @Test
  void aNonFunctionIsNamed() {
    assertThatThrownBy(() -> BindingsGenerator.find(functions, "nested.number"))
        .isInstanceOf(BindingsException.class)
        .hasMessage("attribute path 'nested.number' of " + functions + ": the value is an"
            + " integer at " + functions + ":32:19, not a function");
    assertThatThrownBy(() -> BindingsGenerator.find(functions, "nested"))
        .hasMessageContaining("attribute path 'nested'")
        .hasMessageContaining("is the attribute set at");
    assertThatThrownBy(() -> BindingsGenerator.find(functions, "single"))
        .hasMessageContaining("attribute path 'single'")
        .hasMessageContaining("takes one argument 'x', not a set pattern");
    assertThatThrownBy(() -> BindingsGenerator.find(functions, ""))
        .hasMessageStartingWith("the value of " + functions + ": the value is the attribute set");
  }

  @Test
  void aParseErrorIsReportedAsNixDoes() {
    Path broken = folder.resolve("broken.nix");
    assertThatThrownBy(() -> BindingsGenerator.find(broken, "a"))
        .isInstanceOf(BindingsException.class)
        .hasMessage(broken + ":3:7: error: syntax error, unexpected ';'")
        .satisfies(e -> assertThat(((BindingsException) e).nixError()).isPresent());
  }

  @Test
  void invalidAttributePathsAndJavaNamesAreRefused() {
    assertThatThrownBy(() -> BindingsGenerator.attributePath("a..b"))
        .hasMessageContaining("empty name");
    assertThatThrownBy(() -> BindingsGenerator.attributePath("a."))
        .hasMessageContaining("ends with '.'");
    assertThatThrownBy(() -> BindingsGenerator.generate(functions, "add", "not a package", null))
        .isInstanceOf(BindingsException.class).hasMessageContaining("package 'not a package'");
    assertThatThrownBy(() -> BindingsGenerator.generate(functions, "add", "p", "class"))
        .isInstanceOf(BindingsException.class).hasMessageContaining("class 'class'");
  }

  @Test
  void attributePathsWithQuotedNames() throws BindingsException {
    assertThat(BindingsGenerator.attributePath("")).isEmpty();
    assertThat(BindingsGenerator.attributePath("outputs.lib")).containsExactly("outputs", "lib");
    assertThat(BindingsGenerator.attributePath("a.\"b.c\".\"\"")).containsExactly("a", "b.c", "");
  }

  // ---- generated classes ------------------------------------------------------------------

  @Test
  void javaNamesForKeywordsDashesAndPrimes() {
    List<String> names = JavaNames.members(List.of("class", "default", "yq-go", "x'", "x''",
        "true", "a-b", "aB", "_", "builder", "a_b"), java.util.Set.of("builder"));
    assertThat(names).containsExactly("class_", "default_", "yqGo", "xPrime", "xPrimePrime",
        "true_", "aB", "aB_", "__", "builder_", "a_b");
    assertThat(JavaNames.constants(names, java.util.Set.of())).containsExactly("CLASS_",
        "DEFAULT_", "YQ_GO", "X_PRIME", "X_PRIME_PRIME", "TRUE_", "A_B", "A_B_", "__",
        "BUILDER_", "A_B__");
  }

  @Test
  void generatingTwiceGivesTheSameBytesAndWritingTwiceTouchesNothing(@TempDir Path out)
      throws Exception {
    String once = BindingsGenerator.generateSource(functions, "nested.deeper", "p.q", "Deeper");
    String twice = BindingsGenerator.generateSource(functions, "nested.deeper", "p.q", "Deeper");
    assertThat(twice).isEqualTo(once);

    BindingsGenerator.Written first =
        BindingsGenerator.write(functions, "nested.deeper", "p.q", "Deeper", out);
    BindingsGenerator.Written second =
        BindingsGenerator.write(functions, "nested.deeper", "p.q", "Deeper", out);
    assertThat(first.file()).isEqualTo(out.resolve("p/q/Deeper.java"));
    assertThat(first.changed()).isTrue();
    assertThat(second.changed()).isFalse();
    assertThat(Files.readString(first.file(), StandardCharsets.UTF_8)).isEqualTo(once);
    try (var files = Files.list(out.resolve("p/q"))) {
      assertThat(files).hasSize(1);
    }
    // written by flakegen's one atomic writer: a new file is rw-r--r--, not a temporary's rw-------
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(first.file()))).isEqualTo("rw-r--r--");
    Files.writeString(first.file(), "edited");
    assertThat(BindingsGenerator.write(functions, "nested.deeper", "p.q", "Deeper", out).changed())
        .isTrue();
    assertThat(Files.readString(first.file(), StandardCharsets.UTF_8)).isEqualTo(once);
  }

  @Test
  void theDefaultClassNameComesFromThePathOrTheFile() throws Exception {
    assertThat(BindingsGenerator.generate(HELLO.resolve("flake.nix"), "outputs.lib", "p", null)
        .typeSpec().name()).isEqualTo("LibArguments");
    assertThat(BindingsGenerator.generate(HELLO.resolve("lib.nix"), "", "p", null)
        .typeSpec().name()).isEqualTo("LibArguments");
    assertThat(BindingsGenerator.generate(functions, "nested.deeper", "", null)
        .typeSpec().name()).isEqualTo("DeeperArguments");
  }

  @Test
  void generatedSourcesCompileWithoutWarningsAndCallsEvaluateInNix(@TempDir Path out)
      throws Exception {
    String add = BindingsGenerator.generateSource(functions, "add", "gen", "Add");
    String deeper = BindingsGenerator.generateSource(functions, "nested.deeper", "gen", null);
    String strict = BindingsGenerator.generateSource(functions, "strict", "gen", null);
    String first = BindingsGenerator.generateSource(functions, "first", "gen", null);
    String lib = BindingsGenerator.generateSource(HELLO.resolve("flake.nix"), "outputs.lib",
        "gen", null);
    ClassLoader loader = Compiled.compile(out, Map.of("gen.Add", add,
        "gen.DeeperArguments", deeper, "gen.StrictArguments", strict,
        "gen.FirstArguments", first, "gen.LibArguments", lib));

    // { a, b ? 2, ... }@args: a + b + (args.c or 0), called with a = 1.
    Expr file = apply(variable("import"), path(functions.toString()));
    Object addArguments = build(loader, "gen.Add", Map.of("a", integer(1)), Map.of());
    Expr call = (Expr) addArguments.getClass().getMethod("call", Expr.class)
        .invoke(addArguments, select(file, "add"));
    assertEval(call, "3");

    Object withExtra = build(loader, "gen.Add", Map.of("a", integer(1), "b", integer(5)),
        Map.of("c", integer(10)));
    assertEval((Expr) withExtra.getClass().getMethod("call", Expr.class)
        .invoke(withExtra, select(file, "add")), "16");

    // Keywords, dashes and primes.
    Object deeperArguments = build(loader, "gen.DeeperArguments", Map.of("class_",
        string("c"), "yqGo", integer(2), "xPrimePrime", integer(3), "true_", integer(7)),
        Map.of());
    Expr deeperCall = (Expr) deeperArguments.getClass().getMethod("call", Expr.class)
        .invoke(deeperArguments, select(file, "nested", "deeper"));
    assertThat(ReadablePrinter.print(deeperCall)).contains("class = \"c\";")
        .contains("yq-go = 2;").contains("x'' = 3;").contains("true = 7;");
    assertEval(deeperCall, "[ \"c\" 1 2 4 3 7 \"s\" { } 0 ]");

    // The formals' metadata.
    Class<?> deeperClass = loader.loadClass("gen.DeeperArguments");
    assertThat(deeperClass.getField("NIX_NAMES").get(null)).isEqualTo(List.of("class",
        "default", "yq-go", "x'", "x''", "true", "a-b", "aB", "_"));
    assertThat(deeperClass.getField("ACCEPTS_EXTRA").get(null)).isEqualTo(false);
    Class<?> formal = loader.loadClass("gen.DeeperArguments$Formal");
    Object xPrime = formal.getMethod("valueOf", String.class).invoke(null, "X_PRIME");
    assertThat(formal.getMethod("nixName").invoke(xPrime)).isEqualTo("x'");
    assertThat(formal.getMethod("required").invoke(xPrime)).isEqualTo(false);
    assertThat(formal.getMethod("defaultNix").invoke(xPrime)).isEqualTo(Optional.of("x'' + 1"));
    assertThat(deeperClass.getMethod("default_").invoke(deeperArguments))
        .isEqualTo(Optional.empty());
    assertThat(deeperClass.getMethod("class_").invoke(deeperArguments)).isEqualTo(string("c"));
    assertThat(deeper).contains("<p>The name of the class.\n   * Two lines.")
        .contains("Nix's default: <code>x'' + 1</code>");
  }

  @Test
  void buildNamesTheMissingNixFormalsAndRefusesExtraAttributesWithoutEllipsis(
      @TempDir Path out) throws Exception {
    String deeper = BindingsGenerator.generateSource(functions, "nested.deeper", "gen", null);
    String add = BindingsGenerator.generateSource(functions, "add", "gen", "Add");
    ClassLoader loader = Compiled.compile(out, Map.of("gen.DeeperArguments", deeper,
        "gen.Add", add));

    assertThatThrownBy(() -> build(loader, "gen.DeeperArguments", Map.of("yqGo", integer(1)),
        Map.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DeeperArguments: missing the required Nix formal(s) 'class' (set with"
            + " class_(...)), 'x''' (set with xPrimePrime(...))");
    assertThatThrownBy(() -> build(loader, "gen.DeeperArguments", Map.of("class_", integer(1),
        "yqGo", integer(1), "xPrimePrime", integer(1)), Map.of("other", integer(1))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("DeeperArguments: the function has no '...', so it takes no other"
            + " attributes; given [other]");
    assertThatThrownBy(() -> build(loader, "gen.Add", Map.of("a", integer(1)),
        Map.of("b", integer(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'b' is a formal of the function");

    // Convenience setters build literals; toBuilder round-trips; equality is by value.
    Class<?> type = loader.loadClass("gen.Add");
    Object builder = type.getMethod("builder").invoke(null);
    Class<?> builderType = builder.getClass();
    builderType.getMethod("a", long.class).invoke(builder, 4L);
    builderType.getMethod("b", String.class).invoke(builder, "${x}");
    Object built = builderType.getMethod("build").invoke(builder);
    Object again = builderType.getMethod("build")
        .invoke(type.getMethod("toBuilder").invoke(built));
    assertThat(again).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(ReadablePrinter.print((Expr) type.getMethod("arguments").invoke(built)))
        .isEqualTo("{\n  a = 4;\n  b = \"\\${x}\";\n}\n");
    assertThat(built.toString()).startsWith("Add {");
  }

  /** Builds an instance of the generated {@code className} reflectively. */
  static Object build(ClassLoader loader, String className, Map<String, Expr> properties,
      Map<String, Expr> extra) throws Exception {
    Class<?> type = loader.loadClass(className);
    Object builder = type.getMethod("builder").invoke(null);
    Class<?> builderType = builder.getClass();
    for (Map.Entry<String, Expr> property : properties.entrySet()) {
      builderType.getMethod(property.getKey(), Expr.class).invoke(builder, property.getValue());
    }
    Method extraMethod = builderType.getMethod("extra", String.class, Expr.class);
    try {
      for (Map.Entry<String, Expr> attribute : extra.entrySet()) {
        extraMethod.invoke(builder, attribute.getKey(), attribute.getValue());
      }
      return builderType.getMethod("build").invoke(builder);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    }
  }

  /** The call, printed, is accepted by Nix's parser and evaluates to {@code expected}. */
  private static void assertEval(Expr call, String expected) throws IOException {
    String text = ReadablePrinter.print(call);
    NIX.instantiate("--parse", "--expr", text);
    assertThat(NIX.instantiate("--eval", "--strict", "--expr", text)).isEqualTo(expected);
  }
}
