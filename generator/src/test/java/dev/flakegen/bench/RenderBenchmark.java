package dev.flakegen.bench;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.mount;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.resource;
import static dev.flakegen.model.shell.Shell.variable;

import dev.flakegen.model.Check;
import dev.flakegen.model.EventType;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.LibParameters;
import dev.flakegen.model.Provenance;
import dev.flakegen.model.shell.ResourceCall;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.Value;
import dev.flakegen.output.FileSet;
import dev.flakegen.render.FlakeRenderer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building and rendering a flake of {@code resources} resources, each with a three-line init,
 * a seed, targets and a check; resource {@code i > 0} sets up resource {@code (i - 1) / 2} in its
 * init, so about half as many libraries as resources. One operation:
 *
 * <ul>
 *   <li>{@link #render}: {@link FlakeRenderer#render} of the built model: the Nix trees, the
 *       readable print, the parse back with the project's grammar, the static checks and the
 *       comparison with the tree, for {@code flake.nix} and {@code scripts.nix};
 *   <li>{@link #buildAndRender}: the model's validation ({@code Flake.Builder.build}, including
 *       the dependency check) and then the same.
 * </ul>
 *
 * <p>Goal: at most 1 s for 1,000 resources, growing linearly. {@code bench/jmh-render} runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xss16m", "-Xms1g", "-Xmx1g"})
public class RenderBenchmark {

  @Param({"10", "100", "1000"})
  public int resources;

  private Flake.Builder builder;
  private Flake flake;

  /** The model of {@code count} resources, as a builder. */
  public static Flake.Builder model(int count) {
    Flake.Builder flake = Flake.builder()
        .description("benchmark: " + count + " resources")
        .parameters(LibParameters.builder().originatorPidVariable("BENCH_ORIGINATOR_PID")
            .resourcesDirectory("~/resources").storeGarbageCollectionRoot("~/.gc-roots"));
    for (int i = 0; i < count; i++) {
      String name = "resource-" + i;
      ShellScript.Builder init = ShellScript.builder();
      if (i > 0) {
        init.set("DEPENDENCY", resource("resource-" + (i - 1) / 2,
            ResourceCall.builder().failure(1000 + i).build()));
        init.run(command(pkg("coreutils", "/bin/ln"), literal("-s"), variable("DEPENDENCY"),
            mount("dependency")));
      }
      init.run(command(pkg("coreutils", "/bin/mkdir"), mount("data")))
          .run(command(pkg("coreutils", "/bin/echo"),
              literal("resource " + i + ": it's $(not) run"))
              .toFile(mount("data/" + i)));
      Implementation.Builder implementation = Implementation.builder()
          .init(init.build())
          .seed(Value.map(Map.of("index", Value.of(i), "name", Value.of(name))))
          .targets(i > 0 ? new String[] {"data", "dependency"} : new String[] {"data"});
      flake.addResource(name, implementation);
      flake.addCheck(name, Check.builder(name)
          .arguments("--index", Integer.toString(i))
          .expectedType(EventType.VALID)
          .expectedProvenance(Provenance.NEW)
          .expectedSetupExitStatus(0));
    }
    return flake;
  }

  @Setup
  public void setUp() {
    builder = model(resources);
    flake = builder.build();
    FlakeRenderer.render(flake);
  }

  @Benchmark
  public FileSet render() {
    return FlakeRenderer.render(flake);
  }

  @Benchmark
  public FileSet buildAndRender() {
    return FlakeRenderer.render(builder.build());
  }
}
