package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 6: a listener killed with SIGKILL (as the OOM killer would) can be started again at
 * once, although its children live on: the redis-cli subscription and a running release command.
 * The release command still keeps its resource's lifecycle lock, so the new listener does not run
 * it a second time while it runs.
 */
@RedisTest
class ListenerKillTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  @RegisterExtension final Listeners listeners = new Listeners();

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }


  private Run.Started listener(Fixture fixture, String name) {
    Run.Started listener = Lifecycle.listener(fixture, name, name.equals("resolve-listener")
        ? Map.of("RESOURCE_DEFAULT_LIFECYCLE", Lifecycle.defaults(fixture, temporary.resolve("defaults")).toString())
        : Map.of());
    listeners.add(listener);
    return listener;
  }

  private static void awaitRecord(Fixture fixture, String name, Run.Started listener) {
    Path record = fixture.resources.resolve("locks").resolve(name);
    Files2.await("the record of " + name, Duration.ofSeconds(10),
        () -> Files.exists(record) && Files2.read(record).startsWith(listener.process.pid() + "-"));
  }

  @Test
  void fiveRestartsInARowAfterSigkill() throws Exception {
    Fixture fixture = new Fixture(temporary, redis).plainHash();
    fixture.setup();
    for (String name : List.of("release-listener", "resolve-listener")) {
      for (int i = 0; i < 5; i++) {
        Run.Started listener = listener(fixture, name);
        awaitRecord(fixture, name, listener);
        // Subscribed by now or soon: the subscription outlives the listener.
        Thread.sleep(200);
        listener.process.destroyForcibly().waitFor();
      }
      Run.Started last = listener(fixture, name);
      awaitRecord(fixture, name, last);
      // And a second one beside it is still refused.
      Run.Result second = listener(fixture, name).await();
      assertThat(second.status).isEqualTo(64);
      assertThat(second.err()).contains("another " + name + " is running on " + fixture.resources,
          "process " + last.process.pid());
      Lifecycle.stop(last);
    }
  }

  @Test
  void aReleaseCommandThatOutlivesItsListenerIsNotRunTwiceAtOnce() throws Exception {
    Fixture fixture = new Fixture(temporary, redis).plainHash();
    Path runs = temporary.resolve("runs");
    Path pid = temporary.resolve("release.pid");
    // The first run waits (until the test kills it); a later one finishes at once.
    String release = "echo run >> " + Programs.quote(runs.toString()) + "\n"
        + "if [ ! -e " + Programs.quote(pid.toString()) + " ]; then echo $$ > "
        + Programs.quote(pid.toString()) + "; sleep 300; fi";
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), release, Map.of(), Map.of()));
    fixture.setup();
    Run.Started first = listener(fixture, "release-listener");
    Lifecycle.Originator originator = new Lifecycle.Originator(fixture);
    Path resource = Path.of(originator.path);
    originator.close();
    Files2.await("the release command", Duration.ofSeconds(20), () -> Files.exists(pid)
        && !Files2.read(pid).isBlank());
    first.process.destroyForcibly().waitFor();

    Run.Started second = listener(fixture, "release-listener");
    awaitRecord(fixture, "release-listener", second);
    Thread.sleep(700);
    assertThat(second.process.isAlive()).isTrue();
    assertThat(Files.readAllLines(runs)).hasSize(1);
    assertThat(resource).isDirectory();

    long command = Long.parseLong(Files2.read(pid).strip());
    ProcessHandle.of(command).ifPresent(handle -> {
      handle.descendants().forEach(ProcessHandle::destroyForcibly);
      handle.destroyForcibly();
    });
    Files2.await("the release, resumed", Duration.ofSeconds(20), () -> !Lifecycle.exists(resource));
    assertThat(Files.readAllLines(runs)).hasSize(2);
  }
}
