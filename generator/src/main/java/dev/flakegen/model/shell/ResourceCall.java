package dev.flakegen.model.shell;

import dev.flakegen.model.Problems;
import dev.flakegen.model.Rules;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How an init calls another resource (generator/README.md, "`lib.nix`"): what to do on failure — a code for the failure
 * program, or a typed {@link ShellScript} (no {@link ShellScript#raw raw} text) run as a group
 * after {@code ||}, so it runs only when setup failed — and how to wrap setup (the seed's
 * {@code setup = setup: "${setup} arg1 arg2 < /tmp/standard-input-file"}), all typed: extra
 * arguments (data, quoted), environment variables, and one source of standard input — a file,
 * literal text, or another command's output. Renders as
 * {@code { failure = 1001; setup = setup: "printf '%s' 'text' | NAME='v' ${setup} 'arg1'"; }}.
 * Environment variables reach setup and its init but, like everything but the arguments and the
 * input, are not part of the hash.
 *
 * <pre>{@code
 * ResourceCall call = ResourceCall.builder().failure(1001).arguments("arg1").build();
 * ResourceCall loud = ResourceCall.builder().failure(ShellScript.builder()
 *     .run(command("echo", "failed").toFile("/dev/stderr")).run(command("exit", "3")).build())
 *     .standardInputText("some input\n").addEnvironment("MODE", "strict")
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
  private final String standardInputText;
  private final List<Command> standardInputCommand;
  private final List<Map.Entry<String, String>> environment;

  private ResourceCall(Builder builder) {
    this.failureCode = builder.failureCode;
    this.failureScript = builder.failureScript;
    this.arguments = Collections.unmodifiableList(new ArrayList<>(builder.arguments));
    this.standardInput = builder.standardInput;
    this.standardInputText = builder.standardInputText;
    this.standardInputCommand = builder.standardInputCommand == null ? null
        : Collections.unmodifiableList(new ArrayList<>(builder.standardInputCommand));
    this.environment = List.copyOf(builder.environment);
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
    builder.standardInputText = standardInputText;
    builder.standardInputCommand = standardInputCommand;
    builder.environment.addAll(environment);
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

  /** Text setup reads as its standard input, exactly (no newline added), if set. */
  public Optional<String> standardInputText() {
    return Optional.ofNullable(standardInputText);
  }

  /** A pipeline whose standard output setup reads as its standard input, if set. */
  public Optional<List<Command>> standardInputCommand() {
    return Optional.ofNullable(standardInputCommand);
  }

  /** Environment variables set for setup (and so for its init), in the given order. */
  public List<Map.Entry<String, String>> environment() {
    return environment;
  }

  /** Whether setup is wrapped (arguments, environment or standard input). */
  public boolean wrapsSetup() {
    return !arguments.isEmpty() || standardInput != null || standardInputText != null
        || standardInputCommand != null || !environment.isEmpty();
  }

  public void validate(String path) {
    Problems problems = new Problems();
    if (failureScript != null) {
      problems.run(() -> failureScript.validate(path + ".failure", true, "a failure"));
      for (String raw : failureScript.rawPaths(path + ".failure")) {
        problems.add(raw, "a failure may not hold raw text: it runs after ||, and raw text"
            + " could change what runs when setup succeeds; use typed statements");
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
    if (standardInputText != null) {
      problems.run(() -> Rules.text(standardInputText, path + ".standardInputText"));
    }
    if (standardInputCommand != null) {
      problems.run(() -> ShellScript.pipeline(standardInputCommand,
          path + ".standardInputCommand", true, "init", new ArrayList<>()));
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < environment.size(); i++) {
      String at = path + ".environment[" + i + "]";
      Map.Entry<String, String> variable = environment.get(i);
      if (problems.run(() -> Rules.shellName(variable.getKey(), at + ".name"))
          && !names.add(variable.getKey())) {
        problems.add(at + ".name", variable.getKey() + " is set twice");
      }
      problems.run(() -> Rules.text(variable.getValue(), at + ".value"));
    }
    problems.throwIfAny();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResourceCall c && Objects.equals(failureCode, c.failureCode)
        && Objects.equals(failureScript, c.failureScript) && arguments.equals(c.arguments)
        && Objects.equals(standardInput, c.standardInput)
        && Objects.equals(standardInputText, c.standardInputText)
        && Objects.equals(standardInputCommand, c.standardInputCommand)
        && environment.equals(c.environment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(failureCode, failureScript, arguments, standardInput, standardInputText,
        standardInputCommand, environment);
  }

  @Override
  public String toString() {
    return "ResourceCall{failure=" + (failureCode != null ? failureCode
        : failureScript != null ? failureScript : "default") + ", arguments="
        + arguments + ", standardInput=" + (standardInput != null ? standardInput
        : standardInputText != null ? Rules.show(standardInputText) : standardInputCommand)
        + ", environment=" + environment + "}";
  }

  /** A mutable builder; {@link #build()} makes the call. */
  public static final class Builder {
    private Long failureCode;
    private ShellScript failureScript;
    private final List<String> arguments = new ArrayList<>();
    private String standardInput;
    private String standardInputText;
    private List<Command> standardInputCommand;
    private final List<Map.Entry<String, String>> environment = new ArrayList<>();

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

    /**
     * Setup reads this file as its standard input ({@code ${setup} < 'file'}); null for none.
     * Replaces any other source of standard input.
     */
    public Builder standardInput(String file) {
      clearInput();
      this.standardInput = file;
      return this;
    }

    /**
     * Setup reads exactly this text as its standard input ({@code printf '%s' 'text' |
     * ${setup}}); null for none. Replaces any other source of standard input.
     */
    public Builder standardInputText(String text) {
      clearInput();
      this.standardInputText = text;
      return this;
    }

    /**
     * Setup reads the standard output of this pipeline as its standard input
     * ({@code a | b | ${setup}}). Replaces any other source of standard input.
     */
    public Builder standardInputFrom(Command... pipeline) {
      clearInput();
      this.standardInputCommand = Arrays.asList(pipeline);
      return this;
    }

    private void clearInput() {
      standardInput = null;
      standardInputText = null;
      standardInputCommand = null;
    }

    /** Adds an environment variable for setup ({@code NAME='value' ${setup}}); value is data. */
    public Builder addEnvironment(String name, String value) {
      environment.add(new SimpleImmutableEntry<>(name, value));
      return this;
    }

    /**
     * The call. It is validated with the init that uses it, so that its problems are reported
     * with their full path ({@code flake.resources.x.init.statements[0].value.call.failure…}):
     * text a Nix string cannot hold, a failure script with raw text or broken rules, an empty
     * file, a variable that is not a shell name or is set twice, a broken input pipeline.
     */
    public ResourceCall build() {
      return new ResourceCall(this);
    }
  }
}
