package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.BubblewrapTest;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.json.Json;
import dev.flakegen.testing.nix.NixSettings;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** setup against the contract: cache miss and hit, hashing, input, validation, events, init. */
@RedisTest
@NixTest
@BubblewrapTest
class SetupTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  Fixture fixture;
  Path counter;

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @BeforeEach
  void newFixture() {
    // Events carry the streams (publish-streams): what most tests here look at. The default
    // (sizes and digests only) has tests of its own.
    fixture = new Fixture(temporary, redis).publishStreams();
    counter = temporary.resolve("init-runs");
  }

  /** An init that records each run in COUNTER, prints, and creates TARGETS. */
  private Fixture countingInit(String... targets) {
    StringBuilder body =
        new StringBuilder("echo run >> " + Programs.quote(counter.toString()) + "\n");
    body.append("printf 'made %s\\n' \"$RESOURCE_INDEX\"\n");
    for (String target : targets) {
      body.append("echo data > \"$RESOURCE_MOUNT\"/").append(Programs.quote(target)).append('\n');
    }
    return fixture.targets(targets).initScript(body.toString());
  }

  private long initRuns() throws IOException {
    return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }

  @Test
  void aMissRunsInitOnceAndAHitServesTheCachedDirectory() throws Exception {
    countingInit("a", ".hidden");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result miss = fixture.run("x", "y z").run();
      assertThat(miss.status).as(miss.toString()).isZero();
      assertThat(miss.out()).isEqualTo(fixture.mount(100) + "\n");
      assertThat(miss.err).isEmpty();
      String hash = fixture.expectedHash(List.of("x", "y z"), null);
      assertThat(Files.readSymbolicLink(fixture.canonical(hash)))
          .isEqualTo(Path.of("../mounts/100"));
      Path log = fixture.log(100);
      assertThat(Files.readAllBytes(log.resolve("arguments")))
          .isEqualTo("x\0y z\0".getBytes(StandardCharsets.UTF_8));
      assertThat(log.resolve("standard-input")).doesNotExist();
      assertThat(log.resolve("standard-output")).hasContent("made 100");
      assertThat(Files.size(log.resolve("standard-error"))).isZero();
      assertThat(Files.readString(log.resolve("status"))).isEqualTo("0\n");
      assertThat(Files.readString(log.resolve("event-tail.json")))
          .startsWith("\"hash\":\"" + hash + "\",");

      Map<String, Object> valid = Events.only(events.published());
      Events.hasKeys(valid, Events.NEW);
      assertThat(valid.get("type")).isEqualTo("valid");
      assertThat(valid.get("hash")).isEqualTo(hash);
      assertThat(valid.get("index")).isEqualTo(100L);
      assertThat(valid.get("provenance")).isEqualTo("new");
      assertThat(valid.get("originator-pid")).isEqualTo(pid());
      assertThat(valid.get("arguments")).isEqualTo(List.of("x", "y z"));
      assertThat(valid.get("has-standard-input")).isEqualTo(false);
      assertThat(valid.get("standard-input")).isNull();
      assertThat(valid.get("standard-output")).isEqualTo("made 100\n");
      assertThat(valid.get("standard-error")).isEqualTo("");
      assertThat(valid.get("status")).isEqualTo(0L);
      assertThat(valid.get("targets")).isEqualTo(List.of(".hidden", "a"));
      assertThat(valid.get("transient")).isEqualTo(false);
      assertThat(valid.get("description")).isEqualTo(Json.parse(fixture.description));
      assertThat(valid.get("path")).isEqualTo(fixture.mount(100).toString());
      assertThat(valid.get("release")).isNull();

      Run.Result hit = fixture.run("x", "y z").run();
      assertThat(hit.status).as(hit.toString()).isZero();
      assertThat(hit.out()).isEqualTo(fixture.mount(100) + "\n");
      assertThat(hit.err).isEmpty();
      assertThat(initRuns()).isEqualTo(1);
      Map<String, Object> stale = Events.only(events.published());
      Events.hasKeys(stale, Events.STALE);
      assertThat(stale.get("type")).isEqualTo("stale");
      assertThat(stale.get("provenance")).isEqualTo("cached");
      assertThat(stale.get("originator-pid")).isEqualTo(pid());
      for (String key : Events.NEW.subList(5, Events.NEW.size())) {
        assertThat(stale.get(key)).as(key).isEqualTo(valid.get(key));
      }
      assertThat(stale.get("hash")).isEqualTo(hash);
      assertThat(stale.get("index")).isEqualTo(100L);
    }
  }

  @Test
  void byDefaultEventsCarryTheSizesAndDigestsOfInitsInputAndOutputNotTheirText() throws Exception {
    fixture.publishStreams = false;
    byte[] input = "secret input \u00fc\n".getBytes(StandardCharsets.UTF_8);
    byte[] output = "secret output\n".getBytes(StandardCharsets.UTF_8);
    Path printed = Files.write(temporary.resolve("printed"), output);
    fixture
        .targets("a")
        .initScript("cat > \"$RESOURCE_MOUNT/a\"; cat " + Programs.quote(printed.toString()));
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result miss = fixture.run().pipe(new String(input, StandardCharsets.UTF_8)).run();
      assertThat(miss.status).as(miss.toString()).isZero();
      List<String> messages = events.published();
      assertThat(messages).hasSize(1).noneMatch(message -> message.contains("secret"));
      Map<String, Object> valid = Events.only(messages);
      Events.hasKeys(valid, Events.NEW);
      assertThat(valid.get("has-standard-input")).isEqualTo(true);
      assertThat(valid.get("standard-input")).isNull();
      assertThat(valid.get("standard-output")).isNull();
      assertThat(valid.get("standard-input-size")).isEqualTo((long) input.length);
      assertThat(valid.get("standard-input-sha256")).isEqualTo(sha256(input));
      assertThat(valid.get("standard-output-size")).isEqualTo((long) output.length);
      assertThat(valid.get("standard-output-sha256")).isEqualTo(sha256(output));
      // The log keeps both, the owner's alone.
      assertThat(Files.readAllBytes(fixture.log(100).resolve("standard-input"))).isEqualTo(input);
      assertThat(Files.readAllBytes(fixture.log(100).resolve("standard-output"))).isEqualTo(output);
      assertThat(Files.readString(fixture.log(100).resolve("event-tail.json")))
          .doesNotContain("secret");

      // The hit re-sends the miss's tail: no text either.
      Run.Result hit = fixture.run().pipe(new String(input, StandardCharsets.UTF_8)).run();
      assertThat(hit.status).as(hit.toString()).isZero();
      List<String> again = events.published();
      assertThat(again).hasSize(1).noneMatch(message -> message.contains("secret"));
      Map<String, Object> stale = Events.only(again);
      Events.hasKeys(stale, Events.STALE);
      assertThat(stale.get("standard-output-sha256")).isEqualTo(sha256(output));

      // Without input: null size and digest for it; an empty output has the digest of nothing.
      fixture.description("{\"seed\":\"no input\"}").initScript("true").targets();
      Run.Result none = fixture.run().closed().run();
      assertThat(none.status).as(none.toString()).isZero();
      Map<String, Object> empty = Events.only(events.published());
      assertThat(empty.get("has-standard-input")).isEqualTo(false);
      assertThat(empty.get("standard-input-size")).isNull();
      assertThat(empty.get("standard-input-sha256")).isNull();
      assertThat(empty.get("standard-output")).isNull();
      assertThat(empty.get("standard-output-size")).isEqualTo(0L);
      assertThat(empty.get("standard-output-sha256")).isEqualTo(sha256(new byte[0]));
    }
  }

  @Test
  void withPublishStreamsEventsCarryInitsInputAndOutputWithTheirSizesAndDigests() throws Exception {
    byte[] input = "shown input\n".getBytes(StandardCharsets.UTF_8);
    fixture.targets("a").initScript("cat > \"$RESOURCE_MOUNT/a\"; echo shown output");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result miss = fixture.run().pipe(new String(input, StandardCharsets.UTF_8)).run();
      assertThat(miss.status).as(miss.toString()).isZero();
      Map<String, Object> valid = Events.only(events.published());
      Events.hasKeys(valid, Events.NEW);
      assertThat(valid.get("standard-input")).isEqualTo("shown input\n");
      assertThat(valid.get("standard-output")).isEqualTo("shown output\n");
      assertThat(valid.get("standard-input-size")).isEqualTo((long) input.length);
      assertThat(valid.get("standard-input-sha256")).isEqualTo(sha256(input));
      assertThat(valid.get("standard-output-sha256"))
          .isEqualTo(sha256("shown output\n".getBytes(StandardCharsets.UTF_8)));
    }
  }

  /**
   * The sizes and digests of init's input and output are exact whichever way setup measures them:
   * with builtins (text, a few NUL bytes, a last line without its line feed) or with stat (past 16
   * KiB, or many NUL bytes).
   */
  @Test
  void eventsMeasureInputAndOutputExactlyHoweverTheyAreCounted() throws Exception {
    fixture.publishStreams = false;
    byte[] many = new byte[300];
    for (int i = 0; i < many.length; i++) {
      many[i] = (byte) (i % 3 == 0 ? 0 : 'x');
    }
    byte[] large = new byte[16385];
    java.util.Arrays.fill(large, (byte) 'y');
    List<byte[]> cases =
        List.of(
            new byte[0],
            "no line feed".getBytes(StandardCharsets.UTF_8),
            new byte[] {0},
            new byte[] {'a', 0, 'b', 0},
            "\n\n\\ \r\t\n".getBytes(StandardCharsets.UTF_8),
            many,
            java.util.Arrays.copyOf(large, 16384),
            large);
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      for (int i = 0; i < cases.size(); i++) {
        byte[] bytes = cases.get(i);
        Path printed = Files.write(temporary.resolve("printed-" + i), bytes);
        fixture
            .description("{\"seed\":\"case " + i + "\"}")
            .initScript("cat > /dev/null; cat " + Programs.quote(printed.toString()));
        Run.Result miss = fixture.run().pipe(bytes).run();
        assertThat(miss.status).as(miss.toString()).isZero();
        Map<String, Object> valid = Events.only(events.published());
        assertThat(valid.get("standard-input-size"))
            .as("input of case %d", i)
            .isEqualTo((long) bytes.length);
        assertThat(valid.get("standard-input-sha256"))
            .as("input of case %d", i)
            .isEqualTo(sha256(bytes));
        assertThat(valid.get("standard-output-size"))
            .as("output of case %d", i)
            .isEqualTo((long) bytes.length);
        assertThat(valid.get("standard-output-sha256"))
            .as("output of case %d", i)
            .isEqualTo(sha256(bytes));
      }
    }
  }

  /** SHA-256 of BYTES in hexadecimal (Java's MessageDigest). */
  private static String sha256(byte[] bytes) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void theHashIsTheContractsAndEveryInputChangesIt() throws Exception {
    countingInit();
    String base = fixture.run("a").run().out();
    assertThat(base).isEqualTo(fixture.mount(100) + "\n");
    assertThat(fixture.hasCanonical(fixture.expectedHash(List.of("a"), null))).isTrue();
    // The same again: a hit.
    assertThat(fixture.run("a").run().out()).isEqualTo(base);
    // Another argument, the same argument split differently, an input: new resources.
    assertThat(fixture.run("b").run().out()).isEqualTo(fixture.mount(101) + "\n");
    assertThat(fixture.run("a", "").run().out()).isEqualTo(fixture.mount(102) + "\n");
    assertThat(fixture.run("a").pipe("x").run().out()).isEqualTo(fixture.mount(103) + "\n");
    assertThat(
            fixture.hasCanonical(
                fixture.expectedHash(List.of("a"), "x".getBytes(StandardCharsets.UTF_8))))
        .isTrue();
    assertThat(fixture.run("a").pipe("y").run().out()).isEqualTo(fixture.mount(104) + "\n");
    // The same input from a regular file is the same resource.
    Path input = Files.writeString(temporary.resolve("input"), "x");
    assertThat(fixture.run("a").file(input).run().out()).isEqualTo(fixture.mount(103) + "\n");
    // Another description (the seed perturbs it): another resource.
    fixture.description("{\"init\":null,\"seed\":\"other\",\"targets\":[],\"transient\":false}");
    assertThat(fixture.run("a").run().out()).isEqualTo(fixture.mount(105) + "\n");
    assertThat(initRuns()).isEqualTo(6);
  }

  @Test
  void aTransientResourceIsNeverCached() throws Exception {
    countingInit("t");
    fixture.transientResource();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      // Each setup takes two counter values: the token, then the index.
      assertThat(fixture.run("a").run().out()).isEqualTo(fixture.mount(101) + "\n");
      assertThat(fixture.run("a").run().out()).isEqualTo(fixture.mount(103) + "\n");
      assertThat(initRuns()).isEqualTo(2);
      try (var entries = Files.list(fixture.resources.resolve("canonical"))) {
        assertThat(entries).isEmpty();
      }
      assertThat(fixture.resources.resolve("locks")).isEmptyDirectory();
      List<Map<String, Object>> valid = Events.parse(events.published());
      assertThat(valid).hasSize(2);
      List<byte[]> arguments = List.of("a".getBytes(StandardCharsets.UTF_8));
      assertThat(valid.get(0).get("hash")).isEqualTo(fixture.expectedHash("100", arguments, null));
      assertThat(valid.get(1).get("hash")).isEqualTo(fixture.expectedHash("102", arguments, null));
      assertThat(valid.get(0).get("transient")).isEqualTo(true);
      assertThat(valid.get(0).get("type")).isEqualTo("valid");
    }
  }

  @Test
  void noInputDiffersFromAnEmptyInput() throws Exception {
    countingInit();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      // Closed standard input, a terminal and /dev/null (what init gets when setup had no
      // input, so a resource set up inside init is the one set up by hand): no input.
      assertThat(fixture.run().closed().run().out()).isEqualTo(fixture.mount(100) + "\n");
      Run.Result terminal = fixture.run().terminal().run();
      assertThat(terminal.status).as(terminal.toString()).isZero();
      assertThat(fixture.run().devNull().run().out()).isEqualTo(fixture.mount(100) + "\n");
      // An empty pipe, an empty file: an empty input, another resource.
      assertThat(fixture.run().pipe(new byte[0]).run().out()).isEqualTo(fixture.mount(101) + "\n");
      Path empty = Files.createFile(temporary.resolve("empty"));
      assertThat(fixture.run().file(empty).run().out()).isEqualTo(fixture.mount(101) + "\n");
      assertThat(initRuns()).isEqualTo(2);
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all)
          .extracting(e -> e.get("type"))
          .containsExactly("valid", "stale", "stale", "valid", "stale");
      assertThat(all.get(1).get("has-standard-input")).isEqualTo(false);
      assertThat(all.get(2).get("has-standard-input")).isEqualTo(false);
      assertThat(all.get(3).get("has-standard-input")).isEqualTo(true);
      assertThat(all.get(3).get("standard-input")).isEqualTo("");
      assertThat(all.get(0).get("hash")).isEqualTo(fixture.expectedHash(List.of(), null));
      assertThat(all.get(3).get("hash")).isEqualTo(fixture.expectedHash(List.of(), new byte[0]));
      assertThat(fixture.log(101).resolve("standard-input")).exists().isEmptyFile();
    }
  }

  @Test
  void aLargeBinaryInputReachesInitUnchanged() throws Exception {
    byte[] input = new byte[20 * 1024 * 1024];
    new java.util.Random(42).nextBytes(input);
    for (int i = 0; i < input.length; i += 4096) {
      input[i] = 0;
    }
    Path copy = temporary.resolve("copy");
    fixture.initScript("cat > " + Programs.quote(copy.toString()));
    Run.Result piped = fixture.run("big").pipe(input).run();
    assertThat(piped.status).as(piped.toString()).isZero();
    assertThat(piped.out()).isEqualTo(fixture.mount(100) + "\n");
    assertThat(Files.readAllBytes(copy)).isEqualTo(input);
    assertThat(Files.readAllBytes(fixture.log(100).resolve("standard-input"))).isEqualTo(input);
    assertThat(fixture.hasCanonical(fixture.expectedHash(List.of("big"), input))).isTrue();
    assertThat(fixture.resources.resolve("tmp")).isEmptyDirectory();
    // The same bytes from a file: a hit, found without a copy.
    Path file = temporary.resolve("input");
    Files.write(file, input);
    assertThat(fixture.run("big").file(file).run().out()).isEqualTo(fixture.mount(100) + "\n");
    assertThat(fixture.resources.resolve("tmp")).isEmptyDirectory();
  }

  @Test
  void aFileInputIsReadFromWhereStandardInputStands() throws Exception {
    Path copy = temporary.resolve("copy");
    fixture.initScript("cat > " + Programs.quote(copy.toString()));
    Path file = Files.writeString(temporary.resolve("input"), "skip me\nkeep me\n");
    Run.Result result =
        Run.bash("{ read -r line; \"$1\"; } < \"$2\"", fixture.setup().toString(), file.toString())
            .env("RESOURCE_REDIS", redis.address())
            .run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(copy).hasContent("keep me");
    assertThat(
            fixture.hasCanonical(
                fixture.expectedHash(List.of(), "keep me\n".getBytes(StandardCharsets.UTF_8))))
        .isTrue();
  }

  @Test
  void targetsMustBeExactlyTheNamesInTheDirectory() throws Exception {
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      // Exact, dot files included.
      fixture
          .targets(".config", "b")
          .initScript("touch \"$RESOURCE_MOUNT/.config\" \"$RESOURCE_MOUNT/b\"");
      assertThat(fixture.run("exact").run().status).isZero();
      // Missing.
      fixture.targets("a", "b", "c").initScript("touch \"$RESOURCE_MOUNT/b\"");
      Run.Result missing = fixture.run("missing").run();
      String missingHash = fixture.expectedHash(List.of("missing"), null);
      assertThat(missing.status).isEqualTo(64);
      assertThat(missing.out).isEmpty();
      assertThat(missing.err()).isEqualTo(missingHash + "\nmissing target: a\nmissing target: c\n");
      assertThat(fixture.hasCanonical(missingHash)).isFalse();
      // Unexpected, a dot file too.
      fixture
          .targets("a")
          .initScript(
              "touch \"$RESOURCE_MOUNT/a\" \"$RESOURCE_MOUNT/.extra\" \"$RESOURCE_MOUNT/z\"");
      Run.Result extra = fixture.run("extra").run();
      assertThat(extra.status).isEqualTo(64);
      assertThat(extra.err())
          .isEqualTo(
              fixture.expectedHash(List.of("extra"), null)
                  + "\nunexpected target: .extra\nunexpected target: z\n");
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all)
          .extracting(e -> e.get("type"))
          .containsExactly("valid", "invalid-init", "invalid-init");
      Events.hasKeys(all.get(1), Events.INVALID);
      assertThat(all.get(1).get("targets")).isEqualTo(List.of("b"));
      assertThat(all.get(2).get("targets")).isEqualTo(List.of(".extra", "a", "z"));
      // An invalid resource is not cached: the next setup initialises again.
      fixture.targets("a", "b", "c").initScript("touch \"$RESOURCE_MOUNT/\"{a,b,c}");
      assertThat(fixture.run("missing").run().out()).isEqualTo(fixture.mount(103) + "\n");
    }
  }

  @Test
  void aNonZeroStatusAndStandardErrorAreFailuresWithEveryReason() throws Exception {
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.targets("a").initScript("echo out; echo 'oops' >&2; exit 3");
      Run.Result result = fixture.run().run();
      String hash = fixture.expectedHash(List.of(), null);
      assertThat(result.status).isEqualTo(64);
      assertThat(result.out).isEmpty();
      assertThat(result.err())
          .isEqualTo(
              hash
                  + "\ninit exited with status 3\ninit wrote to standard error\nmissing target: a\n");
      assertThat(fixture.log(100).resolve("status")).hasContent("3");
      assertThat(fixture.log(100).resolve("standard-error")).hasContent("oops");
      Map<String, Object> event = Events.only(events.published());
      Events.hasKeys(event, Events.INVALID);
      assertThat(event.get("type")).isEqualTo("invalid-init");
      assertThat(event.get("status")).isEqualTo(3L);
      assertThat(event.get("standard-output")).isEqualTo("out\n");
      assertThat(event.get("standard-error")).isEqualTo("oops\n");
      // Only standard error: also invalid.
      fixture.targets().initScript("echo warning >&2");
      assertThat(fixture.run("stderr").run().err()).endsWith("\ninit wrote to standard error\n");
    }
  }

  @Test
  void theFailureProgramIsTheConfiguredOne() throws Exception {
    Path custom =
        Files2.executable(
            temporary.resolve("custom-failure"),
            "#!/bin/bash\nprintf 'custom:%s\\n' \"$@\" >&2\nexit 77\n");
    fixture.targets("missing").initScript(":").failureProgram(custom);
    Path setup = fixture.setup();
    Run.Result result = Run.of(setup).env("RESOURCE_REDIS", redis.address()).run();
    assertThat(result.status).isEqualTo(77);
    assertThat(result.err())
        .isEqualTo(
            "custom:"
                + fixture.expectedHash(List.of(), null)
                + "\ncustom:missing target: missing\n");
  }

  @Test
  void theOriginatorIsTheShellThatRanTheCommandSubstitution() throws Exception {
    fixture.initScript(":");
    Path setup = fixture.setup();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result plain =
          Run.bash("exec <&-; X=\"$(\"$1\" plain)\"; echo \"$$\"", setup.toString())
              .env("RESOURCE_REDIS", redis.address())
              .run();
      Run.Result piped =
          Run.bash("X=\"$(printf x | \"$1\" piped)\"; echo \"$$\"", setup.toString())
              .env("RESOURCE_REDIS", redis.address())
              .run();
      Run.Result subshell =
          Run.bash("exec <&-; X=\"$( ( \"$1\" subshell ) )\"; echo \"$$\"", setup.toString())
              .env("RESOURCE_REDIS", redis.address())
              .run();
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all).hasSize(3);
      assertThat(all.get(0).get("originator-pid")).isEqualTo(Long.parseLong(plain.out().trim()));
      assertThat(all.get(1).get("originator-pid")).isEqualTo(Long.parseLong(piped.out().trim()));
      assertThat(all.get(2).get("originator-pid")).isEqualTo(Long.parseLong(subshell.out().trim()));
    }
  }

  @Test
  void theWalkReadsACommandNameWithSpacesAndParentheses() throws Exception {
    fixture.initScript(":");
    // A bash whose command name (stat's second field) is "x) y (z": the pipeline stage's parent
    // must be found after the last ")".
    Path bash = Files.createSymbolicLink(temporary.resolve("x) y (z"), Path.of("/bin/bash"));
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result result =
          Run.of(bash)
              .args(
                  "-c",
                  "X=\"$(printf x | \"$1\")\"; echo \"$$\"",
                  "bash",
                  fixture.setup().toString())
              .env("RESOURCE_REDIS", redis.address())
              .run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(Events.only(events.published()).get("originator-pid"))
          .isEqualTo(Long.parseLong(result.out().trim()));
    }
  }

  @Test
  void aShellStartedAnewWithTheSameCommandLineIsNotAFork() throws Exception {
    String randomization = Files.readString(Path.of("/proc/sys/kernel/randomize_va_space")).trim();
    org.junit.jupiter.api.Assumptions.assumeFalse(
        randomization.equals("0"),
        "address space layout randomization is off: a new shell cannot be told from a fork");
    fixture.initScript(":");
    Path script =
        Files2.executable(
            temporary.resolve("nested.sh"),
            "if [ -z \"${INNER-}\" ]; then export INNER=1; \"$BASH\" \"$0\" \"$@\"; exit; fi\n"
                + "exec <&-\nX=\"$(\"$1\")\"\necho \"$$\"\n");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result result =
          Run.of(Path.of("/bin/bash"))
              .args(script.toString(), fixture.setup().toString())
              .env("RESOURCE_REDIS", redis.address())
              .run();
      assertThat(result.status).as(result.toString()).isZero();
      Map<String, Object> event = Events.only(events.published());
      assertThat(event.get("originator-pid")).isEqualTo(Long.parseLong(result.out().trim()));
    }
  }

  @Test
  void anInheritedOriginatorIsKeptAndInitSeesTheOriginator() throws Exception {
    fixture.initScript("printf '%s\\n' \"$" + Fixture.ORIGINATOR_VARIABLE + "\"");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.run("inherited").env(Fixture.ORIGINATOR_VARIABLE, "12345").run();
      fixture.run("computed").run();
      fixture.run("inherited").run();
      List<Map<String, Object>> all = Events.parse(events.published());
      assertThat(all.get(0).get("originator-pid")).isEqualTo(12345L);
      assertThat(all.get(0).get("standard-output")).isEqualTo("12345\n");
      assertThat(all.get(1).get("originator-pid")).isEqualTo(pid());
      assertThat(all.get(1).get("standard-output")).isEqualTo(pid() + "\n");
      assertThat(all.get(2).get("type")).isEqualTo("stale");
      assertThat(all.get(2).get("originator-pid")).isEqualTo(pid());
    }
  }

  @Test
  void initRunsWithTheContractsEnvironment() throws Exception {
    Path seen = temporary.resolve("seen");
    Path cwd = Files.createDirectories(temporary.resolve("caller's folder"));
    fixture.initScript(
        "{ printf '%s\\n' \"$RESOURCE_MOUNT\" \"$RESOURCE_INDEX\" \"$RESOURCE_HASH\" "
            + "\"$RESOURCES_DIRECTORY\" \"$RESOURCE_GC_ROOT\" \"$RESOURCE_REDIS\" \"${LC_ALL-unset}\" \"$PWD\"; "
            + "ls -l /proc/$$/fd/; } > "
            + Programs.quote(seen.toString()));
    Path override = temporary.resolve("override");
    Run.Result result =
        fixture.run("env").env("RESOURCES_DIRECTORY_OVERRIDE", override.toString()).in(cwd).run();
    assertThat(result.out()).isEqualTo(override.resolve("mounts/100") + "\n");
    List<String> lines = Files.readAllLines(seen);
    assertThat(lines.subList(0, 8))
        .containsExactly(
            override.resolve("mounts/100").toString(),
            "100",
            fixture.expectedHash(List.of("env"), null),
            override.toString(),
            fixture.gcRoot.toString(),
            redis.address(),
            "unset",
            cwd.toString());
    assertThat(String.join("\n", lines.subList(8, lines.size()))).doesNotContain("/locks/");
    assertThat(fixture.resources).doesNotExist();
  }

  @Test
  void withoutInitTheResourceIsAnEmptyDirectory() throws Exception {
    fixture.targets();
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result result = fixture.run().run();
      assertThat(result.out()).isEqualTo(fixture.mount(100) + "\n");
      assertThat(fixture.mount(100)).isEmptyDirectory();
      Map<String, Object> event = Events.only(events.published());
      assertThat(event.get("status")).isEqualTo(0L);
      assertThat(event.get("standard-output")).isEqualTo("");
      assertThat(event.get("targets")).isEqualTo(List.of());
    }
  }

  @Test
  void theReleaseCommandAndDescriptionAreInTheEvents() throws Exception {
    fixture
        .release("rm -rf \"$RESOURCE\" 'it''s' $(x)")
        .description("{\"init\":null,\"seed\":{\"a\":[1,2.5,\"x\"]}}");
    fixture.initScript(":");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.run().run();
      fixture.run().run();
      List<Map<String, Object>> all = Events.parse(events.published());
      for (Map<String, Object> event : all) {
        assertThat(event.get("release")).isEqualTo("rm -rf \"$RESOURCE\" 'it''s' $(x)");
        assertThat(event.get("description")).isEqualTo(Json.parse(fixture.description));
      }
    }
  }

  @Test
  void hostileValuesAreDataEverywhere() throws Exception {
    Path outside = Files.createDirectories(temporary.resolve("outside"));
    List<String> names =
        List.of("sp ace", "-dash", "ünï", ".dot", "$(touch pwned)", "new\nline", "'q'");
    StringBuilder namesFile = new StringBuilder();
    for (String name : names) {
      namesFile.append(name).append('\0');
    }
    Path namesPath = Files.writeString(temporary.resolve("names"), namesFile.toString());
    fixture.channel("chan \"x\" $(touch pwned) 'z'\nnext ünï ${HOME}");
    fixture.resources(temporary.resolve("res dir 'q' \"d\" $(touch pwned) ${HOME} `x`"));
    fixture
        .targets(names.toArray(new String[0]))
        .initScript(
            "printf '%s\\0' \"$@\" > "
                + Programs.quote(outside.resolve("args").toString())
                + "\n"
                + "cat > "
                + Programs.quote(outside.resolve("stdin").toString())
                + "\n"
                + "while IFS= read -r -d '' n; do : > \"$RESOURCE_MOUNT/$n\"; done < "
                + Programs.quote(namesPath.toString()));
    List<String> arguments =
        List.of(
            "a b",
            "\"q\"",
            "'s'",
            "$(touch pwned)",
            "${HOME}",
            "line1\nline2",
            "''",
            "back\\slash",
            "ünï",
            "",
            "-x",
            "--",
            "\t",
            "`touch pwned`");
    byte[] invalid = {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc3};
    byte[] input =
        "in $(touch pwned) ${HOME} \0 \u00fc \\ 'q' \"d\"".getBytes(StandardCharsets.UTF_8);
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result result =
          fixture.run().args(arguments).argBytes(invalid).pipe(input).in(temporary).run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(result.out()).isEqualTo(fixture.mount(100) + "\n");
      java.io.ByteArrayOutputStream expectedArgs = new java.io.ByteArrayOutputStream();
      List<byte[]> argumentBytes = new ArrayList<>();
      for (String argument : arguments) {
        argumentBytes.add(argument.getBytes(StandardCharsets.UTF_8));
      }
      argumentBytes.add(invalid);
      for (byte[] argument : argumentBytes) {
        expectedArgs.writeBytes(argument);
        expectedArgs.write(0);
      }
      assertThat(Files.readAllBytes(outside.resolve("args"))).isEqualTo(expectedArgs.toByteArray());
      assertThat(Files.readAllBytes(outside.resolve("stdin"))).isEqualTo(input);
      String hash = fixture.expectedHash("persistent", argumentBytes, input);
      assertThat(fixture.hasCanonical(hash)).isTrue();
      Map<String, Object> event = Events.only(events.published());
      List<String> expectedArguments = new ArrayList<>(arguments);
      expectedArguments.add("\ufffd\ufffdx\ufffd");
      assertThat(event.get("arguments")).isEqualTo(expectedArguments);
      assertThat(event.get("standard-input")).isEqualTo(new String(input, StandardCharsets.UTF_8));
      List<String> sorted = new ArrayList<>(names);
      sorted.sort(null);
      assertThat(event.get("targets")).isEqualTo(sorted);
      assertThat(event.get("path")).isEqualTo(fixture.mount(100).toString());
      // The hit reads the same back.
      assertThat(
              fixture.run().args(arguments).argBytes(invalid).pipe(input).in(temporary).run().out())
          .isEqualTo(fixture.mount(100) + "\n");
      assertThat(Events.only(events.published()).get("arguments")).isEqualTo(expectedArguments);
    }
    try (var found = Files.walk(temporary)) {
      assertThat(found.filter(p -> p.getFileName().toString().startsWith("pwned"))).isEmpty();
    }
  }

  /** One miss's recorded event and tail, with the event built as configured, then forgotten. */
  private byte[][] missEvent(List<byte[]> args, byte[] input, boolean jq) throws Exception {
    Run run = fixture.run();
    for (byte[] arg : args) {
      run.argBytes(arg);
    }
    if (input != null) {
      run.pipe(input);
    }
    if (jq) {
      run.env("RESOURCE_EVENT_TEXT_LIMIT", "-1");
    }
    Run.Result result = run.in(temporary).run();
    assertThat(result.status).as(result.toString()).isIn(0, 64);
    byte[][] recorded = {
      Files.readAllBytes(fixture.log(100).resolve("event.json")),
      Files.readAllBytes(fixture.log(100).resolve("event-tail.json"))
    };
    Files2.deleteTree(fixture.resources);
    return recorded;
  }

  @Test
  void theEventBuiltByBashIsByteForByteWhatJqBuilds() throws Exception {
    byte[] controls = new byte[160];
    for (int i = 0; i < controls.length; i++) {
      controls[i] = (byte) (i < 128 ? i : 0x80 + i % 64); // every ASCII byte, NUL among them
    }
    byte[] utf8 =
        "ünï € 𝄞 \u2028 \"q\" \\ 'x' $(touch pwned) \u007f\t\r\n\b\f"
            .getBytes(StandardCharsets.UTF_8);
    byte[] invalid = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0xed, (byte) 0xa0, (byte) 0x80, 0};
    Path out = Files.write(temporary.resolve("hostile-out"), utf8);
    Path err = temporary.resolve("hostile-err");
    Path names =
        Files.writeString(
            temporary.resolve("hostile-names"),
            "sp ace\0-dash\0ünï\0.dot\0new\nline\0tab\there\0\"q\"\0back\\slash\0Z\0a\0");
    String init =
        "cat "
            + Programs.quote(out.toString())
            + "\n"
            + "if [ -s "
            + Programs.quote(err.toString())
            + " ]; then cat "
            + Programs.quote(err.toString())
            + " >&2; fi\n"
            + "while IFS= read -r -d '' n; do : > \"$RESOURCE_MOUNT/$n\"; done < "
            + Programs.quote(names.toString())
            + "\n";
    fixture
        .resources(temporary.resolve("res dir 'q' \"d\" ünï \\ $(x) \t"))
        .release("rm -rf \"$RESOURCE\" 'it''s' \\ \t ünï")
        .targets(
            "sp ace",
            "-dash",
            "ünï",
            ".dot",
            "new\nline",
            "tab\there",
            "\"q\"",
            "back\\slash",
            "Z",
            "a")
        .initScript(init);
    List<String> descriptions =
        List.of(
            fixture.description,
            "{\"a\":\"\\u0001\\t\\n\\u000b\\r\\u001f\\\" \\\\ / ünï \u2028\",\"b\":[1,-2,0,true,false,null],"
                + "\"c\":{\"d\":\"e\\\\u0008\"},\"n\":123456789012345}",
            "{\"a\":\"\\u0008\"}",
            "{\"a\":\"\\u000c\"}",
            "{\"a\":\"\u007f\"}",
            "{\"f\":1.5}",
            "{\"f\":1e+20}",
            "{\"i\":12345678901234567890}",
            "{\"a\": 1}",
            "{\"a\":\"x\"}\n");
    List<List<byte[]>> argumentLists =
        List.of(
            List.of(),
            List.of(
                utf8, "".getBytes(StandardCharsets.UTF_8), "-x".getBytes(StandardCharsets.UTF_8)),
            List.of(java.util.Arrays.copyOf(invalid, invalid.length - 1)),
            List.of(java.util.Arrays.copyOfRange(controls, 1, controls.length)));
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(null);
    inputs.add(new byte[0]);
    inputs.add(utf8);
    inputs.add(controls);
    inputs.add(invalid);
    int cases = 0;
    for (String description : descriptions) {
      fixture.description(description);
      for (int k = 0; k < argumentLists.size(); k++) {
        byte[] input = inputs.get(k % inputs.size());
        Files.write(err, k == 1 ? invalid : new byte[0]);
        Files.write(out, k == 3 ? controls : utf8);
        // Both modes: streams published (even cases) or only their sizes and digests (odd).
        fixture.publishStreams = k % 2 == 0;
        byte[][] bash = missEvent(argumentLists.get(k), input, false);
        byte[][] jq = missEvent(argumentLists.get(k), input, true);
        assertThat(new String(bash[0], StandardCharsets.ISO_8859_1))
            .as(description + " " + k)
            .isEqualTo(new String(jq[0], StandardCharsets.ISO_8859_1));
        assertThat(bash[1]).isEqualTo(jq[1]);
        cases++;
      }
    }
    assertThat(cases).isEqualTo(descriptions.size() * argumentLists.size());
  }

  @Test
  void aMissingTargetWithAHostileNameIsOneLine() throws Exception {
    fixture.targets("new\nline", "tab\there", "fine name").initScript(":");
    Run.Result result = fixture.run().run();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.err())
        .isEqualTo(
            fixture.expectedHash(List.of(), null)
                + "\nmissing target: $'new\\nline'\nmissing target: $'tab\\there'\nmissing target: fine name\n");
  }

  @Test
  void aResourcesDirectoryUnderHomeIsExpanded() throws Exception {
    Path home = Files.createDirectories(temporary.resolve("home dir"));
    fixture.resources(Path.of("~/my resources")).initScript(":");
    Run.Result result = fixture.run().env("HOME", home.toString()).run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(result.out()).isEqualTo(home.resolve("my resources/mounts/100") + "\n");
    assertThat(fixture.run().env("HOME", home.toString()).run().out()).isEqualTo(result.out());
    Run.Result noHome = fixture.run().env("HOME", "").run();
    assertThat(noHome.status).isEqualTo(64);
    assertThat(noHome.err())
        .isEqualTo("setup\nRESOURCES_DIRECTORY starts with ~/ but HOME is not set\n");
  }

  @Test
  void aMissingOrBadSettingEndsInTheFailureProgram() throws Exception {
    Map<String, Object> env = fixture.runtimeEnv();
    env.remove("RESOURCE_CHANNEL");
    Path setup = Files2.executable(temporary.resolve("broken-setup"), Programs.text("setup", env));
    Run.Result result = Run.of(setup).run();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.err()).isEqualTo("setup\nRESOURCE_CHANNEL is not set\n");
    fixture.resources(Path.of("relative/folder"));
    Run.Result relative = fixture.run().run();
    assertThat(relative.status).isEqualTo(64);
    assertThat(relative.err())
        .isEqualTo("setup\nRESOURCES_DIRECTORY is not an absolute path: relative/folder\n");
    fixture.resources(temporary.resolve("resources"));
    fixture.start = "-1";
    assertThat(fixture.run().run().err())
        .startsWith("setup\nRESOURCE_SEQUENTIAL_START is not an integer");
  }

  @Test
  void aHitWithoutARecordedTailStillPublishesWhatItKnows() throws Exception {
    fixture.initScript(":");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      fixture.run().run();
      Files.delete(fixture.log(100).resolve("event-tail.json"));
      assertThat(fixture.run().run().out()).isEqualTo(fixture.mount(100) + "\n");
      List<Map<String, Object>> all = Events.parse(events.published());
      Events.hasKeys(
          all.get(1), List.of("type", "provenance", "originator-pid", "hash", "index", "path"));
      assertThat(all.get(1).get("path")).isEqualTo(fixture.mount(100).toString());
    }
  }

  @Test
  void aCanonicalLinkToAVanishedDirectoryIsReplaced() throws Exception {
    countingInit();
    fixture.run().run();
    Files2.deleteTree(fixture.mount(100));
    assertThat(fixture.run().run().out()).isEqualTo(fixture.mount(101) + "\n");
    String hash = fixture.expectedHash(List.of(), null);
    assertThat(Files.readSymbolicLink(fixture.canonical(hash))).isEqualTo(Path.of("../mounts/101"));
    assertThat(initRuns()).isEqualTo(2);
    try (var entries = Files.list(fixture.resources.resolve("canonical"))) {
      assertThat(entries).hasSize(1);
    }
  }

  @Test
  void initIsRealisedOnDemand() throws Exception {
    String nixInstantiate = Tools.assume("nix-instantiate");
    String nixStore = Tools.assume("nix-store");
    String marker = "flakegen-test-init-" + System.nanoTime();
    String expression =
        "derivation { name = \""
            + marker
            + "\"; system = builtins.currentSystem; "
            + "builder = \"/bin/sh\"; args = [ \"-c\" \"printf '#!/bin/sh\\\\necho realised $*\\\\n' > $out; "
            + "/bin/chmod +x $out\" ]; }";
    Run.Result instantiated = Run.of(Path.of(nixInstantiate)).args("-E", expression).run();
    assertThat(instantiated.status).as(instantiated.toString()).isZero();
    String derivation = instantiated.out().trim();
    String output =
        Run.of(Path.of(nixStore)).args("-q", "--outputs", derivation).run().out().trim();
    assertThat(Path.of(output)).doesNotExist();
    fixture.init = output;
    fixture.initDerivation = derivation;
    fixture.env.put("NIX_CONFIG", NixSettings.NO_SUBSTITUTERS);
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result result = fixture.run("now").timeout(Files2.seconds(120)).run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(result.err).isEmpty();
      assertThat(Path.of(output)).exists();
      assertThat(Events.only(events.published()).get("standard-output"))
          .isEqualTo("realised now\n");
    }
  }

  @Test
  void anInitThatCannotBeRealisedFailsSetup() throws Exception {
    String nixInstantiate = Tools.assume("nix-instantiate");
    String nixStore = Tools.assume("nix-store");
    String expression =
        "derivation { name = \"flakegen-test-broken-"
            + System.nanoTime()
            + "\"; "
            + "system = builtins.currentSystem; builder = \"/bin/sh\"; args = [ \"-c\" \"echo broken-build >&2; exit 1\" ]; }";
    String derivation = Run.of(Path.of(nixInstantiate)).args("-E", expression).run().out().trim();
    fixture.init = Run.of(Path.of(nixStore)).args("-q", "--outputs", derivation).run().out().trim();
    fixture.initDerivation = derivation;
    fixture.env.put("NIX_CONFIG", NixSettings.NO_SUBSTITUTERS);
    Run.Result result = fixture.run().timeout(Files2.seconds(120)).run();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.out).isEmpty();
    assertThat(result.err())
        .contains("broken-build")
        .endsWith(
            fixture.expectedHash(List.of(), null) + "\ncannot realise init: " + derivation + "\n");
    assertThat(fixture.resources.resolve("mounts")).isEmptyDirectory();
  }

  @Test
  void initRunsInBubblewrapWithWrapSequentialAndRoot() throws Exception {
    String bwrap = Tools.assume("bwrap");
    Path template =
        Files.writeString(temporary.resolve("template"), "Hello, ${NAME}! $HOME stays.\n");
    Path wrap = Programs.assemble(temporary.resolve("tools-bin"), "wrap", Map.of());
    Path sequential = fixture.program("sequential");
    Path root = fixture.program("root");
    StringBuilder binds = new StringBuilder();
    try (var top = Files.list(Path.of("/"))) {
      for (Path entry : (Iterable<Path>) top.sorted()::iterator) {
        String name = entry.getFileName().toString();
        if (List.of("proc", "dev", "sys", "mount", "scratch").contains(name)) {
          continue;
        }
        if (Files.isSymbolicLink(entry)) {
          binds
              .append(" --symlink ")
              .append(Programs.quote(Files.readSymbolicLink(entry).toString()))
              .append(' ')
              .append(Programs.quote(entry.toString()));
        } else if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          binds
              .append(" --ro-bind ")
              .append(Programs.quote(entry.toString()))
              .append(' ')
              .append(Programs.quote(entry.toString()));
        }
      }
    }
    Files.createDirectories(fixture.gcRoot);
    String inner =
        "set -e\n"
            + "[ \"$PWD\" = /mount ]\n"
            + "[ -z \"$(ls -A /scratch)\" ] && touch /scratch/free\n"
            + "if touch /etc/flakegen-test 2>/dev/null; then exit 9; fi\n"
            + "cat > /scratch/input\n"
            + "\"$WRAP\" \"$TEMPLATE\" greeting 0640 --set-brace NAME \"$(cat /scratch/input)\" --literal-plain HOME\n"
            + "\"$SEQUENTIAL\" > /mount/sequence\n"
            + "\"$ROOT\" /mount/greeting greeting-root > /dev/null\n"
            + "echo \"inside $1\"\n";
    Path launcher =
        Files2.script(
            temporary.resolve("launcher"),
            "exec "
                + Programs.quote(bwrap)
                + binds
                + " --dev /dev --proc /proc --tmpfs /scratch --bind \"$RESOURCE_MOUNT\" /mount"
                + " --bind \"$RESOURCES_DIRECTORY\" \"$RESOURCES_DIRECTORY\""
                + " --bind \"$RESOURCE_GC_ROOT\" \"$RESOURCE_GC_ROOT\""
                + " --unshare-pid --die-with-parent --chdir /mount"
                + " -- /bin/bash -c "
                + Programs.quote(inner)
                + " init \"$@\"");
    fixture.targets("greeting", "sequence").init(launcher);
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      Run.Result result =
          fixture
              .run("world")
              .pipe("World")
              .env("WRAP", wrap.toString())
              .env("SEQUENTIAL", sequential.toString())
              .env("ROOT", root.toString())
              .env("TEMPLATE", template.toString())
              .run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(result.out()).isEqualTo(fixture.mount(100) + "\n");
      assertThat(fixture.mount(100).resolve("greeting")).hasContent("Hello, World! $HOME stays.");
      assertThat(Files.getPosixFilePermissions(fixture.mount(100).resolve("greeting")))
          .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
      assertThat(fixture.mount(100).resolve("sequence")).hasContent("101");
      // root translated /mount to the host path of the resource directory.
      assertThat(Files.readSymbolicLink(fixture.gcRoot.resolve("100/greeting-root")))
          .isEqualTo(fixture.mount(100).resolve("greeting"));
      Map<String, Object> event = Events.only(events.published());
      assertThat(event.get("standard-output")).isEqualTo("inside world\n");
      assertThat(event.get("targets")).isEqualTo(List.of("greeting", "sequence"));
    }
  }
}
