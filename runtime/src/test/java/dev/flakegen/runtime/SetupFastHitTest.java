package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * setup-hit.sh, the usual hit before bash reads the rest of setup: run here as a program of its own
 * (values + lib/core.sh + setup-hit.sh and nothing after it: lib.nix puts lib/common.sh and
 * setup.sh after it, which such a hit never reads), it serves the hit itself (prints the directory,
 * publishes the stale event) exactly as the whole setup does, and for everything else falls through
 * (prints nothing, publishes nothing) without having changed what setup would see.
 */
@RedisTest
class SetupFastHitTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  Fixture fixture;

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @BeforeEach
  void newFixture() {
    fixture = new Fixture(temporary, redis).plainHash();
  }

  /** The first part of setup alone, with the fixture's values. */
  private Run firstPartOnly(String... args) {
    Path program =
        Files2.executable(
            temporary.resolve("bin").resolve("setup-hit-only"),
            Programs.preamble(fixture.runtimeEnv())
                + Programs.script("lib/core.sh")
                + Programs.script("setup-hit.sh"));
    return Run.of(program).args(args).env(fixture.env).env("RESOURCE_REDIS", redis.address());
  }

  @Test
  void theUsualHitIsServedByTheFirstPartAloneWithTheWholeProgramsEvent() throws Exception {
    for (List<String> targets : List.of(List.<String>of(), List.of("a", "b c"))) {
      newFixture();
      StringBuilder init = new StringBuilder();
      for (String target : targets) {
        init.append(": > \"$RESOURCE_MOUNT\"/").append(Programs.quote(target)).append('\n');
      }
      fixture.targets(targets.toArray(new String[0])).initScript(init.toString());
      try (RedisSubscription events = redis.subscribe(fixture.channel)) {
        Run.Result miss = fixture.run().closed().run();
        assertThat(miss.status).as(miss.toString()).isZero();
        events.published();
        Run.Result whole = fixture.run().closed().run();
        assertThat(whole.out()).isEqualTo(miss.out());
        List<String> wholeEvents = events.published();
        Run.Result first = firstPartOnly().closed().run();
        assertThat(first.status).as(first.toString()).isZero();
        assertThat(first.out()).isEqualTo(miss.out());
        assertThat(first.err()).isEmpty();
        assertThat(events.published()).isEqualTo(wholeEvents).hasSize(1);
      }
    }
  }

  @Test
  void everythingElseFallsThroughWithoutAWord() throws Exception {
    fixture.initScript(":");
    try (RedisSubscription events = redis.subscribe(fixture.channel)) {
      assertThat(fixture.run().closed().run().status).isZero();
      events.published();
      List<Run> others =
          List.of(
              firstPartOnly("an-argument").closed(),
              firstPartOnly().pipe("input"),
              firstPartOnly().closed().env(Fixture.ORIGINATOR_VARIABLE, "not-a-pid"),
              firstPartOnly()
                  .closed()
                  .env("RESOURCES_DIRECTORY_OVERRIDE", temporary.resolve("elsewhere").toString()));
      for (Run other : others) {
        Run.Result result = other.run();
        assertThat(result.status).as(result.toString()).isZero();
        assertThat(result.out()).as(result.toString()).isEmpty();
      }
      fixture.transientResource();
      assertThat(firstPartOnly().closed().run().out()).isEmpty();
      assertThat(events.published()).isEmpty();
      assertThat(Files.exists(temporary.resolve("elsewhere"))).isFalse();
    }
  }
}
