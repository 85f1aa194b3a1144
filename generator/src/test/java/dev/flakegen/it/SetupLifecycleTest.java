package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.ShellScripts;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Setup (runtime/README.md, "`setup`"; runtime/README.md, "Events") through a flake generated from
 * {@link IntegrationModel} and built by real Nix against the host package set, with init in real
 * bubblewrap and events on a real {@code redis-server} on loopback: caching, hashing, standard
 * input, validation, failures and resources that use resources.
 */
@NixTest
@RedisTest
class SetupLifecycleTest extends BuiltFlakeTest {

  static String sha512(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** SHA-256 in hexadecimal, as the events give the streams' digests. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The hash of runtime/README.md, "Configuration", the description, computed here from its
   * definition.
   */
  String expectedHash(String resource, List<String> arguments, byte[] input) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(
        (flake.descriptionHash(resource) + "\npersistent\n").getBytes(StandardCharsets.UTF_8));
    for (String argument : arguments) {
      byte[] data = argument.getBytes(StandardCharsets.UTF_8);
      bytes.writeBytes((data.length + ":").getBytes(StandardCharsets.UTF_8));
      bytes.writeBytes(data);
      bytes.write('\n');
    }
    if (input == null) {
      bytes.writeBytes("0\n".getBytes(StandardCharsets.UTF_8));
    } else {
      bytes.writeBytes("1\n".getBytes(StandardCharsets.UTF_8));
      bytes.writeBytes(input);
    }
    return sha512(bytes.toByteArray());
  }

  @Test
  void aMissRunsInitInBubblewrapThenAHitReturnsTheSamePathWithoutIt() throws Exception {
    Events events = events();
    Path first = state.setup(flake.setup("record")).path();
    Map<String, Object> miss = events.next();
    Path second = state.setup(flake.setup("record")).path();
    Map<String, Object> hit = events.next();
    events.none();

    assertThat(first).isEqualTo(state.resources().resolve("mounts/0")).isEqualTo(second);
    assertThat(state.list("mounts")).containsExactly("0");
    assertThat(miss)
        .containsEntry("type", "valid")
        .containsEntry("provenance", "new")
        .containsEntry("index", 0L)
        .containsEntry("path", first.toString());
    assertThat(hit)
        .containsEntry("type", "stale")
        .containsEntry("provenance", "cached")
        .containsEntry("hash", miss.get("hash"))
        .containsEntry("path", first.toString());
    // init ran in the FHS environment: /mount was the resource folder, /scratch a fresh tmpfs,
    // the working folder /mount (not the caller's)
    assertThat(ResourceState.read(first.resolve("host-path"))).isEqualTo(first.toString());
    assertThat(ResourceState.read(first.resolve("scratch"))).isEmpty();
    assertThat(ResourceState.read(first.resolve("working-folder")).strip()).isEqualTo("/mount");
    assertThat(Files.readSymbolicLink(state.resources().resolve("canonical/" + miss.get("hash"))))
        .isEqualTo(Path.of("../mounts/0"));
  }

  /**
   * Set up from a folder that does not exist inside the FHS environment (the host's /etc/apt: like
   * nixpkgs' buildFHSEnv, the environment has its own /etc), init still runs, in /mount.
   */
  @Test
  void aSetupCalledFromAFolderAbsentInsideTheEnvironmentRunsInitInMount() throws Exception {
    Path outside = Path.of("/etc/apt");
    assertThat(outside).isDirectory();
    Events events = events();
    ResourceState.Outcome outcome = state.setupIn(outside, flake.setup("record"));
    assertThat(outcome.status()).as(outcome.standardError()).isZero();
    Map<String, Object> miss = events.next();
    assertThat(miss).containsEntry("type", "valid").containsEntry("provenance", "new");
    assertThat(ResourceState.read(outcome.path().resolve("working-folder")).strip())
        .isEqualTo("/mount");
  }

