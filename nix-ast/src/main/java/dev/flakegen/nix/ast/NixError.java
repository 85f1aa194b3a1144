package dev.flakegen.nix.ast;

import java.util.Objects;

/** An error in a Nix source as Nix reports it: a message in Nix's words and where it is. */
public record NixError(String message, SourcePos pos) {
  public NixError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(pos, "pos");
  }

  /** {@code FILE:LINE:COL: error: MESSAGE}, naming the file as {@code fileName}. */
  public String format(String fileName) {
    return fileName + ":" + pos.line() + ":" + pos.column() + ": error: " + message;
  }
}
