package dev.flakegen.render;

import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.string;

import dev.flakegen.model.Value;
import dev.flakegen.nix.ast.Expr;
import java.util.ArrayList;
import java.util.List;

/** Lists of strings and {@link Value}s as Nix expressions. */
final class Values {

  private Values() {}

  /** {@code value} as Nix: {@link Value#nix()}. */
  static Expr nix(Value value) {
    return value.nix();
  }

  /** A list of strings. */
  static Expr strings(List<String> strings) {
    List<Expr> items = new ArrayList<>(strings.size());
    for (String s : strings) {
      items.add(string(s));
    }
    return list(items);
  }
}
