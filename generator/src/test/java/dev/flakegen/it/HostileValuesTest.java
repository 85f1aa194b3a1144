package dev.flakegen.it;

import static dev.flakegen.model.shell.Shell.arguments;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.Value;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.ShellScripts;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.hostile.HostileStrings;
import dev.flakegen.testing.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile values (quotes, {@code $(…)}, {@code ${…}}, newlines, {@code ''}, …) in every string
 * field of a model — flake description, channel, folders, seed, targets, init literals and
 * exported values, a check's arguments, input and expectations — built by Nix and run: each
 * arrives as data, and nothing in them is ever executed.
 */
@NixTest
class HostileValuesTest extends BuiltFlakeTest {

  /** A payload that leaves a file behind if any layer runs it. */
  static final String PAYLOAD = "$(touch pwned)`touch pwned`${HOME}''${x}'''\"\n";
  static final String CHANNEL = "channel " + PAYLOAD;
  static final String RESOURCES = "resources " + PAYLOAD.replace("\n", " and\nnewline");
  static final String GC_ROOTS = "gc roots " + PAYLOAD;
  static final List<String> TARGETS = HostileStrings.fileNames();

  @Override
  Flake model() {
    ShellScript.Builder init = ShellScript.builder()
        .export("HOSTILE", HostileStrings.ALL)
        .run(command(literal("printf"), literal("%s"),
            variable("HOSTILE")).toFile(mount("exported")))
        .run(command(literal("printf"), literal("%s\\0"), arguments()).toFile(mount("arguments")))
        .run(command(pkg("coreutils", "/bin/cat")).toFile(mount("input")))
        .run(command("printf", "%s\\n", HostileStrings.ALL));
    for (String target : TARGETS) {
      init.run(command("printf", "%s", target).toFile(mount(target)));
    }
    List<String> targets = new ArrayList<>(TARGETS);
    targets.addAll(List.of("exported", "arguments", "input"));
    return Flake.builder()
        .description(HostileStrings.ALL)
        .parameters(LibParameters.builder()
            .channel(CHANNEL)
            .originatorPidVariable("FLAKEGEN_IT_HOSTILE_PID")
            .resourcesDirectory("~/" + RESOURCES)
            .storeGarbageCollectionRoot("~/" + GC_ROOTS))
        .addResource("hostile", Implementation.builder()
            .publishStreams(true)
            .init(init.build())
            .seed(Value.of(HostileStrings.ALL))
            .targets(targets.toArray(String[]::new)))
        .addCheck("hostile", Check.builder("hostile")
            .arguments(HostileStrings.STRINGS.toArray(String[]::new))
            .standardInput(HostileStrings.ALL)
            .expectedType(EventType.VALID)
            .expectedProvenance(Provenance.NEW)
            .expectedArguments(HostileStrings.STRINGS.toArray(String[]::new))
            .expectedStandardInput(HostileStrings.ALL)
            .expectedStandardOutput(HostileStrings.ALL)
            .expectedTargets(bytewise(targets).toArray(String[]::new))
            .expectedSetupExitStatus(0))
        .build();
  }

  @Override
  String channel() {
    return CHANNEL;
  }

  static List<String> bytewise(List<String> names) {
    return names.stream().sorted((a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))).toList();
  }

  @BeforeEach
  void stateUnderTheHostileFolders(@TempDir Path directory) {
    state = ResourceState.atHome(directory, redis.address(), RESOURCES, GC_ROOTS);
  }

  void nothingRan() throws Exception {
    try (Stream<Path> files = Files.walk(state.home())) {
      assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("pwned");
    }
    assertThat(Path.of("/tmp/flakegen-pwned")).doesNotExist();
  }

  @Test
  void everyValueReachesTheFilesAndTheEventAsData() throws Exception {
    Files.deleteIfExists(Path.of("/tmp/flakegen-pwned"));
    Events events = events();
    byte[] input = HostileStrings.ALL.getBytes(StandardCharsets.UTF_8);
    Path path = state.setupWithInput(flake.setup("hostile"), input,
        HostileStrings.STRINGS.toArray(String[]::new)).path();
    Map<String, Object> event = events.next();

    assertThat(path).isEqualTo(state.resources().resolve("mounts/0"));
    for (String target : TARGETS) {
      assertThat(ResourceState.read(path.resolve(target))).as(target).isEqualTo(target);
    }
    assertThat(ResourceState.read(path.resolve("exported"))).isEqualTo(HostileStrings.ALL);
    assertThat(Files.readAllBytes(path.resolve("input"))).isEqualTo(input);
    assertThat(Files.readAllBytes(path.resolve("arguments")))
        .isEqualTo(ShellScripts.nulJoined(HostileStrings.STRINGS));

    assertThat(event).containsEntry("type", "valid")
        .containsEntry("path", path.toString())
        .containsEntry("arguments", HostileStrings.STRINGS)
        .containsEntry("standard-input", HostileStrings.ALL)
        .containsEntry("standard-output", HostileStrings.ALL + "\n");
    assertThat(Json.at(event, "description", "implementation", "seed"))
        .isEqualTo(HostileStrings.ALL);
    assertThat(Json.at(event, "description", "lib", "channel")).isEqualTo(CHANNEL);
    assertThat(Json.at(event, "description", "lib", "resources-directory"))
        .isEqualTo("~/" + RESOURCES);
    List<String> targets = ((List<?>) Json.at(event, "targets")).stream()
        .map(String.class::cast).toList();
    assertThat(targets).isEqualTo(bytewise(targets));
    nothingRan();

    // a hit reads the hostile folder back
    assertThat(state.setupWithInput(flake.setup("hostile"), input,
        HostileStrings.STRINGS.toArray(String[]::new)).path()).isEqualTo(path);
    assertThat(events.next()).containsEntry("type", "stale");
  }

  @Test
  void theCheckWithHostileArgumentsInputAndExpectationsPasses() throws Exception {
    flake.buildAttribute("checks.x86_64-linux.hostile").ok("the hostile check");
    Tools.Result metadata = BuiltFlake.nix(List.of("nix", "flake", "metadata", "--json",
        BuiltFlake.url(flake.directory())), flake.directory()).ok("nix flake metadata");
    assertThat(Json.at(Json.parse(metadata.out()), "description")).isEqualTo(HostileStrings.ALL);
    nothingRan();
  }
}
