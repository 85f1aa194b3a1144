package dev.flakegen.model;

import java.util.List;
import java.util.Objects;

/** One line of a {@link ShellScript}. Scripts run with errexit: a failing line ends them. */
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
}
