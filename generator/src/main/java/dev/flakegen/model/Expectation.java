package dev.flakegen.model;

import static dev.flakegen.nix.build.Nix.bool;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.string;

import dev.flakegen.nix.ast.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Check} expects for one {@link Expected} key: one record per {@link Expected.Kind}
 * of value, each rendering itself as the Nix value the library's {@code check} takes. The
 * builder's {@code expect…} methods make them; {@link Check#expectations()} returns them.
 */
public sealed interface Expectation {

  /** The value as the library's {@code check} takes it, e.g. {@code "valid"} or {@code [ "a" ]}. */
  Expr nix();

  /** Whether the value suits a key of {@code kind}. */
  boolean fits(Expected.Kind kind);

  /** An event type ({@link Expected.Kind#EVENT_TYPE}). */
  record Event(EventType type) implements Expectation {
    public Event {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public Expr nix() {
      return string(type.eventName());
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.EVENT_TYPE;
    }
  }

  /**
   * Event types in order ({@link Expected.Kind#EVENT_TYPES}); an element may be null until the
   * check is built, which then names it.
   */
  record Events(List<EventType> types) implements Expectation {
    public Events {
      types = Collections.unmodifiableList(new ArrayList<>(types));
    }

    @Override
    public Expr nix() {
      return list(types.stream().map(type -> string(type.eventName())).toList());
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.EVENT_TYPES;
    }
  }

  /** A provenance ({@link Expected.Kind#PROVENANCE}). */
  record Origin(Provenance provenance) implements Expectation {
    public Origin {
      Objects.requireNonNull(provenance, "provenance");
    }

    @Override
    public Expr nix() {
      return string(provenance.eventName());
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.PROVENANCE;
    }
  }

  /** A text ({@link Expected.Kind#STRING}). */
  record Text(String text) implements Expectation {
    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Expr nix() {
      return string(text);
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.STRING;
    }
  }

  /**
   * Texts or names ({@link Expected.Kind#STRINGS}, {@link Expected.Kind#NAMES}); an element may
   * be null until the check is built, which then names it.
   */
  record Texts(List<String> texts) implements Expectation {
    public Texts {
      texts = Collections.unmodifiableList(new ArrayList<>(texts));
    }

    @Override
    public Expr nix() {
      return list(texts.stream().map(text -> string(text)).toList());
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.STRINGS || kind == Expected.Kind.NAMES;
    }
  }

  /** A number ({@link Expected.Kind#NATURAL}, {@link Expected.Kind#EXIT_STATUS}). */
  record Number(long number) implements Expectation {
    @Override
    public Expr nix() {
      return integer(number);
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.NATURAL || kind == Expected.Kind.EXIT_STATUS;
    }
  }

  /** A truth ({@link Expected.Kind#BOOLEAN}). */
  record Truth(boolean truth) implements Expectation {
    @Override
    public Expr nix() {
      return bool(truth);
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.BOOLEAN;
    }
  }

  /** A Nix value ({@link Expected.Kind#VALUE}), e.g. an expected description. */
  record NixValue(Value value) implements Expectation {
    public NixValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public Expr nix() {
      return value.nix();
    }

    @Override
    public boolean fits(Expected.Kind kind) {
      return kind == Expected.Kind.VALUE;
    }
  }
}
