package dev.flakegen.cli;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.build.Nix;
import dev.flakegen.nixdriver.Installable;
import dev.flakegen.nixdriver.NixDriver;
import dev.flakegen.nixdriver.NixDriverException;
import dev.flakegen.nixdriver.NixStore;
import dev.flakegen.nixdriver.NixValue;
import dev.flakegen.nixdriver.Realisation;
import dev.flakegen.nixdriver.Replication;
import dev.flakegen.nixdriver.SignaturePolicy;
import dev.flakegen.nixdriver.StorePath;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flakegen nix eval|build|path-info|copy}: thin commands over {@link NixDriver}, with the
 * project's Nix settings ({@link NixDriver#DEFAULT_CONFIG}).
 */
@Command(name = "nix", mixinStandardHelpOptions = true,
    description = {
        "Drive the installed Nix through flakegen's Java API (dev.flakegen.nixdriver):"
            + " evaluate, build, check store paths, copy closures between stores.",
        "Nix runs with NIX_CONFIG='experimental-features = nix-command flakes' and"
            + " 'substituters =' (plus any --nix-config lines).",
        "Exit status: 0 on success, 1 when Nix failed (its message on standard error), 2 on"
            + " usage errors."},
    subcommands = {NixCommand.Eval.class, NixCommand.Build.class, NixCommand.PathInfo.class,
        NixCommand.Copy.class})
