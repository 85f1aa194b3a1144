package dev.flakegen.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.bindings.BindingsGenerator;
import dev.flakegen.bindings.NixFormal;
import dev.flakegen.bindings.NixFunction;
import dev.flakegen.model.LibParameter;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ModelException;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java model of the library's parameters ({@link LibParameter}, {@link LibParameters}) and
 * the formals of the {@code lib.nix} the generator renders, read with the bindings generator:
 * the same names in the same order, required in Nix exactly where the model always passes a
 * value, and optional in Nix exactly where the model leaves the value out or passes Nix's own
 * default. Editing either side alone fails here.
 */
class LibBindingsTest {

  /** The kinds of parameters that lib.nix may be called without. */
  private static final Set<LibParameter.Kind> OPTIONAL_KINDS = EnumSet.of(
      LibParameter.Kind.OPTIONAL_PACKAGE, LibParameter.Kind.STRING, LibParameter.Kind.INTEGER,
      LibParameter.Kind.EXPRESSION, LibParameter.Kind.RESOURCES);

  @TempDir
  static Path folder;

  private static NixFunction lib;

  @BeforeAll
  static void bindings() throws Exception {
    Path file = Files.write(folder.resolve("lib.nix"), BundledNix.render("lib.nix"));
    lib = BindingsGenerator.find(file, "");
  }

  @Test
  void everyParameterIsAFormalWithTheSameNixNameInTheSameOrderAndViceVersa() {
    assertThat(lib.formals()).extracting(NixFormal::nixName).containsExactlyElementsOf(
        Arrays.stream(LibParameter.values()).map(LibParameter::nixName).toList());
    assertThat(lib.ellipsis()).as("lib.nix takes no attributes beyond its formals").isFalse();
  }

  @Test
  void requiredInNixExactlyWhereTheModelsKindIsNotOptional() {
    for (LibParameter parameter : LibParameter.values()) {
      NixFormal formal = lib.formal(parameter.nixName()).orElseThrow();
      assertThat(formal.required()).as(parameter.nixName() + " (" + parameter.kind() + ")")
          .isEqualTo(!OPTIONAL_KINDS.contains(parameter.kind()));
    }
  }

  @Test
  void theRendererPassesEveryRequiredFormalAndOptionalOnesOnlyWithNixsOwnDefault() {
    LibParameters defaults = LibParameters.builder().originatorPidVariable("PID")
        .resourcesDirectory("/resources").storeGarbageCollectionRoot("/roots").build();
    Map<String, Expr> passed = bindings(FlakeRenderer.parameters(defaults));

    assertThat(lib.formals().stream().map(NixFormal::nixName).toList())
        .containsAll(passed.keySet());
    for (NixFormal formal : lib.formals()) {
      String name = formal.nixName();
      if (formal.required()) {
        assertThat(passed).as("the renderer passes required " + name).containsKey(name);
      } else if (passed.containsKey(name)) {
        assertThat(passed.get(name)).as("the model's default of " + name + " is Nix's")
            .isEqualTo(formal.fallback().orElseThrow());
      }
    }
    // The parameters the renderer leaves to Nix's default are empty in the model.
    assertThat(defaults.failure()).isEmpty();
    assertThat(defaults.string()).isEmpty();
    assertThat(defaults.visitor()).isEmpty();
    assertThat(lib.formal("failure").orElseThrow().defaultText()).contains("null");
    assertThat(lib.formal("string").orElseThrow().defaultText()).contains("null");
    assertThat(lib.formal("visitor").orElseThrow().defaultText()).contains("null");
    assertThat(lib.formal("resources").orElseThrow().defaultText()).contains("{ }");
  }

  @Test
  void theModelsParametersWithoutADefaultAreRequiredInNix() {
    Map<String, String> javaRequired = new LinkedHashMap<>();
    javaRequired.put("originatorPidVariable", "originator-pid-variable");
    javaRequired.put("resourcesDirectory", "resources-directory");
    javaRequired.put("storeGarbageCollectionRoot", "store-garbage-collection-root");
    for (Map.Entry<String, String> entry : javaRequired.entrySet()) {
      LibParameters.Builder builder = LibParameters.builder().originatorPidVariable("PID")
          .resourcesDirectory("/resources").storeGarbageCollectionRoot("/roots");
      switch (entry.getKey()) {
        case "originatorPidVariable" -> builder.originatorPidVariable(null);
        case "resourcesDirectory" -> builder.resourcesDirectory(null);
        default -> builder.storeGarbageCollectionRoot(null);
      }
      assertThatThrownBy(builder::build).isInstanceOf(ModelException.class)
          .hasMessageContaining("parameters." + entry.getKey());
      assertThat(lib.formal(entry.getValue()).orElseThrow().required()).isTrue();
    }
  }

  private static Map<String, Expr> bindings(Expr set) {
    Map<String, Expr> values = new LinkedHashMap<>();
    for (Binding binding : ((AttributeSet) set).bindings()) {
      AttributeDefinition definition = (AttributeDefinition) binding;
      assertThat(definition.path()).hasSize(1);
      values.put(definition.path().get(0).staticName(), definition.value());
    }
    return values;
  }
}
