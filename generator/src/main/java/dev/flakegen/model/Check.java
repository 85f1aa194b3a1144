package dev.flakegen.model;

import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import static dev.flakegen.model.Pkgs.pkgs;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.MessageValues;
import dev.flakegen.nix.ast.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A check of one resource (generator/README.md, "`lib.nix`", the library's {@code check}): setup's {@code arguments} and
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
  private final Map<Expected, Expectation> expectations;
  private final Expr diffutils;

  private Check(Builder builder, String path) {
    Problems problems = new Problems();
    if (builder.input != null) {
      problems.add(path + ".resource", Rules.show(builder.input + "/" + builder.resource)
          + " is a resource of the input " + Rules.show(builder.input) + ": a check tests a"
          + " resource of this flake (the input's own checks test its resources; a resource of"
          + " this flake whose init uses it tests it here)");
    }
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
    Map<Expected, Expectation> checked = new EnumMap<>(Expected.class);
    for (Map.Entry<Expected, Expectation> entry : builder.expectations.entrySet()) {
      String at = path + "." + fieldName(entry.getKey());
      Misfit misfit = builder.misfits.get(entry.getKey());
      if (misfit != null) {
        problems.add(at + "[" + misfit.index() + "]", MessageValues.show(misfit.element())
            + " is not " + misfit.type());
        continue;
      }
      Expectation value = problems.get(() -> checked(entry.getKey(), entry.getValue(), at));
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

  /** {@code value} checked against the rules of {@code key}'s kind; lists copied (names sorted). */
  private static Expectation checked(Expected key, Expectation value, String path) {
    if (value instanceof Expectation.Text text) {
      Rules.text(text.text(), path);
    } else if (value instanceof Expectation.Texts texts) {
      List<String> list = new ArrayList<>(Rules.copy(texts.texts(), path));
      for (int i = 0; i < list.size(); i++) {
        if (key.kind() == Expected.Kind.NAMES) {
          Rules.fileName(list.get(i), path + "[" + i + "]");
        } else {
          Rules.text(list.get(i), path + "[" + i + "]");
        }
      }
      if (key.kind() == Expected.Kind.NAMES) {
        list.sort(Value::compareCodePoints);
        for (int i = 1; i < list.size(); i++) {
          if (list.get(i).equals(list.get(i - 1))) {
            throw Rules.fail(path, Rules.show(list.get(i)) + " is listed twice");
          }
        }
      }
      return new Expectation.Texts(list);
    } else if (value instanceof Expectation.Number number) {
      long n = number.number();
      if (key.kind() == Expected.Kind.EXIT_STATUS && (n < 0 || n > 255)) {
        throw Rules.fail(path, n + " must be an exit status, 0 to 255");
      } else if (n < 0) {
        throw Rules.fail(path, n + " must be at least 0");
      }
    } else if (value instanceof Expectation.Events events) {
      List<EventType> list = Rules.copy(events.types(), path);
      if (list.isEmpty()) {
        throw Rules.fail(path, "must list at least one event type");
      }
      return new Expectation.Events(list);
    } else if (value instanceof Expectation.NixValue nix) {
      Value.validate(nix.value(), path);
    }
    // event types, provenances and truths: any value
    return value;
  }

  /** The Java name of an expectation, as builder methods and messages spell it. */
  public static String fieldName(Expected key) {
    return Names.camelCase(key.argument());
  }

  /** A check of the resource {@code resource} names; see {@link ResourceName}. */
  public static Builder builder(ResourceName resource) {
    Builder builder = builder(resource.name());
    builder.input = resource.input();
    return builder;
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
   * What is expected, in {@link Expected} order; each value is the {@link Expectation} record of
   * its key's {@link Expected.Kind}.
   */
  public Map<Expected, Expectation> expectations() {
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

  /** A list element of the wrong type: its index, the element, the type it should have. */
  private record Misfit(int index, Object element, String type) {}

  /** A mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private final String resource;
    private String input;
    private final List<String> arguments = new ArrayList<>();
    private String standardInput;
    private ShellScript fixture;
    private String resolution;
    private final Map<Expected, Expectation> expectations = new EnumMap<>(Expected.class);
    /** List elements of the wrong type, reported by {@link #build()} with their paths. */
    private final Map<Expected, Misfit> misfits = new EnumMap<>(Expected.class);
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
      return put(key, value, value == null ? null : new Expectation.Event(value));
    }

    /** Expects the provenance {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, Provenance value) {
      return put(key, value, value == null ? null : new Expectation.Origin(value));
    }

    /** Expects the text {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, String value) {
      return put(key, value, value == null ? null : new Expectation.Text(value));
    }

    /** Expects the number {@code value} for {@code key}. */
    public Builder expect(Expected key, long value) {
      return put(key, value, new Expectation.Number(value));
    }

    /** Expects the truth {@code value} for {@code key}. */
    public Builder expect(Expected key, boolean value) {
      return put(key, value, new Expectation.Truth(value));
    }

    /** Expects the Nix value {@code value} for {@code key} (null: not compared). */
    public Builder expect(Expected key, Value value) {
      return put(key, value, value == null ? null : new Expectation.NixValue(value));
    }

    /**
     * Expects the list {@code value} for {@code key}: texts or names ({@code String}), or event
     * types ({@code EventType}) (null: not compared).
     */
    public Builder expect(Expected key, List<?> value) {
      Objects.requireNonNull(key, "key");
      if (value == null || key.kind() != Expected.Kind.EVENT_TYPES
          && key.kind() != Expected.Kind.STRINGS && key.kind() != Expected.Kind.NAMES) {
        return put(key, value, null);
      }
      Misfit misfit = null;
      List<EventType> types = new ArrayList<>();
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < value.size() && misfit == null; i++) {
        Object element = value.get(i);
        if (element == null) {
          types.add(null);
          texts.add(null);
        } else if (key.kind() == Expected.Kind.EVENT_TYPES && element instanceof EventType type) {
          types.add(type);
        } else if (key.kind() != Expected.Kind.EVENT_TYPES && element instanceof String text) {
          texts.add(text);
        } else {
          misfit = new Misfit(i, element,
              key.kind() == Expected.Kind.EVENT_TYPES ? "an EventType" : "a String");
        }
      }
      put(key, value, key.kind() == Expected.Kind.EVENT_TYPES ? new Expectation.Events(types)
          : new Expectation.Texts(texts));
      if (misfit != null) {
        misfits.put(key, misfit);
      }
      return this;
    }

    /** Compares nothing for {@code key}. */
    public Builder clearExpectation(Expected key) {
      return put(key, null, null);
    }

    /**
     * Stores {@code expectation} for {@code key} (null: not compared) when it suits the key's
     * {@link Expected.Kind}; {@code given} is what the caller passed, for the message. The typed
     * overloads narrow what compiles, this the rest.
     */
    private Builder put(Expected key, Object given, Expectation expectation) {
      Objects.requireNonNull(key, "key");
      misfits.remove(key);
      if (given == null) {
        expectations.remove(key);
        return this;
      }
      if (expectation == null || !expectation.fits(key.kind())) {
        throw new IllegalArgumentException(fieldName(key) + " must be a " + typeName(key.kind())
            + ", was " + given.getClass().getName());
      }
      expectations.put(key, expectation);
      return this;
    }

    /** The Java type a key of {@code kind} takes, as messages name it. */
    private static String typeName(Expected.Kind kind) {
      return switch (kind) {
        case EVENT_TYPE -> "EventType";
        case EVENT_TYPES, STRINGS, NAMES -> "List";
        case PROVENANCE -> "Provenance";
        case STRING -> "String";
        case NATURAL, EXIT_STATUS -> "Long";
        case BOOLEAN -> "Boolean";
        case VALUE -> "Value";
      };
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
