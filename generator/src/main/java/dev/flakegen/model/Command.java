package dev.flakegen.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A simple command: words (the program first) and redirections. Immutable; the {@code with…}
 * methods return a new command.
 *
 * <pre>{@code
 * Command greet = Shell.command(Shell.pkg("coreutils", "/bin/echo"), "Hello, world!")
 *     .toFile(Shell.mount("greeting"));
 * }</pre>
 */
public record Command(List<Word> words, List<Redirection> redirections) {

  public Command {
    words = List.copyOf(words);
    redirections = List.copyOf(redirections);
  }

  /** With standard input read from {@code file} ({@code < FILE}). */
  public Command fromFile(Object file) {
    return with(Redirection.Kind.INPUT, file);
  }

  /** With standard output written to {@code file} ({@code > FILE}). */
  public Command toFile(Object file) {
    return with(Redirection.Kind.OUTPUT, file);
  }

  /** With standard output appended to {@code file} ({@code >> FILE}). */
  public Command appendTo(Object file) {
    return with(Redirection.Kind.APPEND, file);
  }

  /** With standard error written to {@code file} ({@code 2> FILE}). */
  public Command errorsTo(Object file) {
    return with(Redirection.Kind.ERROR, file);
  }

  private Command with(Redirection.Kind kind, Object file) {
    List<Redirection> more = new ArrayList<>(redirections);
    more.add(new Redirection(kind, Shell.word(file)));
    return new Command(words, more);
  }
}
