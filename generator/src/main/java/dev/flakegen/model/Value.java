package dev.flakegen.model;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.AttrSetBuilder;
import dev.flakegen.nix.build.Nix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A JSON-like value for a seed or an expected description: null, a boolean, an integer, a string,
 * a list, a map with string keys — or a free Nix expression (which may use {@code pkgs} and
 * {@code system}). Maps are Nix attribute sets, whose order is not meaningful: they keep their keys
 * sorted (by code point, as Nix sorts them), so two maps with the same entries are equal and render
 * the same whatever order the entries were added in.
 *
 * <pre>{@code
 * Value seed = Value.map(Map.of("version", Value.of(2), "tags", Value.list(Value.of("a"))));
 * }</pre>
 */
public sealed interface Value {

  /** {@code null}. */
  Value NULL = new Null();

  static Value of(boolean value) {
    return new Bool(value);
  }

  static Value of(long value) {
    return new Int(value);
  }

  /** A string; checked (no NUL) when the value is validated. */
  static Value of(String value) {
    return new Str(Objects.requireNonNull(value, "value"));
  }

  static Value list(Value... items) {
    return new ListValue(Arrays.asList(items));
  }

  static Value list(List<? extends Value> items) {
    return new ListValue(new ArrayList<>(items));
  }

  static Value map(Map<String, ? extends Value> entries) {
    return new MapValue(new TreeMap<>(entries));
  }

  /** A free Nix expression, e.g. {@code Value.expr(Nix.parse("builtins.currentTime"))}. */
  static Value expr(Expr expr) {
    return new ExprValue(expr);
  }

  /** The value as a Nix expression: a map becomes an attribute set, in key order. */
  Expr nix();

  /** {@code null}. */
  record Null() implements Value {
    @Override
    public Expr nix() {
      return Nix.nullValue();
    }
  }

  /** {@code true} or {@code false}. */
  record Bool(boolean value) implements Value {
    @Override
    public Expr nix() {
      return Nix.bool(value);
    }
  }

  /** An integer. */
  record Int(long value) implements Value {
    @Override
    public Expr nix() {
      return Nix.integer(value);
    }
  }

  /** A string. */
  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Expr nix() {
      return Nix.string(value);
    }
  }

  /** A list, in its order. */
  record ListValue(List<Value> items) implements Value {
    public ListValue {
      items = Collections.unmodifiableList(new ArrayList<>(items));
      for (int i = 0; i < items.size(); i++) {
        Objects.requireNonNull(items.get(i), "items[" + i + "]");
      }
    }

    @Override
    public Expr nix() {
      return Nix.list(items.stream().map(Value::nix).toList());
    }
  }

  /** A map with string keys, sorted by code point. */
  record MapValue(SortedMap<String, Value> entries) implements Value {
    public MapValue {
      TreeMap<String, Value> sorted = new TreeMap<>(Value::compareCodePoints);
      for (Map.Entry<String, Value> entry : entries.entrySet()) {
        sorted.put(Objects.requireNonNull(entry.getKey(), "key"),
            Objects.requireNonNull(entry.getValue(), "entries[" + entry.getKey() + "]"));
      }
      entries = Collections.unmodifiableSortedMap(sorted);
    }

    @Override
    public Expr nix() {
      AttrSetBuilder set = Nix.set();
      for (Map.Entry<String, Value> entry : entries.entrySet()) {
        set = set.attr(entry.getKey(), entry.getValue().nix());
      }
      return set.build();
    }
  }

  /** A free Nix expression. */
  record ExprValue(Expr expr) implements Value {
    public ExprValue {
      Objects.requireNonNull(expr, "expr");
    }

    @Override
    public Expr nix() {
      return expr;
    }
  }

  /** Code-point order: the order of the strings' UTF-8 bytes, Nix's order of attribute names. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Checks every string and expression in {@code value}; paths go below {@code path}. */
  static void validate(Value value, String path) {
    Rules.required(value, path);
    if (value instanceof Str s) {
      Rules.text(s.value(), path);
    } else if (value instanceof ListValue l) {
      for (int i = 0; i < l.items().size(); i++) {
        validate(l.items().get(i), path + "[" + i + "]");
      }
    } else if (value instanceof MapValue m) {
      for (Map.Entry<String, Value> entry : m.entries().entrySet()) {
        Rules.text(entry.getKey(), path + " key");
        validate(entry.getValue(), Rules.key(path, entry.getKey()));
      }
    } else if (value instanceof ExprValue e) {
      Rules.expression(e.expr(), path);
    }
  }
}
