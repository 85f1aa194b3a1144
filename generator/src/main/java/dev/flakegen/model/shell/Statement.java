package dev.flakegen.model.shell;

import java.util.List;
import java.util.Objects;

/**
 * One statement of a {@link ShellScript}: a pipeline, an assignment, control flow ({@link If},
 * {@link AndOr}, {@link Group}, {@link For}), literal text for a command's input
 * ({@link HereDocument}) or a file ({@link WriteFile}), or raw text. Scripts run with errexit: a
 * failing statement ends them (but a condition, or a pipeline before {@code &&}/{@code ||}).
 */
public sealed interface Statement {

  /** A pipeline of one or more commands, {@code a | b | c}. */
  record Run(List<Command> pipeline) implements Statement {
    public Run {
      pipeline = List.copyOf(pipeline);
    }
  }

  /** {@code NAME=VALUE}, followed by {@code export NAME} when exported. */
  record Assignment(String name, Assigned value, boolean export) implements Statement {
    public Assignment {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Shell text written as it is (the escape hatch): nothing checks or quotes it, and the
   * script's variable checks are off when it has one.
   */
  record Raw(String text) implements Statement {
    public Raw {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Pipelines or groups joined by {@code &&} and {@code ||}, left to right as in the shell:
   * {@code items[0] op[0] items[1] op[1] …}. Each item is a {@link Run} or a {@link Group}.
   */
  record AndOr(List<Statement> items, List<Operator> operators) implements Statement {
    public AndOr {
      items = List.copyOf(items);
      operators = List.copyOf(operators);
    }
  }

  /** The operators of an {@link AndOr}. */
  enum Operator {
    AND("&&"),
    OR("||");

    private final String text;

    Operator(String text) {
      this.text = text;
    }

    /** The shell text, {@code &&} or {@code ||}. */
    public String text() {
      return text;
    }
  }

  /** {@code { BODY; }}: statements run as one, e.g. after {@code ||}. */
  record Group(List<Statement> body) implements Statement {
    public Group {
      body = List.copyOf(body);
    }
  }

  /**
   * {@code if C1; then B1; elif C2; then B2; else OTHERWISE; fi}: the body of the first branch
   * whose condition (a {@link Run} or an {@link AndOr}) succeeds, else {@code otherwise} (empty:
   * no {@code else}).
   */
  record If(List<Branch> branches, List<Statement> otherwise) implements Statement {
    public If {
      branches = List.copyOf(branches);
      otherwise = List.copyOf(otherwise);
    }

    /** {@code if CONDITION; then THEN; fi}. */
    public static If of(Statement condition, ShellScript then) {
      return new If(List.of(new Branch(condition, then.statements())), List.of());
    }

    /** {@code if PIPELINE; then THEN; fi}. */
    public static If of(Command condition, ShellScript then) {
      return of(new Run(List.of(condition)), then);
    }

    /** This with one more {@code elif CONDITION; then BODY}. */
    public If elseIf(Statement condition, ShellScript body) {
      List<Branch> more = new java.util.ArrayList<>(branches);
      more.add(new Branch(condition, body.statements()));
      return new If(more, otherwise);
    }

    /** This with one more {@code elif PIPELINE; then BODY}. */
    public If elseIf(Command condition, ShellScript body) {
      return elseIf(new Run(List.of(condition)), body);
    }

    /** This with {@code else BODY} (replacing any). */
    public If orElse(ShellScript body) {
      return new If(branches, body.statements());
    }
  }

  /** A condition and the statements it guards. */
  record Branch(Statement condition, List<Statement> body) {
    public Branch {
      body = List.copyOf(body);
    }
  }

  /** {@code for NAME in WORDS; do BODY; done}: each word is one value of {@code NAME}. */
  record For(String name, List<Word> words, List<Statement> body) implements Statement {
    public For {
      words = List.copyOf(words);
      body = List.copyOf(body);
    }
  }

  /**
   * {@code COMMAND <<'DELIMITER'} followed by {@code text} and the delimiter: the command reads
   * the text exactly, nothing in it expanded (a newline is added when it does not end with one;
   * the delimiter is chosen so that no line of the text is it).
   */
  record HereDocument(Command command, String text) implements Statement {
    public HereDocument {
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Writes {@code text} to the file {@code path} exactly ({@code printf '%s' 'TEXT' > PATH}),
   * or appends it ({@code >>}).
   */
  record WriteFile(Word path, String text, boolean append) implements Statement {
    public WriteFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(text, "text");
    }
  }
}
