package dev.flakegen.nix.ast;

/** A search-path lookup such as {@code <nixpkgs/lib>}, holding {@code nixpkgs/lib}. */
public record SearchPath(String path, SourcePos pos) implements Expr {
  public SearchPath {
    Nodes.notNull(path, "SearchPath.path");
    Nodes.require(Paths.isSearchPath(path), "SearchPath.path",
        "must be path characters [A-Za-z0-9._+-] in '/'-separated non-empty segments", path);
    Nodes.notNull(pos, "pos");
  }
}
