package dev.flakegen.cli;

import dev.flakegen.nix.core.DeepStack;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code flakegen} command line: {@code parse}, {@code fmt}, {@code generate}, {@code demo},
 * {@code bindings}, {@code nix}.
 *
 * <p>Start-up: picocli builds a command's model by reflection over its annotations, and its own
 * classes (Java 5 bytecode) stay out of the JVM's start-up caches. So {@code parse} with plain
 * arguments runs without picocli ({@link ParseCommand#withoutPicocli}), and any other invocation
 * of a subcommand builds only that subcommand's model; everything else (no arguments, {@code
 * --help}, {@code help}, unknown commands) builds them all. Output and exit status are the same
 * either way.
 */
@Command(
    name = "flakegen",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Generates Nix from a typed Java model, and parses and prints Nix.")
public final class FlakegenCli {

  /** The subcommands in the order {@code --help} lists them; {@code help} comes last. */
  private static final List<Subcommand> SUBCOMMANDS = List.of(
      new Subcommand("parse", ParseCommand::new),
      new Subcommand("fmt", FmtCommand::new),
      new Subcommand("generate", GenerateCommand::new),
      new Subcommand("demo", DemoCommand::new),
      new Subcommand("bindings", BindingsCommand::new),
      new Subcommand("nix", NixCommand::new));

  /** A subcommand's name (as its {@code @Command} says) and how to make its command object. */
  private record Subcommand(String name, Supplier<Object> command) {}

  /** Runs the command line and exits with its status (2 for usage errors). */
  public static void main(String[] args) {
    int status = DeepStack.onLargeStack(() -> run(args));
    System.exit(status);
  }

  /** Runs the command line and returns its exit status. */
  public static int run(String... args) {
    OptionalInt fast = ParseCommand.withoutPicocli(args);
    if (fast.isPresent()) {
      return fast.getAsInt();
    }
    return withPicocli(args);
  }

  /** Runs the command line through picocli, whatever the arguments. */
  static int withPicocli(String... args) {
    return commandLine(args.length == 0 ? null : args[0]).execute(args);
  }

  /** Runs the command line through picocli with every subcommand's model, as {@code --help}. */
  static int withAllSubcommands(String... args) {
    return commandLine(null).execute(args);
  }

  /**
   * The root command with the subcommand named {@code invoked} only, or with all of them when it
   * names none (a subcommand's own usage and errors do not mention its siblings).
   */
  private static CommandLine commandLine(String invoked) {
    CommandLine root = new CommandLine(new FlakegenCli());
    for (Subcommand subcommand : SUBCOMMANDS) {
      if (subcommand.name().equals(invoked)) {
        root.addSubcommand(subcommand.command().get());
        return root;
      }
    }
    for (Subcommand subcommand : SUBCOMMANDS) {
      root.addSubcommand(subcommand.command().get());
    }
    root.addSubcommand(new CommandLine.HelpCommand());
    return root;
  }
}
