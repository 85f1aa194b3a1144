package dev.flakegen.cli;

import dev.flakegen.examples.Examples;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.ModelException;
import dev.flakegen.output.AtomicWriter;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.WriteReport;
import dev.flakegen.render.FlakeRenderer;
import dev.flakegen.render.RenderException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flakegen generate}: renders a model (an example, or a {@link FlakeModel} class) into a
 * folder, atomically; or lists the examples.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Render a resource-flake model into DIR: flake.nix, lib.nix and scripts.nix.",
        "Everything is rendered and checked first; files whose bytes are unchanged are not"
            + " touched, the others are replaced atomically, and a failed run leaves DIR as it"
            + " was.",
        "Exit status: 0 on success, 1 if writing failed, 2 on usage and model errors (nothing"
            + " is written)."})
final class GenerateCommand implements Callable<Integer> {

  /** Exactly one of these says what to do. */
  static final class Source {
    @Option(names = "--example", paramLabel = "NAME",
        description = "Render the example NAME (see --list-examples).")
    String example;

    @Option(names = "--model", paramLabel = "CLASS",
        description = "Render the model of CLASS: a public class with a public no-argument"
            + " constructor implementing dev.flakegen.model.FlakeModel.")
    String model;

    @Option(names = "--list-examples", description = "List the examples and exit.")
    boolean listExamples;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  @Option(names = "--classpath", paramLabel = "PATH",
      description = "Where to find --model's class: folders and jars, separated by ':'.")
  String classpath;

  @Option(names = "--out", paramLabel = "DIR", description = "The folder to write into.")
  Path out;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    if (source.listExamples) {
      for (Map.Entry<String, String> example : Examples.summaries().entrySet()) {
        stdout.println(example.getKey() + "\t" + example.getValue());
      }
      return 0;
    }
    if (out == null) {
      return usage("--out DIR is required with --example and --model");
    }
    if (classpath != null && source.model == null) {
      return usage("--classpath goes with --model");
    }
    Flake flake;
    String command;
    try {
      if (source.example != null) {
        FlakeModel example = Examples.get(source.example);
        if (example == null) {
          return usage("no example \"" + source.example + "\" (examples: "
              + String.join(", ", Examples.names()) + ")");
        }
        flake = example.flake();
        command = "flakegen generate --example " + source.example + " --out DIR";
      } else {
        FlakeModel model = load(source.model, classpath);
        if (model == null) {
          return 2;
        }
        flake = model.flake();
        command = "flakegen generate --model " + source.model + " --out DIR";
      }
    } catch (ModelException e) {
      stderr.println("generate: error: " + e.getMessage());
      return 2;
    }
    FileSet files;
    try {
      files = FlakeRenderer.render(flake, command);
    } catch (RenderException e) {
      stderr.println("generate: error: " + e.getMessage() + " (a bug in flakegen; nothing was"
          + " written)");
      return 1;
    }
    WriteReport report;
    try {
      report = AtomicWriter.write(files, out);
    } catch (IOException e) {
      stderr.println("generate: error: cannot write to " + out + ": " + e
          + (e.getSuppressed().length == 0 ? "; the folder was left as it was"
              : "; restoring the folder failed too: " + List.of(e.getSuppressed())));
      return 1;
    }
    for (WriteReport.Entry entry : report.entries()) {
      String status = entry.status() == WriteReport.Status.UNCHANGED ? "unchanged" : "written";
      stdout.println(status + "\t" + out.resolve(entry.path()));
    }
    return 0;
  }

  private int usage(String message) {
    System.err.println("generate: error: " + message);
    System.err.print(spec.commandLine().getUsageMessage());
    return 2;
  }

  private static FlakeModel load(String className, String classpath) {
    ClassLoader loader = GenerateCommand.class.getClassLoader();
    if (classpath != null) {
      List<URL> urls = new ArrayList<>();
      for (String entry : classpath.split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        try {
          urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
        } catch (MalformedURLException e) {
          System.err.println("generate: error: --classpath entry " + entry + ": " + e.getMessage());
          return null;
        }
      }
      loader = new URLClassLoader(urls.toArray(URL[]::new), loader);
    }
    try {
      Class<?> type = Class.forName(className, true, loader);
      if (!FlakeModel.class.isAssignableFrom(type)) {
        System.err.println("generate: error: " + className + " does not implement "
            + FlakeModel.class.getName());
        return null;
      }
      return (FlakeModel) type.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      System.err.println("generate: error: class " + className + " not found"
          + (classpath == null ? " (use --classpath)" : " on " + classpath));
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      System.err.println("generate: error: " + className + " needs a public no-argument"
          + " constructor (" + e + ")");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ModelException model) {
        throw model;
      }
      System.err.println("generate: error: the constructor of " + className + " failed: "
          + cause);
    }
    return null;
  }
}
