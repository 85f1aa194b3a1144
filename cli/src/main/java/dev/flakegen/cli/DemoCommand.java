package dev.flakegen.cli;

import dev.flakegen.demo.DemoRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flakegen demo}: the main job. Generates the examples, has Nix check each one against the
 * host package set, and sets up the hello resource twice against a private redis-server (see
 * {@link DemoRun}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "The main job: generate the examples, `nix flake check` each against the host package"
            + " set (hostpkgs/), start a private redis-server on 127.0.0.1, set up the hello"
            + " resource twice (a miss, then a hit), print its path and the two events, and stop"
            + " what was started.",
        "Exit status: 0 when every step passed, 1 when one failed (it is named)."})
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Work in DIR and keep it (default: a temporary folder, removed at the end).")
  private Path dir;

  @Option(names = "--home", paramLabel = "DIR",
      description = "The flakegen repository (for hostpkgs/ and examples/; default:"
          + " $FLAKEGEN_HOME, which ./flakegen sets, else the current folder).")
  private Path home;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path repository = home != null ? home
        : Path.of(System.getenv().getOrDefault("FLAKEGEN_HOME", "."));
    Path work = dir != null ? Files.createDirectories(dir)
        : Files.createTempDirectory("flakegen-demo");
    DemoRun run = new DemoRun(repository, work, System.out);
    try {
      run.run();
      return 0;
    } catch (DemoRun.StepFailed e) {
      System.err.println("demo: step '" + e.step() + "' failed: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      System.err.println("demo: step '" + run.currentStep() + "' failed: " + e);
      return 1;
    } finally {
      if (dir == null) {
        removeTree(work);
      }
    }
  }

  private static void removeTree(Path root) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path path : paths) {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        path.toFile().setWritable(true, true);
      }
    }
    for (Path path : paths) {
      Files.deleteIfExists(path);
    }
  }
}
