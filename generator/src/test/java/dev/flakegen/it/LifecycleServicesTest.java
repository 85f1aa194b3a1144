package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.Services;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import dev.flakegen.testing.redis.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle through a generated flake built by Nix: its listeners and resolution programs,
 * its {@code services} app (foreman over the Procfile: Redis and both listeners), and its NixOS
 * module evaluated with the host package set. The listeners' behaviour in detail is tested in the
 * runtime module; this is what the flake adds: the packaging, the model's release and
 * resolutions, and the service definitions.
 */
@NixTest
@RedisTest
class LifecycleServicesTest extends BuiltFlakeTest {

  static final String CHANNEL = "flakegen-lifecycle";
  private final List<Process> started = new ArrayList<>();

  @Override
  Flake model() {
    ShellScript makeA = ShellScript.raw("printf made > /mount/a");
    ShellScript noteRelease =
        ShellScript.raw("printf '%s\\n' \"$RESOURCE_INDEX\" >> \"$RESOURCES_DIRECTORY/released-log\"");
    return Flake.builder()
        .description("flakegen lifecycle tests")
        .parameters(LibParameters.builder()
            .channel(CHANNEL)
            .originatorPidVariable(IntegrationModel.ORIGINATOR_VARIABLE)
            .resourcesDirectory("~/resources")
            .storeGarbageCollectionRoot("~/gc-roots"))
        .services(Services.DEFAULT.withInterval(2).runAs("resources", "resources"))
        .addResource("kept", Implementation.builder().init(makeA).targets("a").release(noteRelease))
        .addResource("broken", Implementation.builder().init(ShellScript.raw("exit 3")).targets("a")
            .addInitResolution("repair", ShellScript.raw("printf repaired > a")))
        .addResource("stuck", Implementation.builder().init(makeA).targets("a")
            .release(ShellScript.raw("echo cannot release >&2; exit 5")))
        .build();
  }

