package dev.flakegen.nix.ast;

import java.util.List;

/**
 * A path: {@code ./a/b.nix}, {@code /etc}, {@code ~/x}, or one with interpolations such as
 * {@code ./a/${name}.nix}. The first part is the first segment as written (relative paths are
 * resolved against the file's folder only when printed canonically).
 */
public record PathLiteral(List<StringPart> parts, SourcePos pos) implements Expr {
  public PathLiteral {
    parts = Nodes.listOf(parts, "PathLiteral.parts");
    Paths.validate(parts);
    Nodes.notNull(pos, "pos");
  }

  /** A path without interpolation, such as {@code ./a/b.nix}. */
  public static PathLiteral of(String path) {
    return new PathLiteral(List.of(new Text(path)), SourcePos.NONE);
  }

  /** The first segment as written, e.g. {@code ./a/} of {@code ./a/${x}}. */
  public String head() {
    return ((Text) parts.get(0)).text();
  }

  /** Whether the path starts with {@code ~}. */
  public boolean isHomePath() {
    return head().startsWith("~");
  }
}
