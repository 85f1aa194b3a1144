package dev.flakegen.nix.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flakegen fmt [--check] FILE…}: the readable layout. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
    description = "Print each FILE in flakegen's readable (nixfmt-like) layout, or check it.")
final class FmtCommand implements Callable<Integer> {

  @Option(names = "--check", description = "Print nothing; fail if a file is not in the layout.")
  private boolean check;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Nix files.")
  private List<Path> files;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("fmt: not yet");
  }
}
