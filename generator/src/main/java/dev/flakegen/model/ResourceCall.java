package dev.flakegen.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How an init calls another resource (spec §1): what to do on failure — a code for the failure
 * program, or a typed {@link ShellScript} (no {@link ShellScript#raw raw} text) run as a group
 * after {@code ||}, so it runs only when setup failed — and how to wrap setup: extra arguments (data, quoted) and
 * an optional file for its standard input. Renders as
 * {@code { failure = 1001; setup = setup: "${setup} 'arg1' < '/tmp/in'"; }}.
 *
 * <pre>{@code
 * ResourceCall call = ResourceCall.builder().failure(1001).arguments("arg1").build();
 * ResourceCall loud = ResourceCall.builder().failure(ShellScript.builder()
 *     .run(command("echo", "failed").toFile("/dev/stderr")).run(command("exit", "3")).build())
 *     .build();
 * }</pre>
 */
public final class ResourceCall {

  /** The library's defaults: {@code { }}. */
  public static final ResourceCall DEFAULT = new Builder().build();

  private final Long failureCode;
  private final ShellScript failureScript;
  private final List<String> arguments;
  private final String standardInput;

  private ResourceCall(Builder builder) {
    this.failureCode = builder.failureCode;
    this.failureScript = builder.failureScript;
    this.arguments = Collections.unmodifiableList(new ArrayList<>(builder.arguments));
    this.standardInput = builder.standardInput;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.failureCode = failureCode;
    builder.failureScript = failureScript;
    builder.arguments.addAll(arguments);
    builder.standardInput = standardInput;
    return builder;
  }

  /** The code passed to the failure program, if set. */
  public OptionalLong failureCode() {
    return failureCode == null ? OptionalLong.empty() : OptionalLong.of(failureCode);
  }

  /** The script run on failure instead of the failure program, if set. */
  public Optional<ShellScript> failureScript() {
    return Optional.ofNullable(failureScript);
  }

  /** Extra arguments for setup, as data. */
  public List<String> arguments() {
    return arguments;
  }

  /** A file whose content setup reads as its standard input, if set. */
  public Optional<String> standardInput() {
    return Optional.ofNullable(standardInput);
  }

  /** Whether setup is wrapped (arguments or standard input). */
  public boolean wrapsSetup() {
    return !arguments.isEmpty() || standardInput != null;
  }

  void validate(String path) {
    Problems problems = new Problems();
    if (failureScript != null) {
      problems.run(() -> failureScript.validate(path + ".failure", true, "a failure"));
      for (int i = 0; i < failureScript.statements().size(); i++) {
        if (failureScript.statements().get(i) instanceof Statement.Raw) {
          problems.add(path + ".failure.statements[" + i + "]", "a failure may not hold raw"
              + " text: it runs after ||, and raw text could change what runs when setup"
              + " succeeds; use typed statements");
        }
      }
    }
    for (int i = 0; i < arguments.size(); i++) {
      String at = path + ".arguments[" + i + "]";
      String argument = arguments.get(i);
      problems.run(() -> Rules.text(argument, at));
    }
    if (standardInput != null) {
      problems.run(() -> Rules.nonEmptyText(standardInput, path + ".standardInput"));
    }
    problems.throwIfAny();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceCall c && Objects.equals(failureCode, c.failureCode)
        && Objects.equals(failureScript, c.failureScript) && arguments.equals(c.arguments)
        && Objects.equals(standardInput, c.standardInput);
  }

  @Override
  public int hashCode() {
    return Objects.hash(failureCode, failureScript, arguments, standardInput);
  }

  @Override
  public String toString() {
    return "ResourceCall{failure=" + (failureCode != null ? failureCode
        : failureScript != null ? failureScript : "default") + ", arguments="
        + arguments + ", standardInput=" + standardInput + "}";
  }

  /** A mutable builder; {@link #build()} validates. */
  public static final class Builder {
    private Long failureCode;
    private ShellScript failureScript;
    private final List<String> arguments = new ArrayList<>();
    private String standardInput;

    private Builder() {}

    /** On failure, run the failure program with this code ({@code failure = 1001;}). */
    public Builder failure(long code) {
      this.failureCode = code;
      this.failureScript = null;
      return this;
    }

    /**
     * On failure, run this script ({@code failure = "…";}, which the library runs as a group
     * after {@code ||}); it may not hold raw text.
     */
    public Builder failure(ShellScript script) {
      this.failureScript = Objects.requireNonNull(script, "script");
      this.failureCode = null;
      return this;
    }

    /** On failure, run these commands, one statement each (see {@link #failure(ShellScript)}). */
    public Builder failure(Command... commands) {
      ShellScript.Builder script = ShellScript.builder();
      for (Command command : commands) {
        script.run(command);
      }
      return failure(script.build());
    }

    /** Arguments for setup (data: each is quoted), replacing those given before. */
    public Builder arguments(String... arguments) {
      this.arguments.clear();
      return addArguments(arguments);
    }

    /** Adds arguments for setup, after those given before. */
    public Builder addArguments(String... arguments) {
      this.arguments.addAll(Arrays.asList(arguments));
      return this;
    }

    /** Setup reads this file as its standard input; null for none. */
    public Builder standardInput(String file) {
      this.standardInput = file;
      return this;
    }

    /**
     * The call. It is validated with the init that uses it, so that its problems are reported
     * with their full path ({@code flake.resources.x.init.statements[0].value.call.failure…}):
     * text a Nix string cannot hold, a failure script with raw text or broken rules, an empty
     * file.
     */
    public ResourceCall build() {
      return new ResourceCall(this);
    }
  }
}
