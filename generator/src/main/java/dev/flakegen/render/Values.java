package dev.flakegen.render;

import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.string;

import dev.flakegen.nix.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/** Lists of strings as Nix expressions (a model {@code Value} renders itself: {@code nix()}). */
final class Values {

  private Values() {}

  /** A list of strings. */
  static Expr strings(List<String> strings) {
    List<Expr> items = new ArrayList<>(strings.size());
    for (String s : strings) {
      items.add(string(s));
    }
    return list(items);
  }
}