  @Test
  void theHashFollowsItsDefinitionAndEveryInputChangesIt() {
    Events events = events();
    byte[] input = "some input\n".getBytes(StandardCharsets.UTF_8);
    state.setup(flake.setup("record")).path();
    state.setup(flake.setup("record"), "an argument").path();
    state.setup(flake.setup("record"), "an argument", "").path();
    state.setupWithInput(flake.setup("record"), input, "an argument").path();
    state.setupWithInput(flake.setup("record"), new byte[0], "an argument").path();
    state.setup(flake.setup("record-seeded")).path();
    state.setup(flake.setup("record")).path();
    List<Map<String, Object>> published = events.take(7);

    assertThat(published.get(0).get("hash")).isEqualTo(expectedHash("record", List.of(), null));
    assertThat(published.get(1).get("hash"))
        .isEqualTo(expectedHash("record", List.of("an argument"), null));
    assertThat(published.get(2).get("hash"))
        .isEqualTo(expectedHash("record", List.of("an argument", ""), null));
    assertThat(published.get(3).get("hash"))
        .isEqualTo(expectedHash("record", List.of("an argument"), input));
    assertThat(published.get(4).get("hash"))
        .isEqualTo(expectedHash("record", List.of("an argument"), new byte[0]));
    assertThat(published.subList(0, 6)).extracting(e -> e.get("hash")).doesNotHaveDuplicates();
    assertThat(published.subList(0, 6)).extracting(e -> e.get("type")).containsOnly("valid");
    // another seed is another description; the same setup again is a hit
    assertThat(flake.descriptionHash("record-seeded"))
        .isNotEqualTo(flake.descriptionHash("record"));
    assertThat(published.get(6))
        .containsEntry("type", "stale")
        .containsEntry("hash", published.get(0).get("hash"));
  }

  @Test
  void theDescriptionHashIsTheSha512OfTheDescriptionWhichHoldsTheInitAsApplied() throws Exception {
    for (String resource : List.of("record", "record-seeded", "i-am-a", "no-init")) {
      String description = flake.setupVariable(resource, "RESOURCE_DESCRIPTION_FILE");
      byte[] bytes = Files.readAllBytes(Path.of(description));
      assertThat(flake.descriptionHash(resource)).as(resource).isEqualTo(sha512(bytes));
      Object init =
          Json.at(
              (Map<?, ?>) Json.parse(new String(bytes, StandardCharsets.UTF_8)),
              "implementation",
              "init");
      String launcher = flake.setupVariable(resource, "RESOURCE_INIT");
      if (resource.equals("no-init")) {
        assertThat(init).isNull();
        assertThat(launcher).isEmpty();
      } else {
        // the init as applied: its program's store path, whose text names the environment it
        // runs in (so the hash covers that too)
        assertThat(launcher).as(resource).isEqualTo(init + "/bin/resource-init");
        String environment = flake.setupVariable(resource, "RESOURCE_INIT_ENVIRONMENT");
        assertThat(environment).endsWith("-resource-init-fhsenv-rootfs");
        Tools.run(
                List.of(
                    "nix-store",
                    "--realise",
                    flake.setupVariable(resource, "RESOURCE_INIT_DERIVATION")),
                Path.of("."),
                null,
                Map.of())
            .ok("nix-store --realise of the init");
        assertThat(Files.readAllLines(Path.of(launcher)))
            .as(resource)
            .contains("# runs in the FHS environment " + environment);
      }
    }
  }

  @Test
  void resourcesThatDifferOnlyInTheirInitAreTwoResources() throws Exception {
    Events events = events();
    Path a = state.setup(flake.setup("i-am-a")).path();
    Path b = state.setup(flake.setup("i-am-b")).path();
    List<Map<String, Object>> published = events.take(2);

    assertThat(flake.descriptionHash("i-am-a")).isNotEqualTo(flake.descriptionHash("i-am-b"));
    assertThat(published).extracting(e -> e.get("type")).containsExactly("valid", "valid");
    assertThat(published).extracting(e -> e.get("provenance")).containsExactly("new", "new");
    assertThat(a).isNotEqualTo(b);
    assertThat(ResourceState.read(a.resolve("greeting"))).isEqualTo("I am A\n");
    assertThat(ResourceState.read(b.resolve("greeting"))).isEqualTo("I am B\n");
  }

