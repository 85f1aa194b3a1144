package dev.flakegen.runtime;

import dev.flakegen.testing.redis.LocalRedis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One resource's configuration as lib.nix would give it (runtimeEnv), its assembled setup and
 * failure programs, and the state folder. Setters return this; {@link #run} assembles setup with
 * the current values and prepares a run with RESOURCE_REDIS set.
 */
final class Fixture {

  static final String ORIGINATOR_VARIABLE = "FLAKEGEN_TEST_ORIGINATOR_PID_3b9d0c";

  final Path root;
  final LocalRedis redis;
  Path resources;
  Path gcRoot;
  String channel = "resource-" + UUID.randomUUID();
  String start = "100";
  String description = "{\"init\":null,\"seed\":\"test\",\"targets\":[],\"transient\":false}";
  boolean transientResource;
  /** RESOURCE_PUBLISH_STREAMS: events carry init's standard input and output (lib.nix's publish-streams). */
  boolean publishStreams;
  boolean plainHash;
  Path failureProgram;
  List<String> targets = new ArrayList<>();
  String release = "";
  String init = "";
  String initDerivation;
  Path lifecycle;
  final Map<String, String> env = new LinkedHashMap<>();
  private final Path bin;

  Fixture(Path root, LocalRedis redis) {
    this.root = root;
    this.redis = redis;
    this.resources = root.resolve("resources");
    this.gcRoot = root.resolve("gc-roots");
    this.bin = root.resolve("bin");
  }

  Fixture description(String json) {
    description = json;
    return this;
  }

  Fixture targets(String... names) {
    targets = new ArrayList<>(List.of(names));
    return this;
  }

  Fixture init(Path program) {
    init = program.toString();
    return this;
  }

  /** An init script: bash with the system PATH, then BODY. */
  Fixture initScript(String body) {
    return init(Files2.script(root.resolve("init-" + UUID.randomUUID()), body));
  }

  /** Configures PROGRAM as the failure program instead of the template's. */
  Fixture failureProgram(Path program) {
    failureProgram = program;
    return this;
  }

  /** Gives setup RESOURCE_PLAIN_HASH, as lib.nix does. */
  Fixture plainHash() {
    plainHash = true;
    return this;
  }

  /** Events carry init's standard input and output in full (publish-streams = true). */
  Fixture publishStreams() {
    publishStreams = true;
    return this;
  }

  Fixture transientResource() {
    transientResource = true;
    return this;
  }

  Fixture release(String command) {
    release = command;
    return this;
  }

  /** Gives setup RESOURCE_LIFECYCLE (the resource's lifecycle programs), as lib.nix does. */
  Fixture lifecycle(Path programs) {
    lifecycle = programs;
    return this;
  }

  Fixture channel(String name) {
    channel = name;
    return this;
  }

  Fixture resources(Path folder) {
    resources = folder;
    return this;
  }

  String descriptionHash() {
    return sha512(description.getBytes(StandardCharsets.UTF_8));
  }

  /** runtimeEnv of setup. */
  Map<String, Object> runtimeEnv() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("RESOURCES_DIRECTORY", resources.toString());
    values.put("RESOURCE_CHANNEL", channel);
    values.put("RESOURCE_ORIGINATOR_PID_VARIABLE", ORIGINATOR_VARIABLE);
    values.put("RESOURCE_SEQUENTIAL_START", start);
    values.put("RESOURCE_GC_ROOT", gcRoot.toString());
    values.put("RESOURCE_FAILURE", (failureProgram != null ? failureProgram : failure()).toString());
    values.put("RESOURCE_DESCRIPTION_HASH", descriptionHash());
    values.put("RESOURCE_DESCRIPTION_FILE", Files2.write(bin.resolve("description-" + descriptionHash() + ".json"), description).toString());
    values.put("RESOURCE_TRANSIENT", transientResource ? "1" : "");
    values.put("RESOURCE_PUBLISH_STREAMS", publishStreams ? "1" : "");
    values.put("RESOURCE_TARGETS", targets);
    values.put("RESOURCE_RELEASE", release);
    values.put("RESOURCE_INIT", init);
    if (initDerivation != null) {
      values.put("RESOURCE_INIT_DERIVATION", initDerivation);
    }
    if (lifecycle != null) {
      values.put("RESOURCE_LIFECYCLE", lifecycle.toString());
    }
    if (plainHash) {
      values.put("RESOURCE_PLAIN_HASH", transientResource ? "" : expectedHash(List.of(), null));
    }
    return values;
  }

  Path failure() {
    Path failure = bin.resolve("failure");
    if (!Files.exists(failure)) {
      Programs.assemble(bin, "failure", Map.of());
    }
    return failure;
  }

  /** Assembles setup with the current configuration. */
  Path setup() {
    return Programs.assemble(bin, "setup", runtimeEnv());
  }

  /** Another program (sequential, root, wrap, publish) with the same configuration. */
  Path program(String name) {
    return Programs.assemble(bin, name, runtimeEnv());
  }

  /** A run of setup with ARGS, RESOURCE_REDIS and the extra environment. */
  Run run(String... args) {
    Run run = Run.of(setup()).args(args).env(env);
    if (redis != null && !env.containsKey("RESOURCE_REDIS")) {
      run.env("RESOURCE_REDIS", redis.address());
    }
    return run;
  }

  Path mount(long index) {
    return resources.resolve("mounts").resolve(Long.toString(index));
  }

  Path log(long index) {
    return resources.resolve("log").resolve(Long.toString(index));
  }

  Path canonical(String hash) {
    return resources.resolve("canonical").resolve(hash);
  }

  boolean hasCanonical(String hash) {
    return Files.exists(canonical(hash), LinkOption.NOFOLLOW_LINKS);
  }

  /** The hash step 3 of the contract defines. INPUT null: no input. */
  String expectedHash(String token, List<byte[]> args, byte[] input) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    text.writeBytes((descriptionHash() + "\n" + token + "\n").getBytes(StandardCharsets.UTF_8));
    for (byte[] arg : args) {
      text.writeBytes((arg.length + ":").getBytes(StandardCharsets.UTF_8));
      text.writeBytes(arg);
      text.write('\n');
    }
    if (input == null) {
      text.writeBytes("0\n".getBytes(StandardCharsets.UTF_8));
    } else {
      text.writeBytes("1\n".getBytes(StandardCharsets.UTF_8));
      text.writeBytes(input);
    }
    return sha512(text.toByteArray());
  }

  String expectedHash(List<String> args, byte[] input) {
    List<byte[]> bytes = new ArrayList<>();
    for (String arg : args) {
      bytes.add(arg.getBytes(StandardCharsets.UTF_8));
    }
    return expectedHash("persistent", bytes, input);
  }

  static String sha512(byte[] bytes) {
    return digest("SHA-512", bytes);
  }

  static String sha256(byte[] bytes) {
    return digest("SHA-256", bytes);
  }

  private static String digest(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
