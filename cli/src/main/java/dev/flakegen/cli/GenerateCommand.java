package dev.flakegen.cli;

import dev.flakegen.examples.Examples;
import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.GenerateResult;
import dev.flakegen.generate.Generation;
import dev.flakegen.model.FlakeModel;
import dev.flakegen.model.ModelException;
import dev.flakegen.output.WriteReport;
import java.io.File;
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
 * folder, or compares the folder with it ({@code --check}), through the library's one step
 * ({@link Generation}); or lists the examples. It only fills the request and words the result.
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
    GenerateRequest.Builder request = GenerateRequest.builder().directory(out)
        .mode(check ? GenerateRequest.Mode.CHECK : GenerateRequest.Mode.GENERATE);
    String command;
    if (source.example != null) {
      FlakeModel model = Examples.get(source.example);
      if (model == null) {
        return usage("no example \"" + source.example + "\" (examples: "
            + String.join(", ", Examples.names()) + ")");
      }
      request.model(model);
      command = "flakegen generate --example " + source.example + " --out DIR";
    } else {
      try {
        request.modelClass(source.model, loader(classpath));
      } catch (IllegalArgumentException e) {
        stderr.println("generate: error: --classpath: " + e.getMessage());
        return 2;
      }
      command = "flakegen generate --model " + source.model + " --out DIR";
    }
    GenerateResult result = Generation.run(
        request.regenerateCommand(regenerateCommand != null ? regenerateCommand : command).build());
    if (result instanceof GenerateResult.Written written) {
      for (WriteReport.Entry entry : written.report().entries()) {
        stdout.println(STATUS.get(entry.status()) + "\t" + out.resolve(entry.path()));
      }
      return 0;
    } else if (result instanceof GenerateResult.UpToDate) {
      stdout.println("up to date\t" + out);
      return 0;
    } else if (result instanceof GenerateResult.Differs differs) {
      stderr.println("generate: " + differs.report(out.toString(),
          command.replace(" --out DIR", " --out " + out)));
      return 1;
    } else if (result instanceof GenerateResult.InvalidModel invalid) {
      for (ModelException.Problem problem : invalid.error().problems()) {
        stderr.println("generate: error: " + problem);
      }
      return 2;
    } else if (result instanceof GenerateResult.ModelNotLoaded notLoaded) {
      stderr.println("generate: error: " + notLoaded.message(out.toString())
          + (notLoaded.classNotFound()
              ? (classpath == null ? " (use --classpath)" : " on " + classpath) : ""));
      return 2;
    }
    // a bug in flakegen, a file flakegen did not write in the way, or an I/O failure
    stderr.println("generate: error: "
        + ((GenerateResult.Failure) result).message(out.toString()));
    return 1;
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
