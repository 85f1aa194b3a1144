package dev.flakegen.model;

import java.util.List;

/**
 * A model that breaks rules, found when it is built: every problem found, each {@code PATH: RULE},
 * where PATH names the field from the root of what was built
 * ({@code flake.resources.keyring.targets[1]}) and RULE says what is wrong, showing the rejected
 * value ({@code "a/b" must not contain '/'}). With one problem the message is that line; with
 * more, {@code N problems:} and one line each.
 */
public final class ModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** One broken rule: the field at fault and what is wrong with it. */
  public record Problem(String path, String rule) {
    @Override
    public String toString() {
      return path + ": " + rule;
    }
  }

  private final List<Problem> problems;

  public ModelException(String path, String rule) {
    this(List.of(new Problem(path, rule)));
  }

  /** Every problem, in the order found; at least one. */
  public ModelException(List<Problem> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  private static String message(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ModelException needs a problem");
    }
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder message = new StringBuilder(problems.size() + " problems:");
    for (Problem problem : problems) {
      message.append('\n').append(problem);
    }
    return message.toString();
  }

  /** Every problem, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  /** The field at fault (the first problem's), e.g. {@code flake.resources.keyring.targets[1]}. */
  public String path() {
    return problems.get(0).path();
  }

  /** What is wrong with it (the first problem's), e.g. {@code "a/b" must not contain '/'}. */
  public String rule() {
    return problems.get(0).rule();
  }
}
