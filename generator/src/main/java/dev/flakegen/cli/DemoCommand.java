package dev.flakegen.cli;

import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flakegen demo}: the main job for now. Parses a sample flake-shaped file with flakegen,
 * prints its canonical form, and checks it byte for byte against the real
 * {@code nix-instantiate --parse}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Parse a sample flake with flakegen and check its canonical form against "
        + "`nix-instantiate --parse` (Nix 2.8).")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--dir", description = "Where to write the sample (default: a new temporary "
      + "folder).")
  private Path dir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream out = System.out;
    Path folder = dir != null ? Files.createDirectories(dir)
        : Files.createTempDirectory("flakegen-demo");
    Path sample = folder.resolve("flake.nix");
    try (InputStream in = DemoCommand.class.getResourceAsStream("demo.nix")) {
      Files.write(sample, in.readAllBytes());
    }
    out.println("sample:   " + sample);

    byte[] ours;
    try {
      ParsedSource parsed = SourceParser.parse(NixSource.ofFile(sample));
      StaticChecks.requireDefined(parsed);
      ours = RawUtf8.encode(CanonicalPrinter.print(parsed));
    } catch (NixErrorException e) {
      System.err.println("demo: step 'parse with flakegen' failed: "
          + e.error().format(sample.toString()));
      return 1;
    }
    out.println("flakegen: " + new String(ours, StandardCharsets.UTF_8));

    ProcessBuilder nix = new ProcessBuilder("nix-instantiate", "--parse", sample.toString());
    nix.environment().put("NIX_CONFIG", "substituters =");
    nix.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process process;
    try {
      process = nix.start();
    } catch (IOException e) {
      System.err.println("demo: step 'run nix-instantiate' failed: " + e.getMessage()
          + " (install Nix with scripts/prerequisites)");
      return 1;
    }
    byte[] theirs = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      System.err.println("demo: step 'nix-instantiate --parse' failed");
      return 1;
    }
    byte[] theirLine = theirs.length > 0 && theirs[theirs.length - 1] == '\n'
        ? Arrays.copyOf(theirs, theirs.length - 1) : theirs;
    out.println("nix:      " + new String(theirLine, StandardCharsets.UTF_8));
    if (!Arrays.equals(ours, theirLine)) {
      System.err.println("demo: step 'compare' failed: flakegen's canonical form differs from "
          + "nix-instantiate --parse");
      return 1;
    }
    out.println("identical: flakegen's canonical form is byte for byte what Nix 2.8 prints.");
    return 0;
  }
}
