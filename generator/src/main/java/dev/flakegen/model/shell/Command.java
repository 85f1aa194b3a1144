package dev.flakegen.model.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A simple command: words (the program first) and redirections. Immutable; the {@code with…}
 * methods return a new command.
 *
 * <pre>{@code
 * Command greet = Shell.command(Shell.pkg("coreutils", "/bin/echo"),
 *     Shell.literal("Hello, world!")).toFile(Shell.mount("greeting"));
 * }</pre>
 */
public record Command(List<Word> words, List<Redirection> redirections) {

  public Command {
    words = List.copyOf(words);
    redirections = List.copyOf(redirections);
  }

  /** With standard input read from {@code file} ({@code < FILE}). */
  public Command fromFile(Word file) {
    return with(Redirection.Kind.INPUT, file);
  }

  /** With standard input read from {@code file} ({@code < FILE}): a literal path. */
  public Command fromFile(String file) {
    return with(Redirection.Kind.INPUT, Shell.word(file));
  }

  /** With standard input read from {@code file} ({@code < FILE}): a {@link WordPart}. */
  public Command fromFile(WordPart file) {
    return with(Redirection.Kind.INPUT, Shell.word(file));
  }

  /** With standard output written to {@code file} ({@code > FILE}). */
  public Command toFile(Word file) {
    return with(Redirection.Kind.OUTPUT, file);
  }

  /** With standard output written to {@code file} ({@code > FILE}): a literal path. */
  public Command toFile(String file) {
    return with(Redirection.Kind.OUTPUT, Shell.word(file));
  }

  /** With standard output written to {@code file} ({@code > FILE}): a {@link WordPart}. */
  public Command toFile(WordPart file) {
    return with(Redirection.Kind.OUTPUT, Shell.word(file));
  }

  /** With standard output appended to {@code file} ({@code >> FILE}). */
  public Command appendTo(Word file) {
    return with(Redirection.Kind.APPEND, file);
  }

  /** With standard output appended to {@code file} ({@code >> FILE}): a literal path. */
  public Command appendTo(String file) {
    return with(Redirection.Kind.APPEND, Shell.word(file));
  }

  /** With standard output appended to {@code file} ({@code >> FILE}): a {@link WordPart}. */
  public Command appendTo(WordPart file) {
    return with(Redirection.Kind.APPEND, Shell.word(file));
  }

  /** With standard error written to {@code file} ({@code 2> FILE}). */
  public Command errorsTo(Word file) {
    return with(Redirection.Kind.ERROR, file);
  }

  /** With standard error written to {@code file} ({@code 2> FILE}): a literal path. */
  public Command errorsTo(String file) {
    return with(Redirection.Kind.ERROR, Shell.word(file));
  }

  /** With standard error written to {@code file} ({@code 2> FILE}): a {@link WordPart}. */
  public Command errorsTo(WordPart file) {
    return with(Redirection.Kind.ERROR, Shell.word(file));
  }

  private Command with(Redirection.Kind kind, Word file) {
    List<Redirection> more = new ArrayList<>(redirections);
    more.add(new Redirection(kind, file));
    return new Command(words, more);
  }
}
