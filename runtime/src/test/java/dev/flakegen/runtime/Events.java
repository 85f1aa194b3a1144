package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The event keys of the contract, in order, and checks on parsed events. */
final class Events {

  static final List<String> NEW = List.of("type", "hash", "index", "provenance", "originator-pid",
      "arguments", "has-standard-input", "standard-input", "standard-output", "standard-input-size",
      "standard-input-sha256", "standard-output-size", "standard-output-sha256", "standard-error",
      "status", "targets", "transient", "description", "path", "release");

  static final List<String> INVALID = NEW.subList(0, NEW.size() - 2);

  static final List<String> STALE;

  static {
    List<String> stale = new ArrayList<>(List.of("type", "provenance", "originator-pid"));
    for (String key : NEW) {
      if (!stale.contains(key)) {
        stale.add(key);
      }
    }
    STALE = List.copyOf(stale);
  }

  private Events() {}

  /** Parses each message; each must be one line of valid JSON (an object). */
  static List<Map<String, Object>> parse(List<String> messages) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String message : messages) {
      assertThat(message).doesNotContain("\n");
      events.add(Json.object(message));
    }
    return events;
  }

  static Map<String, Object> only(List<String> messages) {
    assertThat(messages).hasSize(1);
    return parse(messages).get(0);
  }

  static void hasKeys(Map<String, Object> event, List<String> keys) {
    assertThat(List.copyOf(event.keySet())).containsExactlyElementsOf(keys);
  }
}
