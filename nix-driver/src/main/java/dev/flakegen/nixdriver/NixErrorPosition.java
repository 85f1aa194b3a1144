package dev.flakegen.nixdriver;

/**
 * Where Nix says an error is: the file ({@code «string»} for an expression given as text), the
 * line and the column, both counted from 1.
 */
public record NixErrorPosition(String file, int line, int column) {

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