  @Test
  void emptyAndAbsentInputAreDifferentAndBinaryInputArrivesExactly() throws Exception {
    Events events = events();
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    Path absent = state.setup(flake.setup("record")).path();
    Path empty = state.setupWithInput(flake.setup("record"), new byte[0]).path();
    Path bytes = state.setupWithInput(flake.setup("record"), binary).path();
    List<Map<String, Object>> published = events.take(3);

    assertThat(List.of(absent, empty, bytes)).doesNotHaveDuplicates();
    assertThat(published.get(0))
        .containsEntry("has-standard-input", false)
        .containsEntry("standard-input", null)
        .containsEntry("standard-input-size", null);
    assertThat(published.get(1))
        .containsEntry("has-standard-input", true)
        .containsEntry("standard-input-size", 0L)
        .containsEntry("standard-input-sha256", sha256(new byte[0]));
    assertThat(published.get(2)).containsEntry("has-standard-input", true);
    assertThat(Files.readAllBytes(absent.resolve("input"))).isEmpty();
    assertThat(Files.readAllBytes(bytes.resolve("input"))).isEqualTo(binary);
    Path log = state.resources().resolve("log/" + published.get(2).get("index"));
    assertThat(Files.readAllBytes(log.resolve("standard-input"))).isEqualTo(binary);
  }

  @Test
  void aMissEventHasEveryKeyOfSection5() throws Exception {
    Events events = events();
    byte[] input = "line\nmore".getBytes(StandardCharsets.UTF_8);
    Path path = state.setupWithInput(flake.setup("record"), input, "one", "two words").path();
    Map<String, Object> event = events.next();

    assertThat(event.keySet())
        .containsExactly(
            "type",
            "hash",
            "index",
            "provenance",
            "originator-pid",
            "arguments",
            "has-standard-input",
            "standard-input",
            "standard-output",
            "standard-input-size",
            "standard-input-sha256",
            "standard-output-size",
            "standard-output-sha256",
            "standard-error",
            "status",
            "targets",
            "transient",
            "description",
            "path",
            "release");
    assertThat(event)
        .containsEntry("type", "valid")
        .containsEntry("hash", expectedHash("record", List.of("one", "two words"), input))
        .containsEntry("index", 0L)
        .containsEntry("provenance", "new")
        .containsEntry("arguments", List.of("one", "two words"))
        .containsEntry("has-standard-input", true)
        // By default the streams' sizes and digests, not their text (publish-streams).
        .containsEntry("standard-input", null)
        .containsEntry("standard-output", null)
        .containsEntry("standard-input-size", (long) input.length)
        .containsEntry("standard-input-sha256", sha256(input))
        .containsEntry("standard-output-size", 9L)
        .containsEntry(
            "standard-output-sha256", sha256("recorded\n".getBytes(StandardCharsets.UTF_8)))
        .containsEntry("standard-error", "")
        .containsEntry("status", 0L)
        .containsEntry(
            "targets",
            List.of("arguments", "host-path", "index", "input", "scratch", "working-folder"))
        .containsEntry("transient", false)
        .containsEntry("path", path.toString())
        .containsEntry("release", null);
    assertThat((Long) event.get("originator-pid")).isPositive();
    assertThat(Json.at(event, "description", "implementation", "targets"))
        .isEqualTo(
            List.of("arguments", "input", "index", "host-path", "working-folder", "scratch"));
    assertThat((String) Json.at(event, "description", "implementation", "init"))
        .startsWith("/nix/store/")
        .endsWith("-resource-init");
    assertThat(Json.at(event, "description", "lib", "channel")).isEqualTo(IntegrationModel.CHANNEL);
    assertThat(Files.readAllBytes(path.resolve("arguments")))
        .isEqualTo(ShellScripts.nulJoined(List.of("one", "two words")));
    assertThat(Files.readAllBytes(path.resolve("input"))).isEqualTo(input);
    assertThat(ResourceState.read(path.resolve("index"))).isEqualTo("0");
  }

  @Test
  void aTransientResourceIsNeverCached() {
    Events events = events();
    Path first = state.setup(flake.setup("ephemeral")).path();
    Path second = state.setup(flake.setup("ephemeral")).path();
    List<Map<String, Object>> published = events.take(2);

    assertThat(first).isNotEqualTo(second);
    assertThat(published).extracting(e -> e.get("type")).containsExactly("valid", "valid");
    assertThat(published).extracting(e -> e.get("provenance")).containsExactly("new", "new");
    assertThat(published).extracting(e -> e.get("transient")).containsExactly(true, true);
    assertThat(published.get(0).get("hash")).isNotEqualTo(published.get(1).get("hash"));
    assertThat(state.list("canonical")).isEmpty();
    assertThat(ResourceState.read(second.resolve("index")))
        .isEqualTo(published.get(1).get("index").toString());
  }

