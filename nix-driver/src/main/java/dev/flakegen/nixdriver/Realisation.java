package dev.flakegen.nixdriver;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a {@link NixDriver#realise} built: each output with its path, in Nix's order. */
public record Realisation(List<Output> outputs) {

  /** The outputs (copied). */
  public Realisation {
    outputs = List.copyOf(outputs);
  }

  /** The output paths, in order. */
  public List<StorePath> outputPaths() {
    return outputs.stream().map(Output::path).toList();
  }

  /**
   * The only output's path.
   *
   * @throws IllegalStateException when there is not exactly one output
   */
  public StorePath outputPath() {
    if (outputs.size() != 1) {
      throw new IllegalStateException("expected one output, got " + outputs.size());
    }
    return outputs.get(0).path();
  }

  /**
   * One output: the derivation it came from (absent when the installable was a store path that
   * is not a derivation), its name ({@code out}, {@code dev}, …; empty without a derivation) and
   * its store path, valid in the local store.
   */
  public record Output(Optional<StorePath> derivation, String name, StorePath path) {
    /** An output; no argument may be null. */
    public Output {
      Objects.requireNonNull(derivation, "derivation");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(path, "path");
    }
  }
}
