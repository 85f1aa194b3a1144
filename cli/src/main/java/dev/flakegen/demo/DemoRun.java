package dev.flakegen.demo;

import dev.flakegen.examples.Examples;
import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.GenerateResult;
import dev.flakegen.generate.Generation;
import dev.flakegen.model.Flake;
import dev.flakegen.nixdriver.BuildLogListener;
import dev.flakegen.nixdriver.Installable;
import dev.flakegen.nixdriver.NixDriver;
import dev.flakegen.nixdriver.NixDriverException;
import dev.flakegen.nixdriver.NixFailureException;
import dev.flakegen.nixdriver.Realisation;
import dev.flakegen.output.FileSet;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The main job, step by step: generate every example, {@code nix flake check} each against a local
 * package set, start a private {@code redis-server}, set up the hello resource twice (a miss, then
 * a hit) and show its path and the two events, then stop what was started. The first step that
 * fails ends the run with its name.
 */
public final class DemoRun {

  /** A step that failed, with what went wrong. */
  public static final class StepFailed extends Exception {
    private final String step;

    StepFailed(String step, String message) {
      super(message);
      this.step = step;
    }

    /** The step's name. */
    public String step() {
      return step;
    }
  }

  private static final String RESOURCE = "hello";

  private final Path home;
  private final Path work;
  private final PrintStream out;
  private int stepNumber;
  private String currentStep = "start";

  /**
   * A run that reads the repository at {@code home} (its {@code hostpkgs/} and checked-in
   * {@code examples/}) and works in {@code work}.
   */
  public DemoRun(Path home, Path work, PrintStream out) {
    this.home = home.toAbsolutePath().normalize();
    this.work = work.toAbsolutePath().normalize();
    this.out = out;
  }

  /** Runs every step; throws at the first that fails. */
  public void run() throws StepFailed, IOException, InterruptedException {
    Path hostpkgs = home.resolve("hostpkgs");
    if (!Files.isRegularFile(hostpkgs.resolve("flake.nix"))) {
      throw new StepFailed("find the host package set", hostpkgs + "/flake.nix does not exist");
    }
    NixDriver nix = NixDriver.builder().timeout(Duration.ofMinutes(20)).build();
    String nixpkgs = "path:" + hostpkgs.toAbsolutePath().normalize();
    out.println("flakegen demo: working in " + work);

    List<String> names = new ArrayList<>();
    Examples.names().forEach(names::add);
    for (String name : names) {
      generate(name);
    }
    for (String name : names) {
      String step = "nix flake check examples/" + name;
      long start = begin(step);
      try {
        nix.checkFlake(flake(name, "", nixpkgs), BuildLogListener.IGNORE);
      } catch (NixDriverException e) {
        throw new StepFailed(step, errorTail(e));
      }
      done(start);
    }

    Flake hello = Examples.get(RESOURCE).flake();
    String step = "nix build examples/" + RESOURCE + "#" + RESOURCE;
    long start = begin(step);
    Path setupLink = work.resolve(RESOURCE + "-setup");
    Path setup;
    try {
      Realisation built = nix.realise(flake(RESOURCE, "#" + RESOURCE, nixpkgs));
      // A link to the setup's folder, as `nix build -o` makes (NixDriver builds without links).
      Files.deleteIfExists(setupLink);
      Files.createSymbolicLink(setupLink, Path.of(built.outputPath().path()));
      setup = setupLink.toRealPath().resolve("bin/setup");
    } catch (NixDriverException e) {
      throw new StepFailed(step, errorTail(e));
    }
    done(start);
    out.println("    setup program: " + setup);

    step = "start redis-server on 127.0.0.1";
    start = begin(step);
    Path state = Files.createDirectories(work.resolve("state"));
    try (LocalRedis redis = startRedis(step, work.resolve("redis.log"))) {
      done(start);
      out.println("    listening on " + redis.address());
      try (RedisSubscription events = RedisSubscription.open(redis.port(),
          hello.parameters().channel())) {
        String first = setUp("set up " + RESOURCE + " (a miss: init runs)", setup, redis, state);
        String miss = event("receive the miss's event", events, "valid");
        String second = setUp("set up " + RESOURCE + " again (a hit: cached)", setup, redis, state);
        String hit = event("receive the hit's event", events, "stale");
        if (!first.equals(second)) {
          throw new StepFailed("compare the two paths", first + " and " + second + " differ");
        }
        out.println();
        out.println("resource path: " + first);
        out.println("event 1 (miss): " + miss);
        out.println("event 2 (hit):  " + hit);
        out.println();
      }
      step = "stop redis-server";
      start = begin(step);
    }
    done(start);
    out.println("flakegen demo: every step passed");
  }

