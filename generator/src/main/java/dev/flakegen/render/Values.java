package dev.flakegen.render;

import static dev.flakegen.nix.build.Nix.bool;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.nullValue;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;

import dev.flakegen.model.Value;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.AttrSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link Value}s as Nix expressions: maps become attribute sets, in key order. */
final class Values {

  private Values() {}

  static Expr nix(Value value) {
    if (value instanceof Value.Null) {
      return nullValue();
    } else if (value instanceof Value.Bool b) {
      return bool(b.value());
    } else if (value instanceof Value.Int i) {
      return integer(i.value());
    } else if (value instanceof Value.Str s) {
      return string(s.value());
    } else if (value instanceof Value.ListValue l) {
      List<Expr> items = new ArrayList<>(l.items().size());
      for (Value item : l.items()) {
        items.add(nix(item));
      }
      return list(items);
    } else if (value instanceof Value.MapValue m) {
      AttrSetBuilder set = set();
      for (Map.Entry<String, Value> entry : m.entries().entrySet()) {
        set = set.attr(entry.getKey(), nix(entry.getValue()));
      }
      return set.build();
    } else if (value instanceof Value.ExprValue e) {
      return e.expr();
    }
    throw new IllegalArgumentException("unknown value " + value);
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