  @Test
  void aResourceWithoutInitIsAnEmptyFolder() throws Exception {
    Path path = state.setup(flake.setup("no-init")).path();
    try (var entries = Files.list(path)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void targetsMustBeExactlyTheNamesInTheFolderDotFilesIncluded() {
    Events events = events();
    Path dotfile = state.setup(flake.setup("dotfile")).path();
    assertThat(dotfile.resolve(".hidden")).exists();
    Map<String, Object> dotfileEvent = events.next();
    assertThat(dotfileEvent)
        .containsEntry("type", "valid")
        .containsEntry("targets", List.of(".hidden"));

    ResourceState.Outcome wrong = state.setup(flake.setup("wrong-targets"));
    Map<String, Object> event = events.next();
    assertThat(wrong.status()).isEqualTo(64);
    assertThat(wrong.standardOutput()).isEmpty();
    assertThat(wrong.standardError())
        .isEqualTo(
            event.get("hash")
                + "\n"
                + "missing target: wanted\n"
                + "unexpected target: surprise\n");
    assertThat(event)
        .containsEntry("type", "invalid-init")
        .containsEntry("targets", List.of(".dot", "surprise"));
    assertThat(state.list("canonical")).containsExactly((String) dotfileEvent.get("hash"));
  }

  @Test
  void aNonZeroStatusOrAnyStandardErrorIsAFailureThroughTheFailureProgram() {
    Events events = events();
    ResourceState.Outcome exit = state.setup(flake.setup("exit-three"));
    Map<String, Object> exitEvent = events.next();
    assertThat(exit.status()).isEqualTo(64);
    assertThat(exit.standardOutput()).isEmpty();
    assertThat(exit.standardError())
        .isEqualTo(exitEvent.get("hash") + "\ninit exited with status 3\n");
    assertThat(exitEvent)
        .containsEntry("type", "invalid-init")
        .containsEntry("status", 3L)
        .containsEntry("standard-output", null)
        .containsEntry(
            "standard-output-sha256", sha256("partial\n".getBytes(StandardCharsets.UTF_8)));

    ResourceState.Outcome noisy = state.setup(flake.setup("noisy"));
    Map<String, Object> noisyEvent = events.next();
    assertThat(noisy.status()).isEqualTo(64);
    assertThat(noisy.standardError())
        .isEqualTo(noisyEvent.get("hash") + "\ninit wrote to standard error\n");
    assertThat(noisyEvent)
        .containsEntry("type", "invalid-init")
        .containsEntry("status", 0L)
        .containsEntry("standard-error", "careful\n");
    assertThat(state.list("canonical")).isEmpty();

    // a failed hash is not cached: the next setup runs init again
    assertThat(state.setup(flake.setup("exit-three")).status()).isEqualTo(64);
    assertThat(events.next())
        .containsEntry("type", "invalid-init")
        .containsEntry("provenance", "new")
        .containsEntry("index", 2L);
  }

  @Test
  void aResourceUsesAnotherThroughItsFragmentWithArgumentsAndInputRedirection() throws Exception {
    Events events = events();
    Path outer = state.setup(flake.setup("uses-record")).path();
    List<Map<String, Object>> published = events.take(3);
    Map<String, Object> plain = published.get(0);
    Map<String, Object> withArguments = published.get(1);
    Map<String, Object> usesRecord = published.get(2);

    Path record = Path.of(ResourceState.read(outer.resolve("record")));
    Path recordWithArguments = Path.of(ResourceState.read(outer.resolve("with-arguments")));
    assertThat(plain)
        .containsEntry("type", "valid")
        .containsEntry("path", record.toString())
        .containsEntry("hash", expectedHash("record", List.of(), null));
    assertThat(withArguments)
        .containsEntry("type", "valid")
        .containsEntry("path", recordWithArguments.toString())
        .containsEntry("arguments", List.of("two words", "$(not run)", ""))
        .containsEntry(
            "standard-input-sha256",
            sha256("line one\nline two\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readAllBytes(recordWithArguments.resolve("arguments")))
        .isEqualTo(ShellScripts.nulJoined(List.of("two words", "$(not run)", "")));
    assertThat(ResourceState.read(recordWithArguments.resolve("input")))
        .isEqualTo("line one\nline two\n");
    // the inner setups keep the outer one's originator
    assertThat(plain.get("originator-pid")).isEqualTo(usesRecord.get("originator-pid"));
    assertThat(withArguments.get("originator-pid")).isEqualTo(usesRecord.get("originator-pid"));
    assertThat(usesRecord).containsEntry("type", "valid").containsEntry("path", outer.toString());
    // and the outer resource's own setup, outside, is then a hit on the same folder
    assertThat(state.setup(flake.setup("record")).path()).isEqualTo(record);
  }

  @Test
  void aFailingInnerResourceEndsInTheCallersFailureCodeOrCommand() {
    Events events = events();
    ResourceState.Outcome code = state.setup(flake.setup("fails-with-code"));
    List<Map<String, Object>> codeEvents = events.take(2);
    assertThat(code.status()).isEqualTo(64);
    assertThat(codeEvents.get(0)).containsEntry("type", "invalid-init").containsEntry("status", 3L);
    assertThat(codeEvents.get(1))
        .containsEntry("type", "invalid-init")
        .containsEntry("status", 64L);
    assertThat((String) codeEvents.get(1).get("standard-error"))
        .endsWith("init exited with status 3\n1001\n");
    assertThat((String) codeEvents.get(1).get("standard-output")).doesNotContain("not reached");

    ResourceState.Outcome command = state.setup(flake.setup("fails-with-command"));
    List<Map<String, Object>> commandEvents = events.take(2);
    assertThat(command.status()).isEqualTo(64);
    assertThat(command.standardError()).contains("init exited with status 7");
    assertThat(commandEvents.get(1)).containsEntry("status", 7L);
    assertThat((String) commandEvents.get(1).get("standard-error")).contains("inner failed\n");
    assertThat((String) commandEvents.get(1).get("standard-output")).doesNotContain("not reached");
  }

  @Test
  void setupIsWrappedWithTextACommandsOutputAndEnvironmentVariables() {
    Events events = events();
    ResourceState.Outcome outcome = state.setup(flake.setup("uses-record-typed"));
    assertThat(outcome.status()).as(outcome.standardError()).isZero();
    events.take(4);
    Path withText = Path.of(ResourceState.read(outcome.path().resolve("with-text")));
    Path withCommand = Path.of(ResourceState.read(outcome.path().resolve("with-command")));
    Path withEnvironment = Path.of(ResourceState.read(outcome.path().resolve("with-environment")));
    assertThat(ResourceState.read(withText.resolve("input")))
        .isEqualTo("typed 'text' $(not run)\nno newline");
    assertThat(ResourceState.read(withText.resolve("arguments"))).isEqualTo("text\0");
    assertThat(ResourceState.read(withCommand.resolve("input"))).isEqualTo("PIPED\n");
    assertThat(ResourceState.read(withCommand.resolve("arguments"))).isEqualTo("command\0");
    assertThat(ResourceState.read(withEnvironment.resolve("greeting")))
        .isEqualTo("hello 'there' $(not run)");
  }

  @Test
  void aProgramOfTheFlakeSetsUpAResourceWhenItRuns() {
    Path program = flake.lifecyclePackage("show-record").resolve("bin/show-record");
    Events events = events();
    ResourceState.Outcome outcome = state.setup(program);
    Map<String, Object> event = events.next();
    assertThat(outcome.status()).as(outcome.standardError()).isZero();
    assertThat(event)
        .containsEntry("type", "valid")
        .containsEntry("arguments", List.of("from a program"));
    assertThat(outcome.standardOutput()).isEqualTo("from a program\0\n" + event.get("path") + "\n");
    // run again: the same resource, a hit
    assertThat(state.setup(program).standardOutput()).isEqualTo(outcome.standardOutput());
    assertThat(events.next()).containsEntry("type", "stale");
  }

  @Test
  void aFailureScriptChangesNothingWhenTheInnerSetupSucceeds() {
    Events events = events();
    ResourceState.Outcome outcome = state.setup(flake.setup("succeeds-despite-failure-script"));
    List<Map<String, Object>> published = events.take(2);
    assertThat(outcome.status()).isZero();
    assertThat(published).extracting(e -> e.get("type")).containsExactly("valid", "valid");
    assertThat(published.get(1)).containsEntry("standard-error", "").containsEntry("status", 0L);
    assertThat(ResourceState.read(outcome.path().resolve("dotfile")))
        .isEqualTo(published.get(0).get("path"));
  }

  @Test
  void anInitWithControlFlowTakesTheBranchItsArgumentChoosesAndWritesTextExactly()
      throws java.io.IOException {
    Events events = events();
    ResourceState.Outcome outcome = state.setup(flake.setup("control-flow"), "medium", "x y");
    assertThat(outcome.status()).as(outcome.standardError()).isZero();
    assertThat(events.next()).containsEntry("type", "valid");
    Path folder = outcome.path();
    assertThat(java.nio.file.Files.readString(folder.resolve("size"))).isEqualTo("medium");
    assertThat(java.nio.file.Files.readString(folder.resolve("list")))
        .isEqualTo("a\nb c\nmedium\nx y\n");
    assertThat(java.nio.file.Files.readString(folder.resolve("document")))
        .isEqualTo(IntegrationModel.CONTROL_FLOW_TEXT + "\n");
    assertThat(java.nio.file.Files.readString(folder.resolve("recovered"))).isEqualTo("yes");
    ResourceState.Outcome other = state.setup(flake.setup("control-flow"), "big");
    assertThat(other.status()).as(other.standardError()).isZero();
    assertThat(java.nio.file.Files.readString(other.path().resolve("size"))).isEqualTo("big");
  }

  /**
   * setup carries the runtime's text as lib.nix compacts it: lib/core.sh and setup-hit.sh, then
   * lib/common.sh and setup.sh, without their blank and comment-only lines (ShellCheck's directives
   * stay; the runtime module's CompactTest checks that bash parses each file the same either way);
   * before them the values the hit reads, between them the others, each part's strings exported by
   * one {@code export}.
   */
  @Test
  void setupCarriesTheRuntimesFilesWithoutTheirCommentLines() throws Exception {
    String text = Files.readString(flake.setup("record"), StandardCharsets.UTF_8);
    String hit = compacted("lib/core.sh") + compacted("setup-hit.sh");
    String rest = compacted("lib/common.sh") + compacted("setup.sh");
    assertThat(text).contains(hit).contains(rest);
    int hitAt = text.indexOf(hit);
    int restAt = text.indexOf(rest);
    assertThat(hitAt).isLessThan(restAt);
    assertThat(text.substring(0, hitAt))
        .as("the values before the hit")
        .containsPattern(
            "(?m)^export RESOURCES_DIRECTORY RESOURCE_CHANNEL RESOURCE_GC_ROOT"
                + " RESOURCE_ORIGINATOR_PID_VARIABLE RESOURCE_PLAIN_HASH RESOURCE_TRANSIENT$");
    assertThat(text.substring(hitAt + hit.length(), restAt))
        .as("the values after the hit")
        .containsPattern("(?m)^RESOURCE_DESCRIPTION_HASH=[0-9a-f]{128}$")
        .containsPattern("(?m)^export ([A-Z_]+ )*RESOURCE_DESCRIPTION_HASH( [A-Z_]+)*$")
        .doesNotContainPattern("(?m)^RESOURCE_PLAIN_HASH=");
    assertThat(text.lines().skip(1).filter(line -> line.matches("[ \\t]*#.*")))
        .as("comment lines after the #! line")
        .allMatch(line -> line.matches("[ \\t]*# shellcheck .*"));
  }

  /** A runtime file without its blank and comment-only lines (ShellCheck's directives kept). */
  private static String compacted(String file) throws java.io.IOException {
    try (java.io.InputStream in =
        SetupLifecycleTest.class.getResourceAsStream("/dev/flakegen/runtime/" + file)) {
      assertThat(in).as(file).isNotNull();
      StringBuilder kept = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.matches("[ \\t]*(#.*)?") || line.matches("[ \\t]*# shellcheck .*")) {
          kept.append(line).append('\n');
        }
      }
      return kept.toString();
    }
  }
}
