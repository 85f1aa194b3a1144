package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.parse;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.times;
import static dev.flakegen.nixdriver.Fixtures.NIX;
import static dev.flakegen.nixdriver.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nixdriver.NixValue.AttrsValue;
import dev.flakegen.nixdriver.NixValue.IntegerValue;
import dev.flakegen.nixdriver.NixValue.ListValue;
import dev.flakegen.nixdriver.NixValue.StringValue;
import dev.flakegen.testing.NixTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One driver, eight threads at once. */
@NixTest
class ConcurrencyTest {

  @Test
  void eightThreadsEvaluatingAtOnceGetTheirOwnAnswers() throws Exception {
    int threads = 8;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<NixValue>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int n = t;
        Callable<List<NixValue>> work = () -> {
          barrier.await();
          List<NixValue> values = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            values.add(NIX.evaluate(Installable.expression(set()
                .attr("thread", integer(n))
                .attr("round", string("r" + round))
                .attr("square", times(integer(n), integer(n)))
                .build())));
          }
          values.add(NIX.evaluate(Installable.expression(parse("{ n }: [ n (n + 1) ]"))
              .withArg("n", integer(n))));
          if (n % 2 == 0) {
            values.add(NIX.evaluate(example("hello", "packages.x86_64-linux.hello.name")));
          }
          return values;
        };
        futures.add(executor.submit(work));
      }
      for (int t = 0; t < threads; t++) {
        List<NixValue> values = futures.get(t).get();
        for (int round = 0; round < 3; round++) {
          assertThat(values.get(round)).isEqualTo(new AttrsValue(Map.of(
              "round", new StringValue("r" + round),
              "square", new IntegerValue((long) t * t),
              "thread", new IntegerValue(t))));
        }
        assertThat(values.get(3)).isEqualTo(new ListValue(List.of(
            new IntegerValue(t), new IntegerValue(t + 1))));
        if (t % 2 == 0) {
          assertThat(values.get(4)).isEqualTo(new StringValue("hello-setup"));
        }
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
