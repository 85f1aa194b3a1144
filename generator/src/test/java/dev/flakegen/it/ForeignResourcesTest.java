package dev.flakegen.it;

import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.RedisTest;
import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeInput;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import dev.flakegen.testing.redis.LocalRedis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resources of other resource flakes, for real: flake A (generated) offers {@code greeting};
 * a flake written by hand offers {@code motd} through the documented output
 * ({@code resources.SYSTEM.NAME}); flake B (generated) takes both as {@code path:} inputs, and
 * its resource's init and its program set them up through typed handles. B is built by Nix
 * (offline: its nixpkgs is the host package set, which A's and the hand-written flake's follow),
 * its setup runs init in bubblewrap with a real Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@NixTest
@RedisTest
class ForeignResourcesTest {

  static final String GREETING = "hello from flake A";

  private Path root;
  private BuiltFlake a;
  private BuiltFlake b;
  private LocalRedis redis;

  static LibParameters.Builder parameters(String variable) {
    return LibParameters.builder().channel("flakegen-foreign").originatorPidVariable(variable)
        .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/gc-roots");
  }

  /** Flake A: one resource, a file with a greeting. */
  static Flake flakeA() {
    return Flake.builder().description("flake A")
        .parameters(parameters("FLAKEGEN_FOREIGN_A_PID"))
        .addResource(ResourceName.of("greeting"), Implementation.builder()
            .init(ShellScript.builder()
                .run(command(pkg("coreutils", "/bin/echo"), literal(GREETING))
                    .toFile(mount("greeting")))
                .build())
            .targets("greeting"))
        .build();
  }

  /** Flake B: A and the hand-written flake as inputs; a resource and a program use theirs. */
  static Flake flakeB(Path a, Path handWritten) {
    FlakeInput inputA = FlakeInput.of("a", "path:" + a);
    FlakeInput hand = FlakeInput.of("hand", "path:" + handWritten);
    ResourceName greeting = inputA.resource("greeting");
    ResourceName motd = ResourceName.ofInput(hand, "motd");
    ResourceName combined = ResourceName.of("combined");
    return Flake.builder().description("flake B")
        .parameters(parameters("FLAKEGEN_FOREIGN_B_PID"))
        .input(inputA)
        .input(hand)
        .addResource(combined, Implementation.builder()
            .init(ShellScript.builder()
                .set("GREETING", greeting.fragment(ResourceCall.builder().failure(41).build()))
                .set("MOTD", motd.fragment(ResourceCall.builder().failure(42).build()))
                .run(command(literal("printf"), literal("%s\\n"), variable("GREETING"))
                    .toFile(mount("greeting-folder")))
                .run(command(pkg("coreutils", "/bin/cat"), word(variable("GREETING"),
                    literal("/greeting")),
                    word(variable("MOTD"), literal("/motd"))).toFile(mount("combined")))
                .build())
            .targets("combined", "greeting-folder"))
        .addProgram("show-greeting", ShellScript.builder()
            .set("GREETING", greeting.fragment())
            .run(command(pkg("coreutils", "/bin/cat"), word(variable("GREETING"),
                literal("/greeting"))))
            .build())
        .addCheck("combined", Check.builder(combined).expectedType(EventType.VALID)
            .expectedTargets("combined", "greeting-folder"))
        .build();
  }

  @BeforeAll
  void buildFlakes(@TempDir Path directory) throws Exception {
    root = directory;
    a = BuiltFlake.build(flakeA(), directory.resolve("a"));
    Path handWritten = directory.resolve("hand-written");
    Files.createDirectories(handWritten);
    try (InputStream in = ForeignResourcesTest.class.getResourceAsStream("hand-written-flake.nix")) {
      Files.write(handWritten.resolve("flake.nix"), in.readAllBytes());
    }
    b = BuiltFlake.build(flakeB(directory.resolve("a"), handWritten), directory.resolve("b"));
    redis = LocalRedis.start(directory.resolve("redis.log"));
  }

