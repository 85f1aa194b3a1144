package dev.flakegen.examples;

import dev.flakegen.model.FlakeModel;
import dev.flakegen.output.GeneratedHeader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The example models, by name; {@code flakegen generate --example NAME} renders one, and their
 * generated flakes are checked in under {@code examples/NAME/}.
 */
public final class Examples {

  private static final Map<String, Supplier<FlakeModel>> EXAMPLES = examples();

  private Examples() {}

  private static Map<String, Supplier<FlakeModel>> examples() {
    Map<String, Supplier<FlakeModel>> examples = new LinkedHashMap<>();
    examples.put("hello", HelloExample::new);
    examples.put("keyring", KeyringExample::new);
    examples.put("transient", TransientExample::new);
    examples.put("secrets", SecretsExample::new);
    return Collections.unmodifiableMap(examples);
  }

  /** The example names, in order. */
  public static Iterable<String> names() {
    return EXAMPLES.keySet();
  }

  /** The example {@code name}, or null. */
  public static FlakeModel get(String name) {
    Supplier<FlakeModel> example = EXAMPLES.get(name);
    return example == null ? null : example.get();
  }

  /** The command that regenerates the checked-in examples (and the repository's own flake). */
  public static final String REGENERATE = "scripts/generate";

  /** The header of the checked-in flake of the example {@code name}. */
  public static GeneratedHeader checkedInHeader(String name) {
    FlakeModel example = get(name);
    if (example == null) {
      throw new IllegalArgumentException("no example " + name);
    }
    return GeneratedHeader.of(example.getClass().getName(), REGENERATE);
  }

  /** A one-line summary of each example. */
  public static Map<String, String> summaries() {
    Map<String, String> summaries = new LinkedHashMap<>();
    summaries.put("hello",
        "a resource whose init writes a greeting; a miss, a hit and a release check");
    summaries.put("keyring", "secret-key -> keyring-directory -> script (wrap); a check each");
    summaries.put("transient", "a transient resource: a second setup still makes a new one");
    summaries.put("secrets",
        "secret-key -> gnupg-home -> password-store (real gpg and pass); show-secret program");
    return summaries;
  }
}
