package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sequential: strictly increasing values from RESOURCE_SEQUENTIAL_START, shared with setup. */
@RedisTest // the programs are assembled with redis-cli (Tools.folder)
class SequentialTest {

  @TempDir Path temporary;

  @Test
  void startsAtTheStartAndCountsUp() throws Exception {
    Fixture fixture = new Fixture(temporary, null);
    fixture.start = "7";
    Path sequential = fixture.program("sequential");
    for (int expected = 7; expected < 10; expected++) {
      Run.Result result = Run.of(sequential).run();
      assertThat(result.status).as(result.toString()).isZero();
      assertThat(result.out()).isEqualTo(expected + "\n");
      assertThat(result.err).isEmpty();
    }
    // The counter: its first value, then one byte per value handed out.
    assertThat(Files.readString(fixture.resources.resolve("counter"))).isEqualTo("7\n...");
  }

  @Test
  void concurrentCallersGetDistinctIncreasingValuesWithoutGaps() {
    Fixture fixture = new Fixture(temporary, null);
    fixture.start = "1000";
    Path sequential = fixture.program("sequential");
    // 8 concurrent callers, each a bash loop of 10 calls.
    List<Run.Started> callers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      callers.add(
          Run.bash(
                  "for i in 1 2 3 4 5 6 7 8 9 10; do \"$1\" || exit 1; done", sequential.toString())
              .start());
    }
    TreeSet<Long> all = new TreeSet<>();
    for (Run.Started caller : callers) {
      Run.Result result = caller.await();
      assertThat(result.status).as(result.toString()).isZero();
      long previous = -1;
      for (String line : result.out().split("\n")) {
        long value = Long.parseLong(line);
        assertThat(value).as("increasing for one caller").isGreaterThan(previous);
        previous = value;
        assertThat(all.add(value)).as("value %d handed out twice", value).isTrue();
      }
    }
    assertThat(all).hasSize(80);
    assertThat(all.first()).isEqualTo(1000);
    assertThat(all.last()).isEqualTo(1079);
  }

  @Test
  void aCorruptCounterIsAnErrorNotARestart() throws Exception {
    Fixture fixture = new Fixture(temporary, null);
    Files.createDirectories(fixture.resources);
    Path program = fixture.program("sequential");
    // The counter of earlier versions, and this one's.
    for (String file : List.of("sequential", "counter")) {
      Files.writeString(fixture.resources.resolve(file), "not a number\n");
      Run.Result result = Run.of(program).run();
      assertThat(result.status).as(file).isEqualTo(64);
      assertThat(result.out).isEmpty();
      assertThat(result.err()).startsWith("sequential\ncannot take the next counter value");
      assertThat(fixture.resources.resolve(file)).hasContent("not a number");
    }
  }

  @Test
  void aCounterOfAnEarlierVersionGoesOnAfterItsLastValue() throws Exception {
    Fixture fixture = new Fixture(temporary, null);
    fixture.start = "7";
    Files.createDirectories(fixture.resources);
    Files.writeString(fixture.resources.resolve("sequential"), "41\n");
    Path program = fixture.program("sequential");
    assertThat(Run.of(program).run().out()).isEqualTo("42\n");
    assertThat(Run.of(program).run().out()).isEqualTo("43\n");
    assertThat(Files.readString(fixture.resources.resolve("counter"))).isEqualTo("42\n..");
    assertThat(fixture.resources.resolve("sequential")).hasContent("41");
  }

  @Test
  void expandsTildeAndHonoursTheOverride() throws Exception {
    Fixture fixture = new Fixture(temporary, null);
    fixture.resources = Path.of("~/state");
    Path sequential = fixture.program("sequential");
    Path home = temporary.resolve("home");
    Files.createDirectories(home);
    assertThat(Run.of(sequential).env("HOME", home.toString()).run().out()).isEqualTo("100\n");
    assertThat(Files.readString(home.resolve("state/counter"))).isEqualTo("100\n.");
    Path override = temporary.resolve("override");
    assertThat(
            Run.of(sequential)
                .env("HOME", home.toString())
                .env("RESOURCES_DIRECTORY_OVERRIDE", override.toString())
                .run()
                .out())
        .isEqualTo("100\n");
    assertThat(Files.readString(override.resolve("counter"))).isEqualTo("100\n.");
  }
}
