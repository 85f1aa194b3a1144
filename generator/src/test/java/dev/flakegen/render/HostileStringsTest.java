package dev.flakegen.render;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.Pkgs;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.Value;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.testing.FlakeHarness;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.hostile.HostileStrings;
import dev.flakegen.testing.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile text in every string field of the model reaches the Nix value exactly: the rendered
 * flake is evaluated by real Nix ({@code nix-instantiate --eval --strict --json}, with
 * {@link FlakeHarness}'s stub library) and each value compared with the Java string.
 */
@NixTest
class HostileStringsTest {

  static final String ALL = HostileStrings.ALL;

  static ShellScript echo(String text) {
    return ShellScript.builder().run(command(pkg("coreutils", "/bin/echo"), literal(text))).build();
  }

  /** The shell text of a script without Nix interpolations. */
  static String shell(ShellScript script) {
    StringBuilder out = new StringBuilder();
    for (Object piece : ShellWriter.script(script)) {
      out.append(piece instanceof String s ? s : "/stub/coreutils");
    }
    return out.toString();
  }

  static Value seed() {
    Map<String, Value> entries = new LinkedHashMap<>();
    for (String s : HostileStrings.STRINGS) {
      entries.put(s, Value.of(s));
    }
    entries.put("list", Value.list(Value.of(ALL), Value.of(-7), Value.of(true), Value.NULL));
    entries.put("nested", Value.map(Map.of(ALL, Value.map(Map.of("x", Value.of(ALL))))));
    entries.put("expression", Value.expr(Nix.string(Nix.select(Nix.variable("pkgs"), "jq"),
        ALL)));
    return Value.map(entries);
  }

  static Object json(Value value) {
    if (value instanceof Value.Null) {
      return null;
    } else if (value instanceof Value.Bool b) {
      return b.value();
    } else if (value instanceof Value.Int i) {
      return i.value();
    } else if (value instanceof Value.Str s) {
      return s.value();
    } else if (value instanceof Value.ListValue l) {
      return l.items().stream().map(HostileStringsTest::json).toList();
    } else if (value instanceof Value.MapValue m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> out.put(k, json(v)));
      return out;
    }
    return "/stub/jq" + ALL;
  }

  static Flake flake() {
    ResourceCall call = ResourceCall.builder().failure(command("echo", ALL))
        .arguments(HostileStrings.STRINGS.toArray(String[]::new)).standardInput("/" + ALL).build();
    Implementation.Builder hostile = Implementation.builder()
        .init(echo(ALL))
        .seed(seed())
        .targets(HostileStrings.fileNames().toArray(String[]::new))
        .transientResource(true)
        .release(echo(ALL));
    for (String name : HostileStrings.fileNames()) {
      hostile.addInitResolution(name, echo(name));
    }
    hostile.addReleaseResolution(ALL.replace('/', '_'), echo(ALL));
    return Flake.builder()
        .description(ALL)
        .nixpkgsUrl(ALL)
        .systems("x86_64-linux", "aarch64-darwin")
        .parameters(LibParameters.builder()
            .channel(ALL)
            .originatorPidVariable("ORIGINATOR_PID")
            .resourcesDirectory("/" + ALL)
            .storeGarbageCollectionRoot("~/" + ALL)
            .sequentialStart(Long.MAX_VALUE)
            .failure(Nix.string(ALL))
            .string(Nix.list(Nix.string(ALL)))
            .visitor(Pkgs.expression("{ a = pkgs.coreutils; b = \"" + "\\${x}\"; }"))
            .jq(Pkgs.expression("pkgs.jq or system")))
        .addResource("hostile", hostile)
        .addResource("dependent", Implementation.builder()
            .init(ShellScript.builder().set("V", resource("hostile", call))
                .run(command(pkg("coreutils", "/bin/echo"), variable("V"))).build())
            .targets("out"))
        .addCheck("hostile-check", Check.builder("hostile")
            .arguments(HostileStrings.STRINGS.toArray(String[]::new))
            .standardInput(ALL)
            .fixture(echo(ALL))
            .diffutils(Nix.string(ALL))
            .expectedType(EventType.INVALID_INIT)
            .expectedHash(ALL)
            .expectedIndex(Long.MAX_VALUE)
            .expectedProvenance(Provenance.CACHED)
            .expectedOriginatorPid(1)
            .expectedArguments(HostileStrings.STRINGS.toArray(String[]::new))
            .expectedHasStandardInput(true)
            .expectedStandardInput(ALL)
            .expectedStandardOutput(ALL)
            .expectedStandardError(ALL)
            .expectedStatus(255)
            .expectedTargets(HostileStrings.fileNames().toArray(String[]::new))
            .expectedTransient(true)
            .expectedDescription(seed())
            .expectedPath(ALL)
            .expectedRelease(ALL)
            .expectedSetupExitStatus(64)
            .expectedSetupStandardOutput(ALL)
            .expectedSetupStandardError(ALL))
        .build();
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyStringReachesTheNixValueExactly(@TempDir Path dir) {
    Object json = FlakeHarness.evaluate(FlakeRenderer.render(flake()), dir);
    assertThat(Json.at(json, "description")).isEqualTo(ALL);
    assertThat(Json.at(json, "url")).isEqualTo(ALL);
    for (String system : List.of("x86_64-linux", "aarch64-darwin")) {
      Object hostile = Json.at(json, "resources", system, "hostile");
      Map<String, Object> parameters = (Map<String, Object>) Json.at(hostile, "parameters");
      assertThat(parameters).containsEntry("channel", ALL)
          .containsEntry("resources-directory", "/" + ALL)
          .containsEntry("store-garbage-collection-root", "~/" + ALL)
          .containsEntry("originator-pid-variable", "ORIGINATOR_PID")
          .containsEntry("sequential-start", Long.MAX_VALUE)
          .containsEntry("failure", ALL)
          .containsEntry("string", List.of(ALL))
          .containsEntry("visitor", Map.of("a", "/stub/coreutils", "b", "${x}"))
          .containsEntry("jq", "/stub/jq")
          .containsEntry("buildFHSUserEnv", "/stub/buildFHSEnv")
          .containsEntry("mkDerivation", "/stub/mkDerivation")
          .containsEntry("makeBinPath", "/stub/makeBinPath")
          .containsEntry("yq-go", "/stub/yq-go")
          .containsEntry("resources", List.of());
      assertThat(parameters).hasSize(23);
      Map<String, Object> description = (Map<String, Object>) Json.at(hostile, "description");
      assertThat(description.get("init")).isEqualTo(shell(echo(ALL)));
      assertThat(description.get("seed")).isEqualTo(json(seed()));
      assertThat(description.get("targets")).isEqualTo(HostileStrings.fileNames());
      assertThat(description.get("transient")).isEqualTo(true);
      assertThat(description.get("release")).isEqualTo(shell(echo(ALL)));
      Map<String, Object> initResolutions = new LinkedHashMap<>();
      for (String name : HostileStrings.fileNames()) {
        initResolutions.put(name, shell(echo(name)));
      }
      assertThat(description.get("init-resolutions")).isEqualTo(initResolutions);
      assertThat(description.get("release-resolutions"))
          .isEqualTo(Map.of(ALL.replace('/', '_'), shell(echo(ALL))));

      StringBuilder setup = new StringBuilder("/stub/setup");
      for (String argument : HostileStrings.STRINGS) {
        setup.append(' ').append(ShellWriter.quote(argument));
      }
      setup.append(" < ").append(ShellWriter.quote("/" + ALL));
      assertThat(Json.at(json, "resources", system, "dependent", "description", "init"))
          .isEqualTo("V=\"$( " + setup + " )\" || 'echo' " + ShellWriter.quote(ALL) + "\n\n"
              + "\"/stub/coreutils/bin/echo\" \"$V\"\n");
      assertThat(Json.at(json, "resources", system, "dependent", "parameters", "resources"))
          .isEqualTo(List.of("hostile"));

      Map<String, Object> check = (Map<String, Object>) Json.at(json, "checks", system,
          "hostile-check", "arguments");
      assertThat(check).containsEntry("diffutils", ALL)
          .containsEntry("arguments", HostileStrings.STRINGS)
          .containsEntry("standard-input", ALL)
          .containsEntry("fixture", shell(echo(ALL)))
          .containsEntry("expected-type", "invalid-init")
          .containsEntry("expected-hash", ALL)
          .containsEntry("expected-index", Long.MAX_VALUE)
          .containsEntry("expected-provenance", "cached")
          .containsEntry("expected-originator-pid", 1L)
          .containsEntry("expected-arguments", HostileStrings.STRINGS)
          .containsEntry("expected-has-standard-input", true)
          .containsEntry("expected-standard-input", ALL)
          .containsEntry("expected-standard-output", ALL)
          .containsEntry("expected-standard-error", ALL)
          .containsEntry("expected-status", 255L)
          .containsEntry("expected-transient", true)
          .containsEntry("expected-description", json(seed()))
          .containsEntry("expected-path", ALL)
          .containsEntry("expected-release", ALL)
          .containsEntry("expected-setup-exit-status", 64L)
          .containsEntry("expected-setup-standard-output", ALL)
          .containsEntry("expected-setup-standard-error", ALL)
          .containsEntry("init", shell(echo(ALL)))
          .containsEntry("seed", json(seed()));
      List<String> sortedTargets = new ArrayList<>(HostileStrings.fileNames());
      sortedTargets.sort(Value::compareCodePoints);
      assertThat(check.get("expected-targets")).isEqualTo(sortedTargets);
    }
  }
}
