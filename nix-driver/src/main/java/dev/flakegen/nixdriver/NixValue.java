package dev.flakegen.nixdriver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A value Nix evaluated, as typed JSON: strings, integers, floats, booleans, null, lists and
 * attribute sets, plus {@link StorePathValue} for an attribute set that has an {@code outPath}
 * (a derivation, a flake's source), which stands for that path instead of the whole set. Every
 * implementation is an immutable record; equal values are {@code equals}.
 *
 * <p>Floats are what Nix 2.8 prints for them: six significant digits ({@code 123456789.123}
 * arrives as {@code 1.23457e8}). Path values ({@code ./x}) arrive as strings, not copied to the
 * store.
 */
public sealed interface NixValue {

  /** This value as compact JSON (a store path becomes its string). */
  default String toJson() {
    return JsonValues.write(this);
  }

  /**
   * The value at {@code path} under this one (attribute names, or list indexes written as
   * decimal numbers), if there is one.
   */
  default Optional<NixValue> find(String... path) {
    NixValue current = this;
    for (String step : path) {
      if (current instanceof AttrsValue attrs && attrs.attributes().containsKey(step)) {
        current = attrs.attributes().get(step);
      } else if (current instanceof ListValue list && step.matches("[0-9]{1,9}")
          && Integer.parseInt(step) < list.items().size()) {
        current = list.items().get(Integer.parseInt(step));
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** A Nix string (its context, if any, is dropped). */
  record StringValue(String value) implements NixValue {
    /** A string value; {@code value} must not be null. */
    public StringValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** A Nix integer (64 bits). */
  record IntegerValue(long value) implements NixValue {}

  /** A Nix float, with the precision Nix 2.8 prints (six significant digits). */
  record FloatValue(double value) implements NixValue {}

  /** A Nix boolean. */
  record BooleanValue(boolean value) implements NixValue {}

  /** Nix's {@code null}. */
  record NullValue() implements NixValue {}

  /** A Nix list. */
  record ListValue(List<NixValue> items) implements NixValue {
    /** A list of {@code items} (copied; no null elements). */
    public ListValue {
      items = List.copyOf(items);
    }
  }

  /** A Nix attribute set without {@code outPath}, in Nix's order of names (sorted). */
  record AttrsValue(Map<String, NixValue> attributes) implements NixValue {
    /** A set of {@code attributes} (copied, keeping their order; no null keys or values). */
    public AttrsValue {
      LinkedHashMap<String, NixValue> copy = new LinkedHashMap<>();
      attributes.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(value, "value")));
      attributes = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * An attribute set with an {@code outPath} (a derivation, a flake source, …), standing for
   * that path: observing a derivation's {@code outPath} does not build it, and nothing else in
   * the set is evaluated.
   */
  record StorePathValue(String path) implements NixValue {
    /** The path an {@code outPath} gave; {@code path} must not be null. */
    public StorePathValue {
      Objects.requireNonNull(path, "path");
    }
  }
}
