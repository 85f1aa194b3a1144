package dev.flakegen.model;

/** The {@code provenance} of an event (runtime/README.md, "Events"): whether this setup ran init. */
public enum Provenance {
  NEW("new"),
  CACHED("cached");

  private final String eventName;

  Provenance(String eventName) {
    this.eventName = eventName;
  }

  /** The value of the event's {@code provenance} key. */
  public String eventName() {
    return eventName;
  }
}
