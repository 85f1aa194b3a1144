package dev.flakegen.it;

import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private state for running built setups: a resources folder, a GC-root folder and a home in a
 * temporary folder, and the Redis server the events go to. Setups run with
 * {@code RESOURCES_DIRECTORY_OVERRIDE}, {@code RESOURCE_GC_ROOT_OVERRIDE}, {@code RESOURCE_REDIS}
 * and {@code HOME} pointing there, so each test starts from nothing.
 */
public final class ResourceState {

  private final Path resources;
  private final Path gcRoots;
  private final Path home;
  private final String redis;
  private final boolean overrides;

  /** A state under {@code directory} whose events go to Redis at {@code redis} (HOST:PORT). */
  public ResourceState(Path directory, String redis) {
    this(directory, redis, directory.resolve("resources"), directory.resolve("gc-roots"), true);
  }

  private ResourceState(Path directory, String redis, Path resources, Path gcRoots,
      boolean overrides) {
    this.home = directory.resolve("home");
    this.resources = resources;
    this.gcRoots = gcRoots;
    this.redis = redis;
    this.overrides = overrides;
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A state whose folders are the lib parameters' own, {@code ~/RESOURCES} and {@code ~/GC_ROOTS}
   * under a fresh {@code HOME} in {@code directory} (no overrides).
   */
  public static ResourceState atHome(Path directory, String redis, String resources,
      String gcRoots) {
    Path home = directory.resolve("home");
    return new ResourceState(directory, redis, home.resolve(resources), home.resolve(gcRoots),
        false);
  }

  /** What one setup did. */
  public record Outcome(int status, String standardOutput, String standardError) {

    /** The resource directory setup printed, failing unless it succeeded. */
    public Path path() {
      if (status != 0 || !standardOutput.endsWith("\n")) {
        throw new AssertionError("setup did not succeed: status " + status
            + "\nstandard output:\n" + standardOutput + "\nstandard error:\n" + standardError);
      }
      return Path.of(standardOutput.substring(0, standardOutput.length() - 1));
    }
  }

  /** The environment a setup runs with. */
  public Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>();
    if (overrides) {
      environment.put("RESOURCES_DIRECTORY_OVERRIDE", resources.toString());
      environment.put("RESOURCE_GC_ROOT_OVERRIDE", gcRoots.toString());
    }
    environment.put("RESOURCE_REDIS", redis);
    environment.put("HOME", home.toString());
    return environment;
  }

  /** Runs {@code setup ARGUMENTS} with standard input closed (no input). */
  public Outcome setup(Path setup, String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"$0\" \"$@\" <&-",
        setup.toString()));
    command.addAll(List.of(arguments));
    return outcome(Tools.run(command, home, null, environment(), Duration.ofMinutes(5)));
  }

  /** Runs {@code setup ARGUMENTS} with standard input closed, from the folder {@code folder}. */
  public Outcome setupIn(Path folder, Path setup, String... arguments) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "exec \"$0\" \"$@\" <&-",
        setup.toString()));
    command.addAll(List.of(arguments));
    return outcome(Tools.run(command, folder, null, environment(), Duration.ofMinutes(5)));
  }

  /** Runs {@code setup ARGUMENTS} with {@code input} on standard input (a pipe). */
  public Outcome setupWithInput(Path setup, byte[] input, String... arguments) {
    List<String> command = new ArrayList<>(List.of(setup.toString()));
    command.addAll(List.of(arguments));
    return outcome(Tools.run(command, home, input, environment(), Duration.ofMinutes(5)));
  }

  /** A process builder for {@code command} in this state (input and output left to the caller). */
  public ProcessBuilder processBuilder(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().put("NIX_CONFIG", Tools.NIX_CONFIG);
    builder.environment().putAll(environment());
    return builder;
  }

  private static Outcome outcome(Tools.Result result) {
    return new Outcome(result.exitCode(), result.out(), result.stderr());
  }

  /** The resources folder (what {@code RESOURCES_DIRECTORY} is for these setups). */
  public Path resources() {
    return resources;
  }

  /** The GC-root folder. */
  public Path gcRoots() {
    return gcRoots;
  }

  /** The home folder (also the working folder of setups). */
  public Path home() {
    return home;
  }

  /** The names under {@code resources/SUBFOLDER}, sorted; empty if it does not exist. */
  public List<String> list(String subfolder) {
    Path folder = resources.resolve(subfolder);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's text. */
  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An event as a JSON object (keys in order). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> event(byte[] message) {
    return (Map<String, Object>) Json.parse(new String(message, StandardCharsets.UTF_8));
  }
}
