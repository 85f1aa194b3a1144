package dev.flakegen.nixdriver;

import java.util.List;
import java.util.Optional;

/**
 * Nix ran and failed (for example an evaluation error, a failed build, an unknown store): Nix's
 * own message (the text after {@code error:}), the position it named, if any, the exit status and
 * everything Nix wrote on standard error.
 */
public final class NixFailureException extends NixDriverException {

  private static final long serialVersionUID = 1L;

  private final List<String> command;
  private final int exitStatus;
  private final String nixMessage;
  private final transient NixErrorPosition position;
  private final String standardError;

  /** {@code command} exited with {@code exitStatus}, saying {@code nixMessage} at {@code position}. */
  public NixFailureException(List<String> command, int exitStatus, String nixMessage,
      Optional<NixErrorPosition> position, String standardError) {
    super(nixMessage + position.map(p -> " (at " + p + ")").orElse(""));
    this.command = List.copyOf(command);
    this.exitStatus = exitStatus;
    this.nixMessage = nixMessage;
    this.position = position.orElse(null);
    this.standardError = standardError;
  }

  /** The command that failed, program first. */
  public List<String> command() {
    return command;
  }

  /** Nix's exit status. */
  public int exitStatus() {
    return exitStatus;
  }

  /** Nix's message, without {@code error: } (may span lines, e.g. a build's last log lines). */
  public String nixMessage() {
    return nixMessage;
  }

  /** The position Nix gave for the error ({@code at FILE:LINE:COLUMN:}), if it gave one. */
  public Optional<NixErrorPosition> position() {
    return Optional.ofNullable(position);
  }

  /** All that Nix wrote on standard error. */
  public String standardError() {
    return standardError;
  }
}