  @AfterAll
  void stopRedis() throws Exception {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void bsInitSetsUpTheInputsResources(@TempDir Path directory) throws IOException {
    ResourceState state = new ResourceState(directory, redis.address());
    Path combined = state.setup(b.setup("combined")).path();

    // A's resource, set up from B's init: its folder is what A's own setup serves (a hit now)
    Path greeting = state.setup(a.setup("greeting")).path();
    assertThat(ResourceState.read(combined.resolve("greeting-folder")))
        .isEqualTo(greeting + "\n");
    assertThat(ResourceState.read(greeting.resolve("greeting"))).isEqualTo(GREETING + "\n");
    assertThat(ResourceState.read(combined.resolve("combined")))
        .isEqualTo(GREETING + "\na message of the day, by hand\n");
    assertThat(state.resources().resolve("hand-written-motd/motd")).exists();
    // the second setup of B is a hit: the same folder
    assertThat(state.setup(b.setup("combined")).path()).isEqualTo(combined);
  }

  @Test
  void bsProgramSetsUpAsResourceAndBsOutputOffersItsOwn(@TempDir Path directory) {
    ResourceState state = new ResourceState(directory, redis.address());
    Tools.Result built = b.buildAttribute("packages.x86_64-linux.show-greeting")
        .ok("nix build of show-greeting");
    String out = (String) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) Json.parse(built.out())).get(0))
        .get("outputs")).get("out");
    Tools.Result shown = Tools.run(List.of(out + "/bin/show-greeting"), state.home(), null,
        state.environment(), java.time.Duration.ofMinutes(5));
    assertThat(shown.exitCode()).as(shown.stderr()).isZero();
    assertThat(shown.out()).isEqualTo(GREETING + "\n");

    // B offers its resources as other flakes use them: resources.SYSTEM.NAME, whose setup is
    // the package's
    Tools.Result offered = BuiltFlake.nix(List.of("nix", "eval", "--raw",
        BuiltFlake.url(b.directory()) + "#resources.x86_64-linux.combined.setup.outPath"),
        b.directory()).ok("nix eval of B's resources output");
    assertThat(Path.of(offered.out(), "bin", "setup")).isEqualTo(b.setup("combined"));
  }

  @Test
  void changingTheInputsInitMakesANewResourceOfB() throws IOException {
    // A', whose init says something else, in place of A: B's init text names A's setup by its
    // store path, so B's hash changes with it
    Path changed = root.resolve("a-changed");
    Files.createDirectories(changed);
    Flake flakeA = flakeA();
    var files = dev.flakegen.render.FlakeRenderer.render(Flake.builder().description("flake A")
        .parameters(flakeA.parameters())
        .addResource(ResourceName.of("greeting"), Implementation.builder()
            .init(ShellScript.builder()
                .run(command(pkg("coreutils", "/bin/echo"), literal("changed"))
                    .toFile(mount("greeting")))
                .build())
            .targets("greeting"))
        .build());
    for (String path : files.paths()) {
      Files.write(changed.resolve(path), files.bytes(path));
    }
    String attribute = BuiltFlake.url(b.directory())
        + "#resources.x86_64-linux.combined.description-hash";
    String before = BuiltFlake.nix(List.of("nix", "eval", "--raw", attribute), b.directory())
        .ok("nix eval of B's hash").out();
    String after = BuiltFlake.nix(List.of("nix", "eval", "--raw", attribute, "--override-input",
        "a", "path:" + changed), b.directory()).ok("nix eval of B's hash with A'").out();
    assertThat(before).isEqualTo(b.descriptionHash("combined"));
    assertThat(after).matches("[0-9a-f]{128}").isNotEqualTo(before);
  }

  @Test
  void bsCheckPassesWithTheInputsResourceInside() {
    b.buildAttribute("checks.x86_64-linux.combined").ok("nix build of B's check");
  }
}
