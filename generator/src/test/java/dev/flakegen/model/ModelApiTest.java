package dev.flakegen.model;

import static dev.flakegen.model.ModelFixtures.implementation;
import static dev.flakegen.model.ModelFixtures.parameters;
import static dev.flakegen.model.Shell.command;
import static dev.flakegen.model.Shell.mount;
import static dev.flakegen.model.Shell.pkg;
import static dev.flakegen.model.Shell.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.build.Nix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's builders: defaults, copies, equality, immutability. */
class ModelApiTest {

  @Test
  void libParametersHaveTheLibrarysDefaults() {
    LibParameters p = parameters().build();
    assertThat(p.channel()).isEqualTo("resource");
    assertThat(p.sequentialStart()).isZero();
    assertThat(p.failure()).isEmpty();
    assertThat(p.string()).isEmpty();
    assertThat(p.visitor()).isEmpty();
    assertThat(p.coreutils()).isEqualTo(Pkgs.pkgs("coreutils"));
    assertThat(p.yqGo()).isEqualTo(Pkgs.pkgs("yq-go"));
    assertThat(p.mkDerivation()).isEqualTo(Pkgs.pkgs("stdenv", "mkDerivation"));
    assertThat(p.makeBinPath()).isEqualTo(Pkgs.pkgs("lib", "makeBinPath"));
    assertThat(p.buildFHSUserEnv()).isEqualTo(Pkgs.expression(
        "pkgs.buildFHSEnv or pkgs.buildFHSUserEnv"));
    assertThat(List.of(p.findutils(), p.flock(), p.jq(), p.makeWrapper(), p.nix(), p.ps(),
        p.redis(), p.writeShellApplication())).containsExactly(Pkgs.pkgs("findutils"),
        Pkgs.pkgs("flock"), Pkgs.pkgs("jq"), Pkgs.pkgs("makeWrapper"), Pkgs.pkgs("nix"),
        Pkgs.pkgs("ps"), Pkgs.pkgs("redis"), Pkgs.pkgs("writeShellApplication"));
  }

