package dev.flakegen.model;

/** The {@code type} of a lifecycle event (runtime/README.md, "Events"), with its name in the event. */
public enum EventType {
  VALID("valid"),
  STALE("stale"),
  INVALID_INIT("invalid-init"),
  RELEASED("released"),
  INVALID_RELEASE("invalid-release"),
  RESOLVED("resolved");

  private final String eventName;

  EventType(String eventName) {
    this.eventName = eventName;
  }

  /** The value of the event's {@code type} key. */
  public String eventName() {
    return eventName;
  }
}
