package dev.flakegen.model;

import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import static dev.flakegen.model.Pkgs.pkgs;

import dev.flakegen.nix.ast.Expr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A check of one resource (spec §7, the library's {@code check}): setup's {@code arguments} and
 * {@code standardInput}, an optional {@code fixture} run first in the build (with
 * {@code RESOURCES_DIRECTORY} and {@code SETUP} set), and what to expect of the event setup
 * publishes and of setup itself; only what is set is compared. With an expected lifecycle, the
 * check also follows the resource through release and quarantine (the listeners run in the build)
 * and compares the types of its events; a {@code resolution} is run once it is quarantined.
 *
 * <pre>{@code
 * Check miss = Check.builder("hello")
 *     .expectedType(EventType.VALID).expectedProvenance(Provenance.NEW)
 *     .expectedTargets("greeting").expectedSetupExitStatus(0)
 *     .build();
 * Check accepted = Check.builder("broken").resolution("accept")
 *     .expectedLifecycle(EventType.INVALID_INIT, EventType.RESOLVED, EventType.RELEASED)
 *     .build();
 * }</pre>
 */
public final class Check {

  private final String resource;
  private final List<String> arguments;
  private final String standardInput;
  private final ShellScript fixture;
  private final String resolution;
  private final Map<Expected, Object> expectations;
  private final Expr diffutils;

  private Check(Builder builder, String path) {
    Problems problems = new Problems();
    this.resource = problems.get(() -> Rules.outputName(builder.resource, path + ".resource"));
    List<String> arguments = problems.get(() -> Rules.copy(builder.arguments,
        path + ".arguments"));
    this.arguments = arguments == null ? List.of() : arguments;
    for (int i = 0; i < this.arguments.size(); i++) {
      String at = path + ".arguments[" + i + "]";
      String argument = this.arguments.get(i);
      problems.run(() -> Rules.text(argument, at));
    }
    this.standardInput = builder.standardInput == null ? null
        : problems.get(() -> Rules.text(builder.standardInput, path + ".standardInput"));
    this.fixture = builder.fixture;
    if (fixture != null) {
      problems.run(() -> fixture.validate(path + ".fixture", false, true, "a fixture"));
    }
    Map<Expected, Object> checked = new EnumMap<>(Expected.class);
    for (Map.Entry<Expected, Object> entry : builder.expectations.entrySet()) {
      Object value = problems.get(() -> expectation(entry.getKey(), entry.getValue(),
          path + "." + fieldName(entry.getKey())));
      if (value != null) {
        checked.put(entry.getKey(), value);
      }
    }
    this.expectations = Collections.unmodifiableMap(checked);
    this.resolution = builder.resolution == null ? null
        : problems.get(() -> Rules.fileName(builder.resolution, path + ".resolution"));
    if (builder.resolution != null
        && !builder.expectations.containsKey(Expected.LIFECYCLE)) {
      problems.add(path + ".resolution", "needs expectedLifecycle (the resolution is run"
          + " while the check follows the lifecycle)");
    }
    this.diffutils = problems.get(() -> Rules.expression(builder.diffutils,
        path + ".diffutils"));
    problems.throwIfAny();
  }

  private static Object expectation(Expected key, Object value, String path) {
    switch (key.kind()) {
      case STRING -> Rules.text((String) value, path);
      case STRINGS -> {
        @SuppressWarnings("unchecked")
        List<String> list = Rules.copy((List<String>) value, path);
        for (int i = 0; i < list.size(); i++) {
          Rules.text(list.get(i), path + "[" + i + "]");
        }
        return list;
      }
      case NAMES -> {
        @SuppressWarnings("unchecked")
        List<String> list = new ArrayList<>(Rules.copy((List<String>) value, path));
        for (int i = 0; i < list.size(); i++) {
          Rules.fileName(list.get(i), path + "[" + i + "]");
        }
        list.sort(Value::compareCodePoints);
        for (int i = 1; i < list.size(); i++) {
          if (list.get(i).equals(list.get(i - 1))) {
            throw Rules.fail(path, Rules.show(list.get(i)) + " is listed twice");
          }
        }
        return List.copyOf(list);
      }
      case NATURAL -> {
        if ((Long) value < 0) {
          throw Rules.fail(path, value + " must be at least 0");
        }
      }
      case EXIT_STATUS -> {
        if ((Long) value < 0 || (Long) value > 255) {
          throw Rules.fail(path, value + " must be an exit status, 0 to 255");
        }
      }
      case EVENT_TYPES -> {
        List<?> list = Rules.copy((List<?>) value, path);
        if (list.isEmpty()) {
          throw Rules.fail(path, "must list at least one event type");
        }
        for (int i = 0; i < list.size(); i++) {
          if (!(list.get(i) instanceof EventType)) {
            throw Rules.fail(path + "[" + i + "]",
                Rules.show(list.get(i)) + " is not an EventType");
          }
        }
        return list;
      }
      case VALUE -> Value.validate((Value) value, path);
      default -> {
        // enums and booleans: any value
      }
    }
    return value;
  }

  /** The Java name of an expectation, as builder methods and messages spell it. */
  public static String fieldName(Expected key) {
    String argument = key.argument();
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (int i = 0; i < argument.length(); i++) {
      char c = argument.charAt(i);
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  /** A check of the resource {@code resource} names; see {@link ResourceName}. */
  public static Builder builder(ResourceName resource) {
    return builder(resource.name());
  }

  /** A check of the resource {@code resource}. */
  public static Builder builder(String resource) {
    return new Builder(resource);
  }

  public Builder toBuilder() {
    Builder builder = new Builder(resource);
    builder.arguments.addAll(arguments);
    builder.standardInput = standardInput;
    builder.fixture = fixture;
    builder.resolution = resolution;
    builder.expectations.putAll(expectations);
    builder.diffutils = diffutils;
    return builder;
  }

  /** The name of the resource checked. */
  public String resource() {
    return resource;
  }

  /** Setup's arguments. */
  public List<String> arguments() {
    return arguments;
  }

  /** Setup's standard input; empty runs setup with standard input closed. */
  public Optional<String> standardInput() {
    return Optional.ofNullable(standardInput);
  }

  /** Shell run first, in the build; e.g. {@code "$SETUP"} so that the checked run is a hit. */
  public Optional<ShellScript> fixture() {
    return Optional.ofNullable(fixture);
  }

  /**
   * The resolution run once the resource is quarantined (a file name under the quarantine's
   * {@code resolutions/}); set only with an expected lifecycle.
   */
  public Optional<String> resolution() {
    return Optional.ofNullable(resolution);
  }

  /**
   * What is expected, in {@link Expected} order; values as {@link Expected.Kind} says
   * ({@link EventType}, {@code List<EventType>}, {@link Provenance}, {@link String},
   * {@code List<String>}, {@link Long}, {@link Boolean}, {@link Value}).
   */
  public Map<Expected, Object> expectations() {
    return expectations;
  }

  /** The diffutils package (default {@code pkgs.diffutils}). */
  public Expr diffutils() {
    return diffutils;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Check c && resource.equals(c.resource) && arguments.equals(c.arguments)
        && Objects.equals(standardInput, c.standardInput) && Objects.equals(fixture, c.fixture)
        && Objects.equals(resolution, c.resolution) && expectations.equals(c.expectations)
        && diffutils.equals(c.diffutils);
  }

  @Override
  public int hashCode() {
    return Objects.hash(resource, arguments, standardInput, fixture, resolution, expectations,
        diffutils);
  }

  @Override
  public String toString() {
    return "Check{resource=" + resource + ", arguments=" + arguments + ", expectations="
        + expectations.keySet() + "}";
  }

  /** A mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final String resource;
    private final List<String> arguments = new ArrayList<>();
    private String standardInput;
    private ShellScript fixture;
    private String resolution;
    private final Map<Expected, Object> expectations = new EnumMap<>(Expected.class);
    private Expr diffutils = pkgs("diffutils");

    private Builder(String resource) {
      this.resource = resource;
    }

    /** Arguments for setup, replacing those given before. */
    public Builder arguments(String... arguments) {
      this.arguments.clear();
      return addArguments(arguments);
    }

    /** Adds arguments for setup, after those given before. */
    public Builder addArguments(String... arguments) {
      this.arguments.addAll(Arrays.asList(arguments));
      return this;
    }

    /** Text fed to setup; null (the default) runs setup with standard input closed. */
    public Builder standardInput(String standardInput) {
      this.standardInput = standardInput;
      return this;
    }

    /** Shell run before the checked setup; null for none. */
    public Builder fixture(ShellScript fixture) {
      this.fixture = fixture;
      return this;
    }

    /**
     * The resolution to run once the resource is quarantined: one of its init or release
     * resolutions, or a default ({@code accept} for a failed init, {@code finish} for a failed
     * release); null (the default) for none. Needs {@link #expectedLifecycle}.
     */
    public Builder resolution(String name) {
      this.resolution = name;
      return this;
    }

    /** The diffutils package expression (may use {@code pkgs}). */
    public Builder diffutils(Expr diffutils) {
      this.diffutils = diffutils;
      return this;
    }

    /** Expects the event type {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, EventType value) {
      return put(key, value);
    }

    /** Expects the provenance {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, Provenance value) {
      return put(key, value);
    }

    /** Expects the text {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, String value) {
      return put(key, value);
    }

    /** Expects the number {@code value} for {@code key}. */
    public Builder expect(Expected key, long value) {
      return put(key, value);
    }

    /** Expects the truth {@code value} for {@code key}. */
    public Builder expect(Expected key, boolean value) {
      return put(key, value);
    }

    /** Expects the Nix value {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, Value value) {
      return put(key, value);
    }

    /**
     * Expects the list {@code value} for {@code key}: texts or names ({@code String}), or event
     * types ({@code EventType}) (null: not compared).
     */
    public Builder expect(Expected key, List<?> value) {
      return put(key, value);
    }

    /** Compares nothing for {@code key}. */
    public Builder clearExpectation(Expected key) {
      return put(key, null);
    }

    /**
     * Stores {@code value} for {@code key} (null: not compared) when it is of the type the key's
     * {@link Expected.Kind} takes; the typed overloads narrow what compiles, this the rest.
     */
    private Builder put(Expected key, Object value) {
      Objects.requireNonNull(key, "key");
      if (value == null) {
        expectations.remove(key);
        return this;
      }
      Class<?> type = switch (key.kind()) {
        case EVENT_TYPE -> EventType.class;
        case EVENT_TYPES -> List.class;
        case PROVENANCE -> Provenance.class;
        case STRING -> String.class;
        case STRINGS, NAMES -> List.class;
        case NATURAL, EXIT_STATUS -> Long.class;
        case BOOLEAN -> Boolean.class;
        case VALUE -> Value.class;
      };
      Object stored = value;
      if (!type.isInstance(stored)) {
        throw new IllegalArgumentException(fieldName(key) + " must be a " + type.getSimpleName()
            + ", was " + value.getClass().getName());
      }
      expectations.put(key, stored instanceof List<?> list ? new ArrayList<>(list) : stored);
      return this;
    }

    public Builder expectedType(EventType type) {
      return expect(Expected.TYPE, type);
    }

    public Builder expectedHash(String hash) {
      return expect(Expected.HASH, hash);
    }

    public Builder expectedIndex(long index) {
      return expect(Expected.INDEX, index);
    }

    public Builder expectedProvenance(Provenance provenance) {
      return expect(Expected.PROVENANCE, provenance);
    }

    public Builder expectedOriginatorPid(long pid) {
      return expect(Expected.ORIGINATOR_PID, pid);
    }

    public Builder expectedArguments(String... arguments) {
      return expect(Expected.ARGUMENTS, Arrays.asList(arguments));
    }

    public Builder expectedHasStandardInput(boolean hasStandardInput) {
      return expect(Expected.HAS_STANDARD_INPUT, hasStandardInput);
    }

    public Builder expectedStandardInput(String standardInput) {
      return expect(Expected.STANDARD_INPUT, standardInput);
    }

    /** Init's standard output (trailing newlines ignored on both sides). */
    public Builder expectedStandardOutput(String standardOutput) {
      return expect(Expected.STANDARD_OUTPUT, standardOutput);
    }

    public Builder expectedStandardError(String standardError) {
      return expect(Expected.STANDARD_ERROR, standardError);
    }

    /** Init's exit status. */
    public Builder expectedStatus(long status) {
      return expect(Expected.STATUS, status);
    }

    /** The names observed in the resource directory (compared sorted). */
    public Builder expectedTargets(String... targets) {
      return expect(Expected.TARGETS, Arrays.asList(targets));
    }

    public Builder expectedTransient(boolean transientResource) {
      return expect(Expected.TRANSIENT, transientResource);
    }

    public Builder expectedDescription(Value description) {
      return expect(Expected.DESCRIPTION, description);
    }

    /** The resource directory, relative to the state folder ({@code mounts/0}). */
    public Builder expectedPath(String path) {
      return expect(Expected.PATH, path);
    }

    public Builder expectedRelease(String release) {
      return expect(Expected.RELEASE, release);
    }

    public Builder expectedSetupExitStatus(long status) {
      return expect(Expected.SETUP_EXIT_STATUS, status);
    }

    /** Setup's standard output, relative to the state folder ({@code mounts/0}). */
    public Builder expectedSetupStandardOutput(String standardOutput) {
      return expect(Expected.SETUP_STANDARD_OUTPUT, standardOutput);
    }

    public Builder expectedSetupStandardError(String standardError) {
      return expect(Expected.SETUP_STANDARD_ERROR, standardError);
    }

    /**
     * The types of the resource's events, in order, from its setup until its flow settles: it
     * has been released or finished, or it is quarantined with no {@link #resolution} left to
     * run. E.g. {@code VALID, RELEASED}.
     */
    public Builder expectedLifecycle(EventType... types) {
      return expect(Expected.LIFECYCLE, Arrays.asList(types));
    }

    /**
     * The check.
     *
     * @throws ModelException naming every field that breaks a rule, under {@code check}
     */
    public Check build() {
      return new Check(this, "check");
    }

    Check build(String path) {
      return new Check(this, path);
    }
  }
}
