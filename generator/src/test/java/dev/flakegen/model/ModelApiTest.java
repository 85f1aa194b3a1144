package dev.flakegen.model;

import dev.flakegen.model.shell.Assigned;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import static dev.flakegen.model.ModelFixtures.implementation;
import static dev.flakegen.model.ModelFixtures.parameters;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
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
    assertThat(p.packageSet()).isEqualTo(Pkgs.expression("pkgs"));
    assertThat(List.of(p.findutils(), p.flock(), p.jq(), p.makeWrapper(), p.nix(), p.ps(),
        p.redis(), p.writeShellApplication())).containsExactly(Pkgs.pkgs("findutils"),
        Pkgs.pkgs("flock"), Pkgs.pkgs("jq"), Pkgs.pkgs("makeWrapper"), Pkgs.pkgs("nix"),
        Pkgs.pkgs("ps"), Pkgs.pkgs("redis"), Pkgs.pkgs("writeShellApplication"));
  }

  @Test
  void thereAreTwentyThreeParametersInTheLibrarysOrder() {
    List<String> names = Arrays.stream(LibParameter.values()).map(LibParameter::nixName).toList();
    assertThat(names).hasSize(23);
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
  void libParametersOwnTheirNixValues() {
    LibParameters p = parameters().channel("c").sequentialStart(9).failure(Pkgs.pkgs("f"))
        .build();
    assertThat(p.nixValue(LibParameter.CHANNEL)).contains(Nix.string("c"));
    assertThat(p.nixValue(LibParameter.SEQUENTIAL_START)).contains(Nix.integer(9));
    assertThat(p.nixValue(LibParameter.ORIGINATOR_PID_VARIABLE))
        .contains(Nix.string("ORIGINATOR_PID"));
    assertThat(p.nixValue(LibParameter.RESOURCES_DIRECTORY))
        .contains(Nix.string("/var/lib/resources"));
    assertThat(p.nixValue(LibParameter.STORE_GARBAGE_COLLECTION_ROOT))
        .contains(Nix.string("~/.gc-roots"));
    assertThat(p.nixValue(LibParameter.FAILURE)).contains(Pkgs.pkgs("f"));
    assertThat(p.nixValue(LibParameter.YQ_GO)).contains(Pkgs.pkgs("yq-go"));
    assertThat(p.nixValue(LibParameter.RESOURCES)).isEmpty();
    assertThat(p.nixValue(LibParameter.STRING)).isEmpty();
    assertThat(p.nixValue(LibParameter.VISITOR)).isEmpty();
    for (LibParameter parameter : LibParameter.values()) {
      if (parameter.kind() == LibParameter.Kind.PACKAGE) {
        assertThat(p.nixValue(parameter)).as(parameter.name())
            .contains(p.packageExpression(parameter));
      }
    }
  }

  @Test
  void expectationsRenderTheirOwnNixValues() {
    assertThat(new Expectation.Event(EventType.VALID).nix()).isEqualTo(Nix.string("valid"));
    assertThat(new Expectation.Events(List.of(EventType.VALID, EventType.RELEASED)).nix())
        .isEqualTo(Nix.list(Nix.string("valid"), Nix.string("released")));
    assertThat(new Expectation.Texts(List.of("a")).nix()).isEqualTo(Nix.list(Nix.string("a")));
    assertThat(new Expectation.Number(3).nix()).isEqualTo(Nix.integer(3));
    assertThat(new Expectation.Truth(true).nix()).isEqualTo(Nix.bool(true));
    assertThat(new Expectation.NixValue(Value.map(Map.of("k", Value.list(Value.NULL)))).nix())
        .isEqualTo(Nix.set().attr("k", Nix.list(Nix.nullValue())).build());
    assertThat(new Expectation.Number(3).fits(Expected.Kind.EXIT_STATUS)).isTrue();
    assertThat(new Expectation.Number(3).fits(Expected.Kind.STRING)).isFalse();
    // a list of the wrong elements is named with its path when the check is built
    assertThatThrownBy(() -> Check.builder("a").expect(Expected.TARGETS, List.of("x", 3))
        .build()).isInstanceOf(ModelException.class)
        .hasMessage("check.expectedTargets[1]: 3 is not a String");
    assertThatThrownBy(() -> Check.builder("a").expect(Expected.HASH, List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("expectedHash must be a String, was java.util.");
    // a later typed call replaces the wrong list
    assertThat(Check.builder("a").expect(Expected.TARGETS, List.of(3)).expectedTargets("b")
        .build().expectations()).containsExactly(
            Map.entry(Expected.TARGETS, new Expectation.Texts(List.of("b"))));
  }

  @Test
  void aCopyIsEqualAndChangesApart() {
    LibParameters p = parameters().channel("c").sequentialStart(9).build();
    assertThat(p.toBuilder().build()).isEqualTo(p).hasSameHashCodeAs(p);
    assertThat(p.toBuilder().channel("d").build()).isNotEqualTo(p);

    Implementation i = implementation("x").seed(Value.of(1)).transientResource(true)
        .release(ShellScript.raw("true")).addInitResolution("r", ShellScript.raw("true")).build();
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
    Flake.Builder systems = ModelFixtures.flake().addResource("a", implementation("x"));
    assertThat(systems.addSystems("aarch64-linux").build().systems())
        .containsExactly("x86_64-linux", "aarch64-linux");
    assertThat(systems.systems("aarch64-darwin").build().systems())
        .containsExactly("aarch64-darwin");
    assertThat(i.targets()).containsExactly("x");

    Check c = Check.builder("a").arguments("x").expectedIndex(3).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.expectations())
        .containsExactly(Map.entry(Expected.INDEX, new Expectation.Number(3)));

    Flake f = ModelFixtures.flake().addResource("a", implementation("x")).addCheck("c", c).build();
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
        .addResource(key, implementation("key"))
        .addResource(home, Implementation.builder().init(ShellScript.builder()
            .export("KEY", key.fragment(ResourceCall.builder().failure(7).build())).build()))
        .addCheck("home", Check.builder(home))
        .build();
    Flake named = ModelFixtures.flake()
        .addResource("secret-key", implementation("key"))
        .addResource("gpg-home", Implementation.builder().init(ShellScript.builder()
            .export("KEY", Shell.resource("secret-key", ResourceCall.builder().failure(7).build()))
            .build()))
        .addCheck("home", Check.builder("gpg-home"))
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
    Flake f = ModelFixtures.flake().addResource("a", i).build();
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
    assertThat(c.expectations().get(Expected.TARGETS))
        .isEqualTo(new Expectation.Texts(List.of("Z", "a", "b", "é")));
    assertThat(c.expectations().get(Expected.STATUS)).isEqualTo(new Expectation.Number(3));
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
        new Expectation.Events(
            List.of(EventType.INVALID_INIT, EventType.RESOLVED, EventType.RELEASED))));
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().resolution("accept").build()).isNotEqualTo(c);
    assertThat(Check.builder("a").build().resolution()).isEmpty();
    assertThat(Check.fieldName(Expected.LIFECYCLE)).isEqualTo("expectedLifecycle");
    assertThat(Expected.LIFECYCLE.argument()).isEqualTo("expected-lifecycle");

    Implementation offers = implementation("x").addInitResolution("retry", ShellScript.raw("true"))
        .build();
    Flake f = ModelFixtures.flake().addResource("a", offers).addCheck("c", c)
        .addCheck("accept", c.toBuilder().resolution("accept"))
        .addCheck("finish", c.toBuilder().resolution("finish")).build();
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

  @Test
  void anInputsResourceIsAHandleLikeALocalOne() {
    FlakeInput shared = FlakeInput.of("shared", "path:/srv/shared");
    ResourceName key = shared.resource("key");
    assertThat(key).isEqualTo(ResourceName.ofInput(shared, "key"))
        .isNotEqualTo(ResourceName.of("key"));
    assertThat(key.isForeign()).isTrue();
    assertThat(ResourceName.of("key").isForeign()).isFalse();
    assertThat(key.key()).isEqualTo("shared/key");
    assertThat(key.toString()).isEqualTo("shared/key");
    assertThat(key.fragment()).isEqualTo(Shell.resource(key))
        .isEqualTo(new Assigned.ResourceFragment("key", ResourceCall.DEFAULT, "shared"));
    assertThat(key.fragment().key()).isEqualTo("shared/key");
    assertThat(shared.followsNixpkgs()).isTrue();
    assertThat(shared.withoutNixpkgsFollows().followsNixpkgs()).isFalse();
    Flake flake = Flake.builder().parameters(parameters()).input(shared).input(shared)
        .addResource("user", Implementation.builder().init(ShellScript.builder()
            .export("KEY", key.fragment()).build()))
        .build();
    assertThat(flake.inputs()).containsExactly(java.util.Map.entry("shared", shared));
    assertThat(flake.resources().get("user").dependencies()).containsExactly("shared/key");
    assertThat(flake.toBuilder().build()).isEqualTo(flake);
    assertThat(flake).isNotEqualTo(flake.toBuilder().input(FlakeInput.of("other", "path:/o"))
        .build());
  }
}
