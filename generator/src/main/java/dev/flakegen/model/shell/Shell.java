package dev.flakegen.model.shell;

import dev.flakegen.model.ModelException;
import dev.flakegen.model.ResourceName;
import dev.flakegen.model.Rules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds shell words and commands from Java, to be used with {@code import static
 * dev.flakegen.model.shell.Shell.*}. Text is data: a literal reaches the program exactly, whatever it
 * holds ({@code $(…)}, {@code ${…}}, quotes, backslashes, newlines, any Unicode); references are
 * typed (packages, init's programs, variables, the {@code /mount} and {@code /scratch} folders)
 * and rendered as quoted expansions.
 *
 * <pre>{@code
 * ShellScript init = ShellScript.builder()
 *     .run(command(pkg("coreutils", "/bin/mkdir"), mount("keyring")))
 *     .set("KEY", resource("secret-key", ResourceCall.builder().failure(1001).build()))
 *     .run(command(pkg("coreutils", "/bin/cp"), word(variable("KEY"), literal("/key")),
 *         mount("keyring/key")))
 *     .build();
 * }</pre>
 */
public final class Shell {

  private Shell() {}

  /** Literal text. */
  public static WordPart.Literal literal(String text) {
    return new WordPart.Literal(text);
  }

  /** {@code "${pkgs.NAME}SUBPATH"}, e.g. {@code pkg("coreutils", "/bin/mkdir")}. */
  public static WordPart.PackagePath pkg(String name, String subPath) {
    return new WordPart.PackagePath(List.of(name), subPath);
  }

  /** {@code "${pkgs.A.B}SUBPATH"} for a nested attribute path. */
  public static WordPart.PackagePath pkg(List<String> attributePath, String subPath) {
    return new WordPart.PackagePath(attributePath, subPath);
  }

  /** The {@code root} program (init only): {@code root PATH [NAME]} keeps PATH alive. */
  public static WordPart.Program root() {
    return new WordPart.Program(WordPart.ProgramName.ROOT);
  }

  /** The {@code sequential} program (init only): prints the next counter value. */
  public static WordPart.Program sequential() {
    return new WordPart.Program(WordPart.ProgramName.SEQUENTIAL);
  }

  /** The {@code wrap} program (init only): {@code wrap INPUT OUTPUT MODE [DIRECTIVE…]}. */
  public static WordPart.Program wrap() {
    return new WordPart.Program(WordPart.ProgramName.WRAP);
  }

  /** The value of the shell variable {@code name}: {@code "$NAME"}. */
  public static WordPart.Variable variable(String name) {
    return new WordPart.Variable(name);
  }

  /** All the script's arguments: {@code "$@"}. */
  public static WordPart.Arguments arguments() {
    return new WordPart.Arguments();
  }

  /** The script's argument {@code index}, from 1. */
  public static WordPart.Argument argument(int index) {
    return new WordPart.Argument(index);
  }

  /** {@code /mount/SUBPATH} (init only): a path in the resource directory. */
  public static WordPart.FolderPath mount(String subPath) {
    return new WordPart.FolderPath(WordPart.Folder.MOUNT, subPath);
  }

  /** {@code /scratch/SUBPATH} (init only): a path in init's scratch folder. */
  public static WordPart.FolderPath scratch(String subPath) {
    return new WordPart.FolderPath(WordPart.Folder.SCRATCH, subPath);
  }

  /**
   * One word of literal text, the pieces written next to each other: {@code word("a", "b")} is
   * the word {@code ab}.
   *
   * @throws ModelException naming a null piece ({@code word.parts[1]})
   */
  public static Word word(String text, String... more) {
    StringBuilder all = new StringBuilder(Rules.required(text, "word.parts[0]"));
    for (int i = 0; i < more.length; i++) {
      all.append(Rules.required(more[i], "word.parts[" + (i + 1) + "]"));
    }
    return new Word(List.of(literal(all.toString())));
  }

  /**
   * One word from pieces written next to each other: a {@link WordPart} is itself, a {@link Word}
   * contributes its parts. Text goes through {@link #literal}: {@code word(variable("KEY"),
   * literal("/key"))}.
   *
   * @throws ModelException naming a null piece ({@code word.parts[1]})
   */
  public static Word word(Piece first, Piece... more) {
    List<WordPart> out = new ArrayList<>(parts(first, "word.parts[0]"));
    for (int i = 0; i < more.length; i++) {
      out.addAll(parts(more[i], "word.parts[" + (i + 1) + "]"));
    }
    return new Word(out);
  }

  /**
   * A command whose words are all literal text: {@code command("echo", "hello")}.
   *
   * @throws ModelException naming a null word ({@code command.words[2]})
   */
  public static Command command(String program, String... arguments) {
    List<Word> out = new ArrayList<>(arguments.length + 1);
    out.add(word(Rules.required(program, "command.words[0]")));
    for (int i = 0; i < arguments.length; i++) {
      out.add(word(Rules.required(arguments[i], "command.words[" + (i + 1) + "]")));
    }
    return new Command(out, List.of());
  }

  /**
   * A command: each piece is one word (a {@link WordPart} or a {@link Word}); literal text goes
   * through {@link #literal}: {@code command(pkg("coreutils", "/bin/echo"), literal("hello"))}.
   *
   * @throws ModelException naming a null word ({@code command.words[2]})
   */
  public static Command command(Piece program, Piece... arguments) {
    List<Piece> words = new ArrayList<>(arguments.length + 1);
    words.add(program);
    words.addAll(Arrays.asList(arguments));
    return command(words);
  }

  /**
   * A command of the words {@code words}, in order; the first is the program.
   *
   * @throws ModelException naming a null word ({@code command.words[2]})
   */
  public static Command command(List<? extends Piece> words) {
    List<Word> out = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      out.add(new Word(parts(words.get(i), "command.words[" + i + "]")));
    }
    return new Command(out, List.of());
  }

  private static List<WordPart> parts(Piece piece, String path) {
    // Piece is sealed: a Word or a WordPart, nothing else.
    return Rules.required(piece, path) instanceof Word w ? w.parts() : List.of((WordPart) piece);
  }

  /** A pipeline ({@code a | b}) as a statement: a condition, or an item of {@link #and}. */
  public static Statement.Run pipeline(Command... commands) {
    return new Statement.Run(Arrays.asList(commands));
  }

  /** {@code { BODY; }}: the script's statements run as one item, e.g. after {@code ||}. */
  public static Statement.Group group(ShellScript body) {
    return new Statement.Group(body.statements());
  }

  /**
   * {@code A && B && …}: each item runs when the ones before succeeded. An item is a pipeline,
   * a group, or an and-or list (first: continued as the shell reads it; later: grouped).
   */
  public static Statement.AndOr and(Statement... items) {
    return andOr(Statement.Operator.AND, items);
  }

  /** {@code A || B || …}: each item runs when the one before failed. */
  public static Statement.AndOr or(Statement... items) {
    return andOr(Statement.Operator.OR, items);
  }

  private static Statement.AndOr andOr(Statement.Operator operator, Statement... items) {
    List<Statement> out = new ArrayList<>();
    List<Statement.Operator> operators = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      Statement item = items[i];
      if (i == 0 && item instanceof Statement.AndOr first) {
        // The shell reads a && b || c left to right: (a && b) || c, so a first list continues.
        out.addAll(first.items());
        operators.addAll(first.operators());
        continue;
      }
      if (i > 0) {
        operators.add(operator);
      }
      out.add(item instanceof Statement.AndOr later ? new Statement.Group(List.of(later)) : item);
    }
    return new Statement.AndOr(out, operators);
  }

  /** {@code "$(a | b)"}: the standard output of a pipeline, for an assignment. */
  public static Assigned.CommandSubstitution output(Command... pipeline) {
    return new Assigned.CommandSubstitution(Arrays.asList(pipeline));
  }

  /** The resource {@code name} of the flake, with the library's default failure and setup. */
  public static Assigned.ResourceFragment resource(String name) {
    return new Assigned.ResourceFragment(name, ResourceCall.DEFAULT);
  }

  /** The resource of the flake {@code name} names, with the library's defaults. */
  public static Assigned.ResourceFragment resource(ResourceName name) {
    return name.fragment();
  }

  /** The resource of the flake {@code name} names, called as {@code call} says. */
  public static Assigned.ResourceFragment resource(ResourceName name, ResourceCall call) {
    return name.fragment(call);
  }

  /** The resource {@code name} of the flake, called as {@code call} says. */
  public static Assigned.ResourceFragment resource(String name, ResourceCall call) {
    return new Assigned.ResourceFragment(name, call);
  }
}
