package dev.flakegen.cli;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedCore;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flakegen parse [--canonical] [--nix-version 2.26|2.8] [--experimental-features F] FILE…}:
 * checks each file as that Nix's {@code nix-instantiate --parse} does and, with {@code
 * --canonical}, prints what it prints. Files are parsed in parallel; what is printed keeps the
 * order of the arguments.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse each FILE with flakegen's Nix grammar and Nix's parse-time checks.",
      "A rejected file prints FILE:LINE:COL: error: MESSAGE on standard error; the run goes on.",
      "Exit status: 0 if every file was accepted, 1 if any was rejected, 2 on usage errors."
    })
final class ParseCommand implements Callable<Integer> {

  private static final long WORKER_STACK_BYTES = 1L << 30;

  @Option(
      names = "--canonical",
      description =
          "Print one line per accepted file, byte for byte what "
              + "`nix-instantiate --parse FILE` of that Nix version prints.")
  private boolean canonical;

  @Option(
      names = "--nix-version",
      paramLabel = "VERSION",
      defaultValue = "2.26",
      description =
          "The Nix whose language to parse: 2.26 (today's Nix; 2.34 prints the same "
              + "canonical text) or 2.8. Default: ${DEFAULT-VALUE}.")
  private String versionText = "2.26"; // picocli's default too; set here for withoutPicocli

  @Option(
      names = "--experimental-features",
      paramLabel = "FEATURE",
      split = "[ ,]",
      description =
          "Nix experimental features to enable, as Nix's setting names them; "
              + "pipe-operators (2.26) is the one that changes the language.")
  private List<String> features = List.of();

  private NixDialect dialect;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Nix files to parse.")
  private List<Path> files;

  /** What one file gives: its canonical line (or nothing), or its error line. */
  private record Result(byte[] line, String error) {}

  /**
   * Runs {@code parse} without building picocli's model (which takes longer than parsing a small
   * file) when the arguments are {@code parse}, at most one {@code --canonical}, {@code
   * --nix-version VERSION} and at least one file, none starting with {@code -} or {@code @}: then
   * picocli would do exactly this. Anything else (help, errors, other options, argument files) is
   * left to picocli: empty.
   */
  static OptionalInt withoutPicocli(String... args) {
    if (args.length < 2 || !args[0].equals("parse")) {
      return OptionalInt.empty();
    }
    ParseCommand command = new ParseCommand();
    command.files = new ArrayList<>(args.length - 1);
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--canonical") && !command.canonical) {
        command.canonical = true;
      } else if (arg.equals("--nix-version")
          && i + 1 < args.length
          && !args[i + 1].startsWith("-")
          && !args[i + 1].startsWith("@")) {
        command.versionText = args[++i];
      } else if (arg.startsWith("-") || arg.startsWith("@")) {
        return OptionalInt.empty();
      } else {
        try {
          command.files.add(Path.of(arg));
        } catch (InvalidPathException e) {
          return OptionalInt.empty(); // picocli names the argument
        }
      }
    }
    if (command.files.isEmpty()) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(command.call());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      e.printStackTrace();
      return OptionalInt.of(1);
    } catch (RuntimeException e) {
      e.printStackTrace(); // picocli prints a failing command's exception too, and exits 1
      return OptionalInt.of(1);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    // Usage errors exit with 2, as picocli's own do.
    NixVersion version;
    try {
      version = NixVersion.of(versionText);
    } catch (IllegalArgumentException e) {
      System.err.println("parse: " + e.getMessage());
      return 2;
    }
    dialect = NixDialect.of(version);
    if (features.contains("pipe-operators")) {
      if (!version.atLeast(NixVersion.NIX_2_26)) {
        System.err.println("parse: Nix " + version.number() + " has no pipe-operators feature");
        return 2;
      }
      dialect = dialect.withPipeOperators();
    }
    int workers = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    Result[] results = new Result[files.size()];
    // The calling thread and workers - 1 more take the next file from a shared counter; the
    // caller waits for them only at the end (waiting on each file's result woke it thousands of
    // times a run, each wake-up taking a core from the parsing).
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable work =
        () -> {
          for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
            results[i] = check(files.get(i));
          }
        };
    List<Thread> helpers = new ArrayList<>(workers - 1);
    for (int w = 1; w < workers; w++) {
      Thread thread =
          new Thread(
              null,
              () -> {
                try {
                  work.run();
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                  next.set(results.length);
                }
              },
              "flakegen-parse-" + w,
              WORKER_STACK_BYTES);
      thread.setDaemon(true);
      thread.start();
      helpers.add(thread);
    }
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      next.set(results.length);
      throw e;
    }
    for (Thread helper : helpers) {
      helper.join();
    }
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    } else if (failed instanceof Error error) {
      throw error;
    } else if (failed != null) {
      throw new IllegalStateException(failed);
    }
    return report(results);
  }

  private Result check(Path file) {
    try {
      ParsedCore parsed = SourceParser.parseCore(NixSource.ofFile(file), dialect);
      StaticChecks.requireDefined(parsed);
      return new Result(canonical ? RawUtf8.encode(CanonicalPrinter.print(parsed)) : null, null);
    } catch (NixErrorException e) {
      return new Result(null, e.error().format(file.toString()));
    } catch (UncheckedIOException e) {
      return new Result(
          null,
          file
              + ": error: cannot read: "
              + (e.getCause() instanceof NoSuchFileException
                  ? "no such file"
                  : e.getCause().getMessage()));
    }
  }

  private static int report(Result[] results) {
    boolean rejected = false;
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    try {
      for (Result result : results) {
        if (result.error() != null) {
          rejected = true;
          out.flush();
          System.err.println(result.error());
        } else if (result.line() != null) {
          out.write(result.line());
          out.write('\n');
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rejected ? 1 : 0;
  }
}