  @Test
  void thereAreTwentyTwoParametersInTheLibrarysOrder() {
    List<String> names = Arrays.stream(LibParameter.values()).map(LibParameter::nixName).toList();
    assertThat(names).hasSize(22);
    List<String> sorted = new ArrayList<>(names);
    sorted.sort(null);
    assertThat(names).isEqualTo(sorted);
    assertThat(LibParameters.javaName(LibParameter.STORE_GARBAGE_COLLECTION_ROOT))
        .isEqualTo("storeGarbageCollectionRoot");
    assertThat(LibParameters.javaName(LibParameter.YQ_GO)).isEqualTo("yqGo");
    assertThatThrownBy(() -> LibParameters.builder().packageExpression(LibParameter.CHANNEL,
        Nix.string("x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCopyIsEqualAndChangesApart() {
    LibParameters p = parameters().channel("c").sequentialStart(9).build();
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p.toBuilder().channel("d").build()).isNotEqualTo(p);

    Implementation i = implementation("x").seed(Value.of(1)).transientResource(true)
        .release(ShellScript.raw("true")).initResolution("r", ShellScript.raw("true")).build();
    assertThat(i.toBuilder().build()).isEqualTo(i).hasSameHashCodeAs(i);
    // publishStreams: off by default, kept by toBuilder, part of equality (rendered only when on:
    // GeneratedFilesTest).
    assertThat(i.publishesStreams()).isFalse();
    Implementation published = i.toBuilder().publishStreams(true).build();
    assertThat(published.publishesStreams()).isTrue();
    assertThat(published.toBuilder().build()).isEqualTo(published);
    assertThat(published).isNotEqualTo(i);
    // JavaPoet's rule: x(…) replaces, addX(…) accumulates
    assertThat(i.toBuilder().addTargets("y").build().targets()).containsExactly("x", "y");
    assertThat(i.toBuilder().targets("y", "z").build().targets()).containsExactly("y", "z");
    assertThat(Check.builder("a").arguments("1").addArguments("2").build().arguments())
        .containsExactly("1", "2");
    assertThat(Check.builder("a").arguments("1").arguments("2").build().arguments())
        .containsExactly("2");
    assertThat(ResourceCall.builder().arguments("1").addArguments("2").build().arguments())
        .containsExactly("1", "2");
    assertThat(ResourceCall.builder().arguments("1").arguments("2").build().arguments())
        .containsExactly("2");
    Flake.Builder systems = ModelFixtures.flake().resource("a", implementation("x"));
    assertThat(systems.addSystems("aarch64-linux").build().systems())
        .containsExactly("x86_64-linux", "aarch64-linux");
    assertThat(systems.systems("aarch64-darwin").build().systems())
        .containsExactly("aarch64-darwin");
    assertThat(i.targets()).containsExactly("x");

    Check c = Check.builder("a").arguments("x").expectedIndex(3).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.expectations()).containsExactly(Map.entry(Expected.INDEX, 3L));

    Flake f = ModelFixtures.flake().resource("a", implementation("x")).check("c", c).build();
    assertThat(f.toBuilder().build()).isEqualTo(f).hasSameHashCodeAs(f);
    assertThat(f.nixpkgsUrl()).isEqualTo("github:NixOS/nixpkgs/nixos-25.05");
    assertThat(f.systems()).containsExactly("x86_64-linux");

    ResourceCall call = ResourceCall.builder().failure(3).arguments("a").build();
    assertThat(call.toBuilder().build()).isEqualTo(call);
    ResourceCall scripted = call.toBuilder().failure(Shell.command("exit", "1")).build();
    assertThat(scripted.failureCode()).isEmpty();
    assertThat(scripted.failureScript()).contains(ShellScript.builder()
        .run(Shell.command("exit", "1")).build());
    assertThat(scripted.toBuilder().failure(4).build().failureScript()).isEmpty();
  }

  @Test
  void resourceNamesAreHandlesForDefinitionsInitsAndChecks() {
    ResourceName key = ResourceName.of("secret-key");
    ResourceName home = ResourceName.of("gpg-home");
    Flake typed = ModelFixtures.flake()
        .resource(key, implementation("key"))
        .resource(home, Implementation.builder().init(ShellScript.builder()
            .export("KEY", key.fragment(ResourceCall.builder().failure(7).build())).build()))
        .check("home", Check.builder(home))
        .build();
    Flake named = ModelFixtures.flake()
        .resource("secret-key", implementation("key"))
        .resource("gpg-home", Implementation.builder().init(ShellScript.builder()
            .export("KEY", Shell.resource("secret-key", ResourceCall.builder().failure(7).build()))
            .build()))
        .check("home", Check.builder("gpg-home"))
        .build();
    assertThat(typed).isEqualTo(named);
    assertThat(Shell.resource(key)).isEqualTo(key.fragment());
    assertThat(typed.resources().get("gpg-home").dependencies()).containsExactly(key.name());
    assertThat(key).isEqualTo(ResourceName.of("secret-key")).hasToString("secret-key");
    assertThatThrownBy(() -> ResourceName.of("a.b"))
        .isInstanceOf(ModelException.class)
        .hasMessage("resource name: \"a.b\" must be a Nix identifier usable as a flake output"
            + " name ([A-Za-z_][A-Za-z0-9_'-]*)");
  }

  @Test
  void builtPartsCannotBeChanged() {
    Implementation i = implementation("x").build();
    assertThatThrownBy(() -> i.targets().add("y")).isInstanceOf(
        UnsupportedOperationException.class);
    Flake f = ModelFixtures.flake().resource("a", i).build();
    assertThatThrownBy(() -> f.resources().clear()).isInstanceOf(
        UnsupportedOperationException.class);
    List<String> targets = new ArrayList<>(List.of("a"));
    Implementation.Builder builder = Implementation.builder()
        .targets(targets.toArray(String[]::new));
    targets.add("b");
    assertThat(builder.build().targets()).containsExactly("a");
  }

  @Test
  void checksSortTheirExpectedTargetsAndTakeInts() {
    Check c = Check.builder("a").expectedTargets("b", "a", "é", "Z")
        .expect(Expected.STATUS, 3).build();
    assertThat(c.expectations().get(Expected.TARGETS)).isEqualTo(List.of("Z", "a", "b", "é"));
    assertThat(c.expectations().get(Expected.STATUS)).isEqualTo(3L);
    assertThat(Check.fieldName(Expected.SETUP_STANDARD_ERROR))
        .isEqualTo("expectedSetupStandardError");
    assertThatThrownBy(() -> Check.builder("a").expect(Expected.TYPE, "valid"))
        .hasMessage("expectedType must be a EventType, was java.lang.String");
  }

  @Test
  void checksFollowTheLifecycleWithAResolutionTheResourceOffers() {
    Check c = Check.builder("a").resolution("retry")
        .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED, EventType.RELEASED)
        .build();
    assertThat(c.resolution()).contains("retry");
    assertThat(c.expectations()).containsExactly(Map.entry(Expected.LIFECYCLE,
        List.of(EventType.INVALID_INIT, EventType.RESOLVED, EventType.RELEASED)));
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().resolution("accept").build()).isNotEqualTo(c);
    assertThat(Check.builder("a").build().resolution()).isEmpty();
    assertThat(Check.fieldName(Expected.LIFECYCLE)).isEqualTo("expectedLifecycle");
    assertThat(Expected.LIFECYCLE.argument()).isEqualTo("expected-lifecycle");

    Implementation offers = implementation("x").initResolution("retry", ShellScript.raw("true"))
        .build();
    Flake f = ModelFixtures.flake().resource("a", offers).check("c", c)
        .check("accept", c.toBuilder().resolution("accept"))
        .check("finish", c.toBuilder().resolution("finish")).build();
    assertThat(f.checks().get("accept").resolution()).contains("accept");
    assertThat(f.toBuilder().build()).isEqualTo(f);
  }

  @Test
  void dependenciesComeFromResourceFragmentsInInit() {
    ShellScript init = ShellScript.builder()
        .set("B", resource("b"))
        .set("A", resource("a"))
        .run(command(pkg("coreutils", "/bin/cp"), Shell.variable("A"), Shell.variable("B"),
            mount("")))
        .build();
    assertThat(init.resources()).containsExactly("a", "b");
    assertThat(Implementation.builder().init(init).build().dependencies())
        .containsExactly("a", "b");
    assertThat(Implementation.builder().build().dependencies()).isEmpty();
  }

  @Test
  void valueMapsAreSortedByCodePoint() {
    Value map = Value.map(Map.of("b", Value.NULL, "a", Value.NULL, "\uD83D\uDE00", Value.NULL,
        "\uFFFD", Value.NULL));
    assertThat(((Value.MapValue) map).entries().keySet())
        .containsExactly("a", "b", "\uFFFD", "\uD83D\uDE00");
  }
}
