package dev.flakegen.model.shell;

import java.util.List;
import java.util.Objects;

/**
 * What a shell variable can be assigned: a {@link Word}, the output of a pipeline
 * ({@code "$(…)"}), or a resource set up by the library ({@code ${resources.NAME { … }}}: the
 * fragment {@code "$( …/bin/setup … )" || …/bin/failure …}, whose value is the resource's folder).
 */
public sealed interface Assigned permits Word, Assigned.CommandSubstitution,
    Assigned.ResourceFragment {

  /** {@code "$(PIPELINE)"}: the pipeline's standard output, trailing newlines removed. */
  record CommandSubstitution(List<Command> pipeline) implements Assigned {
    public CommandSubstitution {
      pipeline = List.copyOf(pipeline);
    }
  }

  /**
   * The resource named {@code resource} of the flake, or of its flake input {@code input} when
   * that is not null, set up with {@code call}; in inits and programs. The renderer passes it to
   * the library of the resource whose init uses it, under {@link #key()}.
   */
  record ResourceFragment(String resource, ResourceCall call, String input) implements Assigned {
    public ResourceFragment {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(call, "call");
    }

    /** The resource {@code resource} of this flake, set up with {@code call}. */
    public ResourceFragment(String resource, ResourceCall call) {
      this(resource, call, null);
    }

    /** Its key in the library's {@code resources}: {@code NAME}, or {@code INPUT/NAME}. */
    public String key() {
      return input == null ? resource : input + "/" + resource;
    }
  }
}
