package dev.flakegen.it;

import dev.flakegen.testing.NixTest;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.output;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resources used outside inits ("in code we use the resource lambda"): a release, a resolution
 * and a check's fixture set up another resource through its handle, and an init sets one up
 * inside an {@code if}; built by Nix, run in the checks' builds. Each script fails unless the
 * resource it set up holds what that resource's init wrote, so a check passes only when the
 * resource was really set up there.
 */
@NixTest
class ResourcesInScriptsTest extends BuiltFlakeTest {

  static final String CHANNEL = "flakegen-resources-in-scripts";

  static final ResourceName MARKER = ResourceName.of("marker");

  @Override
  Flake model() {
    return flake();
  }

  @Override
  String channel() {
    return CHANNEL;
  }

  /** {@code MARK=${resources.marker { }}} then a test that its file says "marked". */
  static ShellScript usesMarker() {
    return ShellScript.builder()
        .set("MARK", MARKER.fragment())
        .set("TEXT", output(command(pkg("coreutils", "/bin/cat"), word(variable("MARK"),
            literal("/marker")))))
        .run(command(pkg("coreutils", "/bin/test"), word(variable("TEXT")), literal("="),
            literal("marked")))
        .build();
  }

  static Flake flake() {
    ShellScript greet = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("hello")).toFile(mount("greeting")))
        .build();
    return Flake.builder()
        .description("flakegen resources in scripts")
        .parameters(LibParameters.builder()
            .channel(CHANNEL)
            .originatorPidVariable("FLAKEGEN_RESOURCES_IN_SCRIPTS_ORIGINATOR_PID")
            .resourcesDirectory("~/resources")
            .storeGarbageCollectionRoot("~/gc-roots"))
        .addResource(MARKER, Implementation.builder().init(ShellScript.builder()
            .run(command(pkg("coreutils", "/bin/echo"), literal("marked")).toFile(mount("marker")))
            .build()).targets("marker"))
        // the release sets up the marker and succeeds only when it holds its file
        .addResource("released-with-marker", Implementation.builder().init(greet)
            .targets("greeting").release(usesMarker()))
        // the release fails; the resolution sets up the marker, checks it and cleans up
        .addResource("resolved-with-marker", Implementation.builder().init(greet)
            .targets("greeting")
            .release(ShellScript.raw("exit 1\n"))
            .addReleaseResolution("clean-up", usesMarker().toBuilder()
                .run(command(pkg("coreutils", "/bin/rm"), literal("greeting"))).build()))
        // init sets the marker up inside an if and copies its file
        .addResource("copied-in-an-if", Implementation.builder().init(ShellScript.builder()
            .runIf(command(pkg("coreutils", "/bin/true")), ShellScript.builder()
                .set("MARK", MARKER.fragment())
                .run(command(pkg("coreutils", "/bin/cp"), word(variable("MARK"),
                    literal("/marker")),
                    mount("copy")))
                .build())
            .build()).targets("copy"))
        .addCheck("release-uses-a-resource", Check.builder("released-with-marker")
            .expectedType(EventType.VALID)
            .expectedLifecycle(EventType.VALID, EventType.RELEASED))
        .addCheck("resolution-uses-a-resource", Check.builder("resolved-with-marker")
            .resolution("clean-up")
            .expectedLifecycle(EventType.VALID, EventType.INVALID_RELEASE, EventType.RESOLVED))
        .addCheck("fixture-uses-a-resource", Check.builder(MARKER)
            .fixture(usesMarker())
            .expectedType(EventType.STALE))
        .addCheck("init-uses-a-resource-in-an-if", Check.builder("copied-in-an-if")
            .expectedType(EventType.VALID)
            .expectedTargets("copy"))
        .build();
  }

  Tools.Result check(String name) {
    return flake.buildAttribute("checks.x86_64-linux." + name);
  }

  /** The events the passing check {@code name} recorded from setup on, one map each. */
  @SuppressWarnings("unchecked")
  List<Map<String, Object>> lifecycleEvents(String name) throws IOException {
    Tools.Result result = check(name).ok(name);
    Object built = Json.parse(result.out());
    Path out = Path.of((String) Json.at(((List<Object>) built).get(0), "outputs", "out"));
    return Files.readAllLines(out.resolve("lifecycle-events.jsonl")).stream()
        .map(line -> (Map<String, Object>) Json.parse(line))
        .toList();
  }

  @Test
  void aReleaseSetsUpAResourceThroughItsHandle() throws IOException {
    List<Map<String, Object>> events = lifecycleEvents("release-uses-a-resource");
    Object index = events.get(0).get("index");
    assertThat(events.stream().filter(event -> index.equals(event.get("index")))
        .map(event -> event.get("type"))).containsExactly("valid", "released");
    // the marker, set up by the release, is a resource of its own with its own events
    assertThat(events).anySatisfy(event -> assertThat(event.get("index")).isNotEqualTo(index));
  }

  @Test
  void aResolutionSetsUpAResourceThroughItsHandle() throws IOException {
    List<Map<String, Object>> events = lifecycleEvents("resolution-uses-a-resource");
    assertThat(events).filteredOn(event -> "resolved".equals(event.get("type")))
        .singleElement().satisfies(event -> assertThat(event)
            .containsEntry("resolution", "clean-up"));
  }

  @Test
  void aFixtureSetsUpAResourceBeforeTheCheckedSetup() {
    // the fixture made the marker, so the checked setup of the same resource is a hit
    check("fixture-uses-a-resource").ok("fixture-uses-a-resource");
  }

  @Test
  void anInitSetsUpAResourceInsideAnIf() {
    check("init-uses-a-resource-in-an-if").ok("init-uses-a-resource-in-an-if");
  }

  @Test
  void eachSetupIsTheDerivationNamedAfterItsResource() {
    assertThat(flake.setup("marker").getParent().getParent().getFileName().toString())
        .matches("[0-9a-z]{32}-marker-setup");
    assertThat(flake.setup("copied-in-an-if").getParent().getParent().getFileName().toString())
        .matches("[0-9a-z]{32}-copied-in-an-if-setup");
  }

  @Test
  void theHashedReleaseNamesTheSetupOfTheResourceItUses() throws IOException {
    String description = Files.readString(Path.of(flake.setupVariable("released-with-marker",
        "RESOURCE_DESCRIPTION_FILE")));
    Object release = Json.at(Json.parse(description), "implementation", "release");
    assertThat((String) release).contains(flake.setup("marker").toString())
        .contains("# realised with this init, for the resources it sets up: /nix/store/");
  }
}