  private void generate(String name) throws StepFailed, IOException {
    String step = "generate examples/" + name;
    long start = begin(step);
    GenerateResult result = Generation.run(GenerateRequest.builder().model(Examples.get(name))
        .directory(example(name)).regenerateCommand(Examples.REGENERATE).build());
    if (!(result instanceof GenerateResult.Written written)) {
      throw new StepFailed(step, ((GenerateResult.Failure) result).message(
          example(name).toString()));
    }
    FileSet files = written.files();
    done(start);
    Path checkedIn = home.resolve("examples").resolve(name);
    boolean same = true;
    for (String path : files.paths()) {
      Path file = checkedIn.resolve(path);
      same &= Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), files.bytes(path));
    }
    out.println(same ? "    identical to the checked-in examples/" + name
        : "    note: differs from the checked-in examples/" + name
            + " (regenerate with " + Examples.REGENERATE + ")");
  }

  private Path example(String name) {
    return work.resolve("examples").resolve(name);
  }

  /** {@code path:EXAMPLE#ATTRIBUTE} with its {@code nixpkgs} input replaced by {@code nixpkgs}. */
  private Installable flake(String name, String attribute, String nixpkgs) {
    return Installable.of("path:" + example(name).toAbsolutePath().normalize() + attribute)
        .withOverrideInput("nixpkgs", nixpkgs);
  }

  /** The last lines of Nix's standard error, for a one-paragraph failure message. */
  private static String errorTail(NixDriverException e) {
    if (!(e instanceof NixFailureException failure)) {
      return e.getMessage();
    }
    String[] lines = failure.standardError().strip().split("\n");
    StringBuilder tail = new StringBuilder();
    for (int i = Math.max(0, lines.length - 12); i < lines.length; i++) {
      if (!lines[i].startsWith("warning: ") && !lines[i].contains("Added input")
          && !lines[i].startsWith("    'path:")) {
        tail.append(lines[i]).append('\n');
      }
    }
    return tail.toString().strip();
  }

  private LocalRedis startRedis(String step, Path log) throws StepFailed, InterruptedException {
    try {
      return LocalRedis.start(log);
    } catch (IOException e) {
      throw new StepFailed(step, e.getMessage());
    }
  }

  private String setUp(String step, Path setup, LocalRedis redis, Path state)
      throws StepFailed, IOException, InterruptedException {
    long start = begin(step);
    // Standard input closed: the resource is set up without input, as from a terminal.
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec \"$0\" <&-", setup.toString())
        .redirectError(work.resolve("setup.err").toFile());
    Map<String, String> environment = builder.environment();
    environment.put("RESOURCE_REDIS", redis.address());
    environment.put("RESOURCES_DIRECTORY_OVERRIDE", state.resolve("resources").toString());
    environment.put("RESOURCE_GC_ROOT_OVERRIDE", state.resolve("gc-roots").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new StepFailed(step, "setup did not finish in 5 minutes");
    }
    if (process.exitValue() != 0) {
      throw new StepFailed(step, "setup exited with status " + process.exitValue() + ": "
          + Files.readString(work.resolve("setup.err")).strip());
    }
    String path = output.strip();
    if (!output.equals(path + "\n") || !Files.isDirectory(Path.of(path))) {
      throw new StepFailed(step, "setup printed " + output.length() + " characters that are not"
          + " one directory path: " + output);
    }
    done(start);
    return path;
  }

  private String event(String step, RedisSubscription events, String type)
      throws StepFailed, InterruptedException {
    byte[] message = events.next(Duration.ofSeconds(30));
    if (message == null) {
      throw new StepFailed(step, "no event arrived within 30 seconds");
    }
    String event = new String(message, StandardCharsets.UTF_8);
    if (!event.startsWith("{\"type\":\"" + type + "\"")) {
      throw new StepFailed(step, "expected a " + type + " event, got " + event);
    }
    return event;
  }

  /** The step under way (or the last one). */
  public String currentStep() {
    return currentStep;
  }

  private long begin(String step) {
    currentStep = step;
    stepNumber++;
    out.printf("[%d] %s ...%n", stepNumber, step);
    return System.nanoTime();
  }

  private void done(long start) {
    out.printf("    ok (%.2f s)%n", (System.nanoTime() - start) / 1e9);
  }
}
