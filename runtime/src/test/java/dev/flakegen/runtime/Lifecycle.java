package dev.flakegen.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The lifecycle as lib.nix assembles it, for the runtime tests: a resource's lifecycle programs
 * (release, one resolve program per resolution, the defaults {@code accept} and {@code finish}),
 * the two listeners as running processes, and originators: live processes that set a resource up
 * and hold it until told to end.
 */
final class Lifecycle {

  private Lifecycle() {}

  /**
   * Builds FOLDER as lib.nix builds a resource's lifecycle programs: {@code release} (a bash script
   * running RELEASE, if not null) and {@code resolutions/init/NAME}, {@code resolutions/release/NAME}
   * (the resolve program with the fixture's configuration, each running its command, if not
   * null). {@code accept} and {@code finish} are added when not given.
   */
  static Path programs(Fixture fixture, Path folder, String release, Map<String, String> initResolutions,
      Map<String, String> releaseResolutions) {
    try {
      Files.createDirectories(folder);
      if (release != null) {
        Files2.script(folder.resolve("release"), release);
      }
      Map<String, String> init = new TreeMap<>(initResolutions);
      init.putIfAbsent("accept", null);
      Map<String, String> finish = new TreeMap<>(releaseResolutions);
      finish.putIfAbsent("finish", null);
      resolutions(fixture, folder, "init", init);
      resolutions(fixture, folder, "release", finish);
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The programs lib.nix gives the resolve listener as RESOURCE_DEFAULT_LIFECYCLE. */
  static Path defaults(Fixture fixture, Path folder) {
    return programs(fixture, folder, null, Map.of(), Map.of());
  }

  private static void resolutions(Fixture fixture, Path folder, String kind, Map<String, String> commands)
      throws IOException {
    Path programs = Files.createDirectories(folder.resolve("resolutions").resolve(kind));
    Path scripts = Files.createDirectories(folder.resolve("commands"));
    for (Map.Entry<String, String> entry : commands.entrySet()) {
      Map<String, Object> env = new LinkedHashMap<>(fixture.runtimeEnv());
      env.put("RESOLUTION_CASE", kind);
      env.put("RESOLUTION_NAME", entry.getKey());
      String command = "";
      if (entry.getValue() != null) {
        command = Files2.script(scripts.resolve(kind + "-" + entry.getKey()), entry.getValue()).toString();
      }
      env.put("RESOLUTION_COMMAND", command);
      Files2.executable(programs.resolve(entry.getKey()), Programs.text("resolve", env));
    }
  }

  /** A listener (release-listener or resolve-listener) of FIXTURE's configuration, started. */
  static Run.Started listener(Fixture fixture, String name, Map<String, String> env) {
    Map<String, Object> values = new LinkedHashMap<>(fixture.runtimeEnv());
    Path program = Files2.executable(fixture.root.resolve("bin").resolve(name), Programs.text(name, values));
    Run run = Run.of(program).env("RESOURCE_REDIS", fixture.redis.address())
        .env("RESOURCE_LISTENER_INTERVAL", "0.1").env(env).timeout(Duration.ofSeconds(30));
    return run.start();
  }

  /** Stops a listener with SIGTERM and returns what it printed. */
  static Run.Result stop(Run.Started listener) {
    listener.process.destroy();
    return listener.await();
  }

  /** The resources in the flow: the names under lifecycle/ and their states. */
  static Map<String, String> states(Fixture fixture) {
    Path folder = fixture.resources.resolve("lifecycle");
    Map<String, String> states = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return states;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        if (!entry.getFileName().toString().startsWith(".")) {
          try {
            states.put(entry.getFileName().toString(), Files.readString(entry).strip());
          } catch (java.nio.file.NoSuchFileException gone) {
            // left the flow meanwhile
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return states;
  }

  static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * A live process that set a resource up ({@code d="$(setup ARG…)"}, so it is setup's
   * originator), printed the directory, and waits for its standard input to close.
   */
  static class Originator implements AutoCloseable {
    final Process process;
    final String path;

    Originator(Fixture fixture, String... arguments) {
      List<String> command = new java.util.ArrayList<>(List.of("/bin/bash", "-c",
          "d=\"$(\"$0\" \"$@\" </dev/null)\" || exit 1; printf '%s\\n' \"$d\"; read -r _ || true",
          fixture.root.resolve("bin/setup").toString()));
      command.addAll(List.of(arguments));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().clear();
      builder.environment().put("PATH", "/nonexistent/flakegen-tests");
      builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
      builder.environment().put("RESOURCE_REDIS", fixture.redis.address());
      builder.redirectError(ProcessBuilder.Redirect.INHERIT);
      try {
        process = builder.start();
        BufferedReader out =
            new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
          throw new AssertionError("setup printed nothing; originator status " + process.waitFor());
        }
        path = line;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    long index() {
      return Long.parseLong(Path.of(path).getFileName().toString());
    }

    /** Ends the originator (closes its standard input) and waits until it has exited. */
    @Override
    public void close() {
      try {
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("originator did not end");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
