package dev.flakegen.cli;

import dev.flakegen.nix.core.DeepStack;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flakegen} command line: {@code parse}, {@code fmt}, {@code generate}, {@code demo}. */
@Command(
    name = "flakegen",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Generates Nix from a typed Java model, and parses and prints Nix.",
    subcommands = {ParseCommand.class, FmtCommand.class, GenerateCommand.class, DemoCommand.class,
        BindingsCommand.class, NixCommand.class, CommandLine.HelpCommand.class})
public final class FlakegenCli {

  /** Runs the command line and exits with its status (2 for usage errors). */
  public static void main(String[] args) {
    int status = DeepStack.onLargeStack(() -> run(args));
    System.exit(status);
  }

  /** Runs the command line and returns its exit status. */
  public static int run(String... args) {
    return new CommandLine(new FlakegenCli()).execute(args);
  }
}
