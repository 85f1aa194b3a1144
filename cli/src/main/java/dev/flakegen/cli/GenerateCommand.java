package dev.flakegen.cli;

import dev.flakegen.examples.Examples;
import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.FlakeModelLoader;
import dev.flakegen.model.ModelException;
import dev.flakegen.model.ModelLoadException;
import dev.flakegen.output.Drift;
import dev.flakegen.output.FileSet;
import dev.flakegen.output.ForeignFileException;
import dev.flakegen.output.GeneratedFolder;
import dev.flakegen.output.GeneratedHeader;
import dev.flakegen.output.WriteReport;
import dev.flakegen.render.FlakeRenderer;
import dev.flakegen.render.RenderException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
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
 * folder with {@link GeneratedFolder#sync}, or compares the folder with it ({@code --check}); or
 * lists the examples.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {
        "Render a resource-flake model into DIR: flake.nix, lib.nix, module.nix and scripts.nix.",
        "Everything is rendered and checked first; files whose bytes are unchanged are not"
            + " touched, the others are replaced atomically, files flakegen generated before and"
            + " no longer produces are deleted, and a file flakegen did not generate is never"
            + " replaced. A failed run leaves DIR as it was.",
        "With --check, writes nothing and lists every missing, different, orphaned or"
            + " wrong-mode file with a diff.",
        "Exit status: 0 on success (with --check: DIR is up to date), 1 if writing failed or"
            + " (with --check) DIR differs, 2 on usage and model errors (nothing is written)."})
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

  @Option(names = "--check",
      description = "Write nothing; exit 1 and show the differences if DIR is not up to date.")
  boolean check;

  @Option(names = "--regenerate-command", paramLabel = "TEXT",
      description = "The command the files' header names to regenerate them (default: this"
          + " command with DIR for the folder).")
  String regenerateCommand;

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
    if (regenerateCommand != null && (regenerateCommand.isBlank()
        || regenerateCommand.indexOf('\n') >= 0 || regenerateCommand.indexOf('\r') >= 0)) {
      return usage("--regenerate-command must be one non-blank line");
    }
    FlakeModel model;
    String command;
    Flake flake;
    try {
      if (source.example != null) {
        model = Examples.get(source.example);
        if (model == null) {
          return usage("no example \"" + source.example + "\" (examples: "
              + String.join(", ", Examples.names()) + ")");
        }
        command = "flakegen generate --example " + source.example + " --out DIR";
      } else {
        try {
          model = FlakeModelLoader.load(source.model, loader(classpath));
        } catch (ModelLoadException e) {
          stderr.println("generate: error: " + e.getMessage()
              + (e.getCause() instanceof ClassNotFoundException
                  ? (classpath == null ? " (use --classpath)" : " on " + classpath) : ""));
          return 2;
        } catch (IllegalArgumentException e) {
          stderr.println("generate: error: --classpath: " + e.getMessage());
          return 2;
        }
        command = "flakegen generate --model " + source.model + " --out DIR";
      }
      flake = model.flake();
    } catch (ModelException e) {
      for (ModelException.Problem problem : e.problems()) {
        stderr.println("generate: error: " + problem);
      }
      return 2;
    }
    GeneratedHeader header = GeneratedHeader.of(model.getClass().getName(),
        regenerateCommand != null ? regenerateCommand : command);
    FileSet files;
    try {
      files = FlakeRenderer.render(flake, header);
    } catch (RenderException e) {
      stderr.println("generate: error: " + e.getMessage() + " (a bug in flakegen; nothing was"
          + " written)");
      return 1;
    }
    if (check) {
      try {
        List<Drift> drifts = GeneratedFolder.compare(files, out);
        if (drifts.isEmpty()) {
          stdout.println("up to date\t" + out);
          return 0;
        }
        stderr.println("generate: " + GeneratedFolder.report(drifts, out.toString(),
            command.replace(" --out DIR", " --out " + out)));
        return 1;
      } catch (IOException e) {
        stderr.println("generate: error: cannot read " + out + ": " + e);
        return 1;
      }
    }
    WriteReport report;
    try {
      report = GeneratedFolder.sync(files, out);
    } catch (ForeignFileException e) {
      stderr.println("generate: error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      stderr.println("generate: error: cannot write to " + out + ": " + e
          + (e.getSuppressed().length == 0 ? "; the folder was left as it was"
              : "; restoring the folder failed too: " + List.of(e.getSuppressed())));
      return 1;
    }
    for (WriteReport.Entry entry : report.entries()) {
      stdout.println(STATUS.get(entry.status()) + "\t" + out.resolve(entry.path()));
    }
    return 0;
  }

  private static final Map<WriteReport.Status, String> STATUS = Map.of(
      WriteReport.Status.CREATED, "written", WriteReport.Status.UPDATED, "written",
      WriteReport.Status.UNCHANGED, "unchanged", WriteReport.Status.MODE_FIXED, "mode fixed",
      WriteReport.Status.DELETED, "deleted");

  private int usage(String message) {
    System.err.println("generate: error: " + message);
    System.err.print(spec.commandLine().getUsageMessage());
    return 2;
  }

  /** The CLI's class loader, or one that also sees {@code classpath}. */
  private static ClassLoader loader(String classpath) {
    ClassLoader loader = GenerateCommand.class.getClassLoader();
    if (classpath == null) {
      return loader;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      try {
        urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
      } catch (MalformedURLException | java.nio.file.InvalidPathException e) {
        throw new IllegalArgumentException(entry + ": " + e.getMessage(), e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), loader);
  }
}
