package dev.flakegen.it;

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
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks that follow their resource through the lifecycle ({@code expected-lifecycle},
 * {@code resolution}), built by Nix: the release and resolve listeners run in the build, a
 * resolution is run from the quarantine, and the types of the resource's events are compared.
 */
@NixTest
class LifecycleChecksTest extends BuiltFlakeTest {

  static final String CHANNEL = "flakegen-lifecycle-checks";

  @Override
  Flake model() {
    return flake();
  }

  @Override
  String channel() {
    return CHANNEL;
  }

  static Flake flake() {
    ShellScript greet = ShellScript.builder()
        .run(command(pkg("coreutils", "/bin/echo"), literal("hello")).toFile(mount("greeting")))
        .build();
    return Flake.builder()
        .description("flakegen lifecycle checks")
        .parameters(LibParameters.builder()
            .channel(CHANNEL)
            .originatorPidVariable("FLAKEGEN_LIFECYCLE_ORIGINATOR_PID")
            .resourcesDirectory("~/resources")
            .storeGarbageCollectionRoot("~/gc-roots"))
        // the release succeeds only where it runs: in the resource directory
        .addResource("greeting", Implementation.builder().init(greet).targets("greeting")
            .release(ShellScript.raw("test -f greeting\n")))
        .addResource("rejected", Implementation.builder().init(ShellScript.raw("exit 3\n")))
        .addResource("stuck", Implementation.builder().init(greet).targets("greeting")
            .release(ShellScript.raw("exit 1\n"))
            .addReleaseResolution("clean-up", ShellScript.raw("rm greeting\n")))
        .addCheck("released", Check.builder("greeting")
            .expectedType(EventType.VALID)
            .expectedLifecycle(EventType.VALID, EventType.RELEASED))
        .addCheck("accepted", Check.builder("rejected")
            .resolution("accept")
            .expectedType(EventType.INVALID_INIT)
            .expectedSetupExitStatus(64)
            .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED, EventType.RELEASED))
        .addCheck("finished", Check.builder("stuck")
            .resolution("finish")
            .expectedLifecycle(EventType.VALID, EventType.INVALID_RELEASE, EventType.RESOLVED))
        .addCheck("cleaned-up-after-a-hit", Check.builder("stuck")
            .fixture(ShellScript.builder()
                .run(command(variable("SETUP")).toFile("/dev/null"))
                .build())
            .resolution("clean-up")
            .expectedType(EventType.STALE)
            .expectedLifecycle(EventType.STALE, EventType.INVALID_RELEASE, EventType.RESOLVED))
        .addCheck("quarantined", Check.builder("stuck")
            .expectedLifecycle(EventType.VALID, EventType.INVALID_RELEASE))
        .addCheck("wrong-lifecycle", Check.builder("greeting")
            .expectedLifecycle(EventType.VALID, EventType.INVALID_RELEASE, EventType.RESOLVED))
        .addCheck("not-offered", Check.builder("rejected")
            .resolution("finish")
            .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED))
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
  void aValidResourceIsReleasedWhenItsOriginatorHasExited() throws IOException {
    List<Map<String, Object>> events = lifecycleEvents("released");
    assertThat(events).extracting(event -> event.get("type")).containsExactly("valid", "released");
    assertThat(events.get(1)).containsEntry("index", 0L).containsEntry("release-status", 0L);
  }

  @Test
  void aFailedInitAcceptedInQuarantineIsResolvedAndReleased() throws IOException {
    List<Map<String, Object>> events = lifecycleEvents("accepted");
    assertThat(events).extracting(event -> event.get("type"))
        .containsExactly("invalid-init", "resolved", "released");
    assertThat(events.get(1)).containsEntry("resolution", "accept")
        .containsEntry("resolves", "invalid-init");
  }

  @Test
  void aFailedReleaseFinishedInQuarantineIsResolved() throws IOException {
    List<Map<String, Object>> events = lifecycleEvents("finished");
    assertThat(events).extracting(event -> event.get("type"))
        .containsExactly("valid", "invalid-release", "resolved");
    assertThat(events.get(1)).containsEntry("release-status", 1L);
    assertThat(events.get(2)).containsEntry("resolution", "finish");
  }

  @Test
  void aHitIsFollowedAndAResolutionOfTheResourceRunsItsCommand() throws IOException {
    List<Map<String, Object>> events = lifecycleEvents("cleaned-up-after-a-hit");
    assertThat(events).extracting(event -> event.get("type"))
        .containsExactly("stale", "invalid-release", "resolved");
    assertThat(events.get(2)).containsEntry("resolution", "clean-up")
        .containsEntry("resolves", "invalid-release");
  }

  @Test
  void withoutAResolutionTheLifecycleEndsInQuarantine() {
    check("quarantined").ok("quarantined");
  }

  @Test
  void aWrongLifecycleFailsWithADiffOfBothLists() {
    Tools.Result result = check("wrong-lifecycle");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("resource-check-wrong-lifecycle")
        .contains("-lifecycle: [\"valid\",\"invalid-release\",\"resolved\"]\n")
        .contains("+lifecycle: [\"valid\",\"released\"]\n");
  }

  @Test
  void aResolutionTheQuarantineDoesNotOfferFailsNamingThoseItOffers() {
    Tools.Result result = check("not-offered");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr())
        .contains("check: resource 0 is in quarantine (invalid-init) without the resolution"
            + " finish; its resolutions: accept");
  }
}
