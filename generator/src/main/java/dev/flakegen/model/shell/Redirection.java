package dev.flakegen.model.shell;

import java.util.Objects;

/** A redirection of a command: {@code < FILE}, {@code > FILE}, {@code >> FILE}, {@code 2> FILE}. */
public record Redirection(Kind kind, Word target) {

  public Redirection {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  /** The redirection operators. */
  public enum Kind {
    /** {@code < FILE}: standard input from FILE. */
    INPUT("<"),
    /** {@code > FILE}: standard output to FILE, truncated. */
    OUTPUT(">"),
    /** {@code >> FILE}: standard output appended to FILE. */
    APPEND(">>"),
    /** {@code 2> FILE}: standard error to FILE, truncated. */
    ERROR("2>");

    private final String operator;

    Kind(String operator) {
      this.operator = operator;
    }

    public String operator() {
      return operator;
    }
  }
}
