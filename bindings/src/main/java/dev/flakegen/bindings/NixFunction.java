package dev.flakegen.bindings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Nix function with a set pattern, found at an attribute path of a file.
 *
 * @param fileName the file's name as given (a path the caller chose, not resolved)
 * @param attrPath the attribute path, as given ({@code outputs.lib}; empty for the file's value)
 * @param formals the formals in source order
 * @param ellipsis whether the pattern has {@code ...}, so the function takes other attributes too
 * @param alias the name the whole argument set is bound to ({@code args@{ … }}), if any
 * @param location where the function starts, {@code FILE:LINE:COL}
 */
public record NixFunction(String fileName, String attrPath, List<NixFormal> formals,
    boolean ellipsis, Optional<String> alias, String location) {

  public NixFunction {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(attrPath, "attrPath");
    formals = List.copyOf(formals);
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(location, "location");
  }

  /** The formal called {@code nixName}, if the pattern has it. */
  public Optional<NixFormal> formal(String nixName) {
    return formals.stream().filter(f -> f.nixName().equals(nixName)).findFirst();
  }
}
