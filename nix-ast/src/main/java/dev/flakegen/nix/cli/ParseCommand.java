package dev.flakegen.nix.cli;

import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flakegen parse [--canonical] FILE…}: checks each file as {@code nix-instantiate --parse}
 * does and, with {@code --canonical}, prints what it prints.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
    description = {
        "Parse each FILE with flakegen's Nix grammar and Nix's parse-time checks.",
        "A rejected file prints FILE:LINE:COL: error: MESSAGE on standard error; the run goes on.",
        "Exit status: 0 if every file was accepted, 1 if any was rejected, 2 on usage errors."})
final class ParseCommand implements Callable<Integer> {

  @Option(names = "--canonical",
      description = "Print one line per accepted file, byte for byte what "
          + "`nix-instantiate --parse FILE` (Nix 2.8) prints.")
  private boolean canonical;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Nix files to parse.")
  private List<Path> files;

  @Override
  public Integer call() {
    boolean rejected = false;
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    PrintStream err = System.err;
    try {
      for (Path file : files) {
        try {
          ParsedSource parsed = SourceParser.parse(NixSource.ofFile(file));
          StaticChecks.requireDefined(parsed);
          if (canonical) {
            out.write(RawUtf8.encode(CanonicalPrinter.print(parsed)));
            out.write('\n');
          }
        } catch (NixErrorException e) {
          rejected = true;
          out.flush();
          err.println(e.error().format(file.toString()));
        } catch (UncheckedIOException e) {
          rejected = true;
          out.flush();
          err.println(file + ": error: cannot read: "
              + (e.getCause() instanceof NoSuchFileException ? "no such file"
                  : e.getCause().getMessage()));
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rejected ? 1 : 0;
  }
}
