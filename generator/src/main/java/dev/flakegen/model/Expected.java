package dev.flakegen.model;

/**
 * What a {@link Check} can expect, in the order the renderer writes them: each event key of spec
 * §5 ({@code expected-<key>}, compared with the event setup published), setup's own exit status,
 * standard output and standard error, and the lifecycle (the types of the resource's events from
 * its setup until its flow settles).
 */
public enum Expected {
  TYPE("type", Kind.EVENT_TYPE),
  HASH("hash", Kind.STRING),
  INDEX("index", Kind.NATURAL),
  PROVENANCE("provenance", Kind.PROVENANCE),
  ORIGINATOR_PID("originator-pid", Kind.NATURAL),
  ARGUMENTS("arguments", Kind.STRINGS),
  HAS_STANDARD_INPUT("has-standard-input", Kind.BOOLEAN),
  STANDARD_INPUT("standard-input", Kind.STRING),
  STANDARD_OUTPUT("standard-output", Kind.STRING),
  STANDARD_ERROR("standard-error", Kind.STRING),
  STATUS("status", Kind.EXIT_STATUS),
  TARGETS("targets", Kind.NAMES),
  TRANSIENT("transient", Kind.BOOLEAN),
  DESCRIPTION("description", Kind.VALUE),
  PATH("path", Kind.STRING),
  RELEASE("release", Kind.STRING),
  SETUP_EXIT_STATUS("setup-exit-status", Kind.EXIT_STATUS),
  SETUP_STANDARD_OUTPUT("setup-standard-output", Kind.STRING),
  SETUP_STANDARD_ERROR("setup-standard-error", Kind.STRING),
  LIFECYCLE("lifecycle", Kind.EVENT_TYPES);

  /** The Java type of an expectation's value. */
  public enum Kind {
    /** {@link EventType}. */
    EVENT_TYPE,
    /** {@link java.util.List} of {@link EventType}, not empty, in the order of the events. */
    EVENT_TYPES,
    /** {@link Provenance}. */
    PROVENANCE,
    /** {@link String}. */
    STRING,
    /** {@link java.util.List} of {@link String}. */
    STRINGS,
    /** {@link java.util.List} of file names, compared sorted (the event sorts them). */
    NAMES,
    /** {@link Long}, at least 0. */
    NATURAL,
    /** {@link Long}, 0 to 255. */
    EXIT_STATUS,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Value}. */
    VALUE
  }

  private final String key;
  private final Kind kind;

  Expected(String key, Kind kind) {
    this.key = key;
    this.kind = kind;
  }

  /** The argument of the library's {@code check}: {@code expected-<key>}. */
  public String argument() {
    return "expected-" + key;
  }

  public Kind kind() {
    return kind;
  }
}
