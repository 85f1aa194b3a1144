package dev.flakegen.maven;

import dev.flakegen.testing.nix.NixSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A copy of the sample project under {@code src/it/sample} in a temporary folder, built with the
 * real {@code mvn}, offline, against the local repository the plugin was installed into (by
 * {@code invoker:install} before the integration tests).
 */
final class SampleBuild {

  /** What one {@code mvn} run printed, and its exit status. */
  record Run(int status, String output) {

    boolean succeeded() {
      return status == 0 && output.contains("BUILD SUCCESS");
    }
  }

  private final Path project;

  private SampleBuild(Path project) {
    this.project = project;
  }

  /** Copies the sample into {@code folder}, with the versions of the build under test. */
  static SampleBuild copy(Path folder) throws IOException {
    Path source = Path.of("src", "it", "sample").toAbsolutePath();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = folder.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else if (file.getFileName().toString().equals("pom.xml")) {
          Files.writeString(target, Files.readString(file)
              .replace("@flakegen.version@", property("flakegen.version"))
              .replace("@compiler.version@", property("flakegen.compilerPluginVersion"))
              .replace("@resources.version@", property("flakegen.resourcesPluginVersion"))
              .replace("@surefire.version@", property("flakegen.surefirePluginVersion"))
              .replace("@jar.version@", property("flakegen.jarPluginVersion")));
        } else {
          Files.copy(file, target);
        }
      }
    }
    return new SampleBuild(folder);
  }

  /** The project's folder. */
  Path project() {
    return project;
  }

  /** {@code project/relative}. */
  Path file(String relative) {
    return project.resolve(relative);
  }

  /** {@code mvn -o -B ARGS} in the project. */
  Run mvn(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mvn", "-o", "-B", "--no-transfer-progress",
        "-Dmaven.repo.local=" + property("flakegen.localRepository"),
        "-Dhostpkgs=path:" + Path.of(property("flakegen.hostpkgs")).toRealPath(),
        // no binary cache to wait for: the host package set is local
        "-Dflakegen.nixConfig=" + NixSettings.NO_SUBSTITUTERS));
    command.addAll(List.of(arguments));
    Path log = Files.createTempFile("mvn-", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(project.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new AssertionError("mvn " + String.join(" ", arguments) + " took over 5 minutes:\n"
            + Files.readString(log, StandardCharsets.UTF_8));
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException("system property " + name + " is not set (the failsafe"
          + " configuration in maven-plugin/pom.xml passes it)");
    }
    return value;
  }
}