  @Override
  String channel() {
    return CHANNEL;
  }

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor(20, TimeUnit.SECONDS);
    }
  }

  private Process start(List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder = state.processBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      Process process = builder.start();
      started.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process listener(String name) {
    Path program = flake.lifecyclePackage(name).resolve("bin/resource-" + name);
    return start(List.of(program.toString()), Map.of("RESOURCE_LISTENER_INTERVAL", "0.2"),
        state.home().resolve(name + ".log"));
  }

  /** A process standing in for the user's script: an originator the test ends when it wants. */
  private Process holder() {
    return start(List.of("sleep", "600"), Map.of(), state.home().resolve("holder.log"));
  }

  private ResourceState.Outcome setupFor(Process originator, String resource) {
    ProcessBuilder builder = state.processBuilder(List.of("bash", "-c", "exec \"$0\" <&-",
        flake.setup(resource).toString()));
    builder.environment().put(IntegrationModel.ORIGINATOR_VARIABLE, Long.toString(originator.pid()));
    Tools.Result result = Tools.run(builder.command(), state.home(), null, builder.environment(),
        Duration.ofMinutes(5));
    return new ResourceState.Outcome(result.exitCode(), result.out(), result.stderr());
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void end(Process process) throws InterruptedException {
    process.destroy();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  @Test
  void theModelsReleaseRunsWhenTheOriginatorEnds() throws Exception {
    Events events = events();
    listener("release-listener");
    Process originator = holder();
    ResourceState.Outcome outcome = setupFor(originator, "kept");
    assertThat(outcome.status()).as(outcome.standardError()).isZero();
    Path path = outcome.path();
    assertThat(events.next()).containsEntry("type", "valid");
    Thread.sleep(1000);
    assertThat(path.resolve("a")).exists();

    end(originator);
    await("the release", () -> !exists(path));
    assertThat(read(state.resources().resolve("released-log"))).isEqualTo(path.getFileName() + "\n");
    Map<String, Object> released = events.next();
    assertThat(released).containsEntry("type", "released").containsEntry("release-status", 0L)
        .containsEntry("path", path.toString());
    assertThat(state.list("canonical")).isEmpty();
  }

  @Test
  void aFailedInitIsQuarantinedAndTheModelsResolutionRepairsIt() throws Exception {
    Events events = events();
    listener("resolve-listener");
    listener("release-listener");
    Process originator = holder();
    ResourceState.Outcome failed = setupFor(originator, "broken");
    assertThat(failed.status()).isEqualTo(64);
    assertThat(events.next()).containsEntry("type", "invalid-init");
    Path quarantine = state.resources().resolve("quarantine/0");
    await("the quarantine", () -> Files.isDirectory(quarantine));
    assertThat(read(quarantine.resolve("log.yaml"))).contains("type: invalid-init", "status: 3");
    try (Stream<Path> resolutions = Files.list(quarantine.resolve("resolutions"))) {
      assertThat(resolutions.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("accept", "repair");
    }

    Tools.Result repaired = Tools.run(List.of(quarantine.resolve("resolutions/repair").toString()),
        state.home(), null, Map.of("RESOURCE_REDIS", redis.address()), Duration.ofMinutes(1));
    assertThat(repaired.exitCode()).as(repaired.stderr()).isZero();
    assertThat(state.resources().resolve("mounts/0/a")).hasContent("repaired");
    assertThat(state.list("canonical")).hasSize(1);
    assertThat(events.next()).containsEntry("type", "resolved").containsEntry("resolution", "repair");
    // Served as a valid resource now, and released as one.
    assertThat(state.setup(flake.setup("broken")).path()).isEqualTo(state.resources().resolve("mounts/0"));
    assertThat(events.next()).containsEntry("type", "stale");
    end(originator);
    // The JVM was the hand-run setup's originator: the resource stays until the test's process
    // ends, so the release is not awaited here (the runtime tests cover it).
    assertThat(state.resources().resolve("mounts/0")).isDirectory();
  }

  @Test
  void aFailingReleaseIsQuarantinedAndFinishEndsIt() throws Exception {
    Events events = events();
    listener("resolve-listener");
    listener("release-listener");
    Process originator = holder();
    Path path = setupFor(originator, "stuck").path();
    end(originator);
    Path quarantine = state.resources().resolve("quarantine/" + path.getFileName());
    await("the quarantine", () -> Files.isDirectory(quarantine));
    assertThat(read(quarantine.resolve("log.yaml"))).contains("type: invalid-release", "release-status: 5",
        "cannot release");
    assertThat(path).isDirectory();
    Tools.Result finished = Tools.run(List.of(quarantine.resolve("resolutions/finish").toString()),
        state.home(), null, Map.of("RESOURCE_REDIS", redis.address()), Duration.ofMinutes(1));
    assertThat(finished.exitCode()).as(finished.stderr()).isZero();
    assertThat(exists(path)).isFalse();
    assertThat(events.take(3).stream().map(e -> e.get("type")).toList())
        .containsExactly("valid", "invalid-release", "resolved");
  }

  @Test
  void theServicesAppStartsRedisAndBothListenersAndStopsThemTogether() throws Exception {
    Path services = flake.lifecyclePackage("services").resolve("bin/resource-services");
    int port = LocalRedis.freePort();
    Path log = state.home().resolve("services.log");
    Process runner = start(List.of(services.toString()),
        Map.of("RESOURCE_REDIS", "127.0.0.1:" + port, "RESOURCE_LISTENER_INTERVAL", "0.2"), log);
    await("Redis and both listeners", () -> read(log).contains("release-listener: watching")
        && read(log).contains("resolve-listener: watching") && answers(port));
    List<String> commands = runner.descendants()
        .map(p -> p.info().commandLine().orElse("")).toList();
    assertThat(commands).anyMatch(c -> c.contains("/bin/redis-server"))
        .anyMatch(c -> c.contains("bin/resource-release-listener"))
        .anyMatch(c -> c.contains("bin/resource-resolve-listener"));

    // They work together: a resource set up against that Redis is released by that listener.
    ProcessBuilder builder = state.processBuilder(List.of("bash", "-c", "d=$(\"$0\" <&-) && [ -f \"$d/a\" ]",
        flake.setup("kept").toString()));
    builder.environment().put("RESOURCE_REDIS", "127.0.0.1:" + port);
    assertThat(builder.inheritIO().start().waitFor()).isZero();
    await("the release", () -> read(state.resources().resolve("released-log")).equals("0\n"));
    await("the end of the flow", () -> state.list("lifecycle").isEmpty());

    List<ProcessHandle> children = runner.descendants().toList();
    runner.destroy();
    assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
    await("every process to end", () -> children.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(read(log)).contains("release-listener: released 0");
  }

  /**
   * Whether the Redis on PORT answers PING, authenticated with the password resource-redis made
   * (issue 15: the bus is private; without the password it answers NOAUTH).
   */
  private boolean answers(int port) {
    Path file = state.resources().resolve("redis/password");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      String password = Files.readString(file).strip();
      socket.getOutputStream().write(("AUTH " + password + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
      String replies = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return replies.equals("+OK\r\n+PONG\r\n");
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Evaluates the flake's nixosModules.default with hostpkgs' lib.nixosSystem and CONFIG. */
  private Object nixosServices(String config) {
    Tools.Result result = BuiltFlake.nix(List.of("nix", "eval", "--json", "--impure",
        BuiltFlake.url(flake.directory()) + "#nixosModules.default", "--apply",
        "module: ((builtins.getFlake \"path:" + BuiltFlake.HOST_PACKAGES + "\").lib.nixosSystem {"
            + " modules = [ module " + config + " ]; }).config.systemd.services"), flake.directory());
    if (result.exitCode() != 0) {
      return result.stderr();
    }
    return Json.parse(result.out());
  }

  @Test
  void theNixosModuleDeclaresTheServicesWithTheModelsDefaults() {
    Object services = nixosServices("{ services.resource-flake.enable = true; }");
    assertThat(services).isInstanceOf(Map.class);
    Map<?, ?> units = (Map<?, ?>) services;
    assertThat(units.keySet().stream().map(Object::toString).toList()).containsExactlyInAnyOrder("resource-redis", "resource-release-listener",
        "resource-resolve-listener");
    Object release = units.get("resource-release-listener");
    assertThat(Json.at(release, "serviceConfig", "ExecStart")).isEqualTo(
        flake.lifecyclePackage("release-listener").resolve("bin/resource-release-listener").toString());
    assertThat(Json.at(release, "serviceConfig", "User")).isEqualTo("resources");
    assertThat(Json.at(release, "serviceConfig", "Restart")).isEqualTo("always");
    assertThat(Json.at(release, "environment")).isEqualTo(
        Map.of("RESOURCE_REDIS", "127.0.0.1:6379", "RESOURCE_LISTENER_INTERVAL", "2"));
    assertThat(Json.at(release, "after")).isEqualTo(List.of("resource-redis.service"));
    assertThat(Json.at(release, "wantedBy")).isEqualTo(List.of("multi-user.target"));
    assertThat(Json.at(units.get("resource-resolve-listener"), "serviceConfig", "ExecStart")).isEqualTo(
        flake.lifecyclePackage("resolve-listener").resolve("bin/resource-resolve-listener").toString());
    assertThat((String) Json.at(units.get("resource-redis"), "serviceConfig", "ExecStart"))
        .endsWith("/bin/resource-redis");
  }

  @Test
  void theNixosModulesOptionsChangeTheServices() {
    Map<?, ?> units = (Map<?, ?>) nixosServices("{ services.resource-flake = { enable = true;"
        + " redis.enable = false; redis.address = \"/run/redis.sock\"; interval = 5; user = \"alice\";"
        + " channel = \"elsewhere\"; }; }");
    assertThat(units.keySet().stream().map(Object::toString).toList()).containsExactlyInAnyOrder("resource-release-listener", "resource-resolve-listener");
    Object release = units.get("resource-release-listener");
    assertThat(Json.at(release, "environment")).isEqualTo(
        Map.of("RESOURCE_REDIS", "/run/redis.sock", "RESOURCE_LISTENER_INTERVAL", "5"));
    assertThat(Json.at(release, "after")).isEqualTo(List.of());
    assertThat(Json.at(release, "serviceConfig", "User")).isEqualTo("alice");
    // Another channel is another lib: another listener program.
    assertThat(Json.at(release, "serviceConfig", "ExecStart")).isNotEqualTo(
        flake.lifecyclePackage("release-listener").resolve("bin/resource-release-listener").toString());

    assertThat(nixosServices("{ }")).isEqualTo(Map.of());
    assertThat(nixosServices("{ services.resource-flake = { enable = true; interval = \"often\"; }; }"))
        .asString().contains("services.resource-flake.interval", "positive integer");
  }
}