final class NixCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "nix: missing subcommand (eval, build, path-info or copy)");
  }

  /** Options every subcommand has: where Nix is, more settings, the timeout. */
  static final class DriverOptions {
    @Option(names = "--nix-bin", paramLabel = "DIR",
        description = "Run DIR/nix (default: nix from PATH).")
    Path binDirectory;

    @Option(names = "--nix-config", paramLabel = "LINE",
        description = "One more NIX_CONFIG line, e.g. 'max-jobs = 2' (repeatable).")
    List<String> config = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "SECONDS",
        description = "Kill Nix and fail after SECONDS (default: 1800).")
    Long timeoutSeconds;

    NixDriver driver() {
      NixDriver.Builder builder = NixDriver.builder();
      if (binDirectory != null) {
        builder.binDirectory(binDirectory);
      }
      config.forEach(builder::addConfig);
      if (timeoutSeconds != null) {
        builder.timeout(Duration.ofSeconds(timeoutSeconds));
      }
      return builder.build();
    }
  }

  /** What to evaluate or build: an installable or an expression, with arguments and overrides. */
  static final class Target {
    static final class Choice {
      @Parameters(index = "0", paramLabel = "INSTALLABLE",
          description = "A flake output (path:/x#packages.x86_64-linux.hello) or a store path.")
      String installable;

      @Option(names = "--expr", paramLabel = "NIX",
          description = "A Nix expression (checked with flakegen's grammar; run --impure).")
      String expression;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    @Option(names = "--arg", arity = "2", paramLabel = "NAME EXPR",
        description = "Apply the value to a set with NAME = EXPR (repeatable).")
    List<String> args = new ArrayList<>();

    @Option(names = "--argstr", arity = "2", paramLabel = "NAME STRING",
        description = "Apply the value to a set with NAME = the string STRING (repeatable).")
    List<String> argstrs = new ArrayList<>();

    @Option(names = "--override-input", arity = "2", paramLabel = "INPUT FLAKE",
        description = "Replace a flake input, e.g. nixpkgs path:/…/hostpkgs (repeatable).")
    List<String> overrides = new ArrayList<>();

    Installable installable() {
      Installable result;
      if (choice.expression != null) {
        try {
          result = Installable.expression(choice.expression);
        } catch (IllegalArgumentException e) {
          throw rejected(e);
        }
      } else {
        result = Installable.of(choice.installable);
        for (int i = 0; i + 1 < overrides.size(); i += 2) {
          result = result.withOverrideInput(overrides.get(i), overrides.get(i + 1));
        }
      }
      for (int i = 0; i + 1 < args.size(); i += 2) {
        result = result.withArg(args.get(i), parse(args.get(i + 1)));
      }
      for (int i = 0; i + 1 < argstrs.size(); i += 2) {
        result = result.withArgString(argstrs.get(i), argstrs.get(i + 1));
      }
      return result;
    }

    private static Expr parse(String text) {
      try {
        return Nix.parse(text);
      } catch (IllegalArgumentException e) {
        throw rejected(e);
      }
    }

    /** Nix's words for a text the grammar rejected, as Nix would report them. */
    private static NixDriverException rejected(IllegalArgumentException e) {
      if (e.getCause() instanceof NixErrorException nix) {
        NixError error = nix.error();
        return new NixDriverException(error.message() + " (at «string»:" + error.pos().line()
            + ":" + error.pos().column() + ")", e);
      }
      return new NixDriverException(e.getMessage(), e);
    }
  }

  /** Runs {@code work}, turning Nix's failures into a message and status 1. */
  static int report(String command, Callable<Integer> work) throws Exception {
    try {
      return work.call();
    } catch (NixDriverException e) {
      System.err.println(command + ": error: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(command + ": error: " + e.getMessage());
      return 2;
    }
  }

  /** {@code flakegen nix eval}. */
  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = {
          "Evaluate INSTALLABLE or --expr and print its value as JSON (nix eval --json);"
              + " a set with an outPath (a derivation) prints as its path, nothing is built.",
          "Exit status: 0, 1 on an evaluation error (message and FILE:LINE:COL), 2 on usage"
              + " errors."})
  static final class Eval implements Callable<Integer> {
    @Mixin
    Target target = new Target();

    @Mixin
    DriverOptions options = new DriverOptions();

    @Option(names = "--observe", paramLabel = "A.B.C",
        description = "Print only this attribute path (names separated by dots), evaluating"
            + " nothing else.")
    String observe;

    @Override
    public Integer call() throws Exception {
      return report("nix eval", () -> {
        List<String> path = observe == null || observe.isEmpty() ? List.of()
            : List.of(observe.split("\\.", -1));
        NixValue value = options.driver().observe(target.installable(), path);
        System.out.println(value.toJson());
        return 0;
      });
    }
  }

  /** {@code flakegen nix build}. */
  @Command(name = "build", mixinStandardHelpOptions = true,
      description = {
          "Build INSTALLABLE or --expr (nix build --json --no-link -L) and print its output"
              + " paths, one per line; Nix's log goes to standard error as it comes.",
          "Exit status: 0, 1 when evaluation or a build failed, 2 on usage errors."})
  static final class Build implements Callable<Integer> {
    @Mixin
    Target target = new Target();

    @Mixin
    DriverOptions options = new DriverOptions();

    @Option(names = "--quiet", description = "Do not show Nix's log.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
      return report("nix build", () -> {
        PrintStream log = System.err;
        Realisation built = options.driver().realise(target.installable(),
            quiet ? line -> { } : log::println);
        built.outputPaths().forEach(System.out::println);
        return 0;
      });
    }
  }

  /** {@code flakegen nix path-info}. */
  @Command(name = "path-info", mixinStandardHelpOptions = true,
      description = {
          "For each store PATH, print 'valid PATH' or 'missing PATH': whether it is valid in"
              + " the store (nix path-info --store).",
          "Exit status: 0 when every PATH is valid, 1 when one is missing or Nix failed,"
              + " 2 on usage errors."})
  static final class PathInfo implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "URI",
        description = "The store: auto (the local store, default), file:///folder, …")
    String store = "auto";

    @Mixin
    DriverOptions options = new DriverOptions();

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    public Integer call() throws Exception {
      return report("nix path-info", () -> {
        List<StorePath> storePaths = paths.stream().map(StorePath::of).toList();
        Set<StorePath> valid = options.driver().validPaths(NixStore.of(store), storePaths);
        for (StorePath path : storePaths) {
          System.out.println((valid.contains(path) ? "valid " : "missing ") + path);
        }
        return valid.containsAll(storePaths) ? 0 : 1;
      });
    }
  }

  /** {@code flakegen nix copy}. */
  @Command(name = "copy", mixinStandardHelpOptions = true,
      description = {
          "Copy each store PATH with its closure from one store to another (nix copy), check"
              + " that every path arrived, and print the closure.",
          "Exit status: 0, 1 when Nix failed or a path did not arrive, 2 on usage errors."})
  static final class Copy implements Callable<Integer> {
    @Option(names = "--from", paramLabel = "URI", description = "Source store (default: auto).")
    String from = "auto";

    @Option(names = "--to", paramLabel = "URI", description = "Target store (default: auto).")
    String to = "auto";

    @Option(names = "--no-check-sigs",
        description = "Accept unsigned paths (needed for paths built locally).")
    boolean noCheckSigs;

    @Mixin
    DriverOptions options = new DriverOptions();

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<String> paths;

    @Override
    public Integer call() throws Exception {
      return report("nix copy", () -> {
        Replication copied = options.driver().replicate(
            paths.stream().map(StorePath::of).toList(), NixStore.of(from), NixStore.of(to),
            noCheckSigs ? SignaturePolicy.DO_NOT_CHECK : SignaturePolicy.CHECK);
        copied.closure().forEach(System.out::println);
        return 0;
      });
    }
  }
}
