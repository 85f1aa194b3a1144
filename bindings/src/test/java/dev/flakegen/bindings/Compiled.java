package dev.flakegen.bindings;

import dev.flakegen.nix.ast.Expr;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Generated sources compiled with javac ({@code -Xlint:all -Werror}) and loaded. */
final class Compiled {

  private Compiled() {}

  /**
   * Writes each source (by fully qualified class name) under {@code folder}/src, compiles them
   * into {@code folder}/classes against nix-ast and the test classes, and loads them.
   *
   * @throws AssertionError with javac's diagnostics when javac reports anything
   */
  static ClassLoader compile(Path folder, Map<String, String> sources) {
    try {
      Path src = folder.resolve("src");
      Path classes = Files.createDirectories(folder.resolve("classes"));
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> entry : sources.entrySet()) {
        Path file = src.resolve(entry.getKey().replace('.', '/') + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
        files.add(file);
      }
      String classpath = location(Expr.class) + java.io.File.pathSeparator
          + location(Compiled.class);
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      StringWriter diagnostics = new StringWriter();
      try (StandardJavaFileManager manager =
          javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        Iterable<? extends JavaFileObject> units = manager.getJavaFileObjectsFromPaths(files);
        boolean ok = javac.getTask(diagnostics, manager, null, List.of("--release", "17",
            "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-classpath", classpath, "-d",
            classes.toString(), "-implicit:none"), null, units).call();
        if (!ok || !diagnostics.toString().isEmpty()) {
          throw new AssertionError("javac:\n" + diagnostics + "\nsources:\n" + sources);
        }
      }
      return new URLClassLoader(new URL[] {classes.toUri().toURL()},
          Compiled.class.getClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String location(Class<?> type) throws MalformedURLException {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new MalformedURLException(e.getMessage());
    }
  }
}
