package dev.flakegen.nixdriver;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A store path: an absolute path whose last component is a Nix hash (32 characters of Nix's
 * base-32 alphabet), a dash and a name, such as {@code /nix/store/…-hello}. Only the form is
 * checked; whether the path is valid in some store is {@link NixDriver#checkPath}'s question.
 */
public record StorePath(String path) {

  private static final Pattern FORM =
      Pattern.compile("/(?:[^/\\x00]+/)*[0-9abcdfghijklmnpqrsvwxyz]{32}-[A-Za-z0-9+\\-._?=]+");

  /**
   * The store path {@code path}.
   *
   * @throws IllegalArgumentException when {@code path} is not of a store path's form
   */
  public StorePath {
    Objects.requireNonNull(path, "path");
    if (!FORM.matcher(path).matches()) {
      throw new IllegalArgumentException("not a store path: \"" + path + "\"");
    }
  }

  /** The store path {@code path} (same as the constructor). */
  public static StorePath of(String path) {
    return new StorePath(path);
  }

  /** The path's name: what follows the hash and the dash. */
  public String name() {
    String last = path.substring(path.lastIndexOf('/') + 1);
    return last.substring(33);
  }

  /** Whether this is a store derivation (its name ends with {@code .drv}). */
  public boolean isDerivation() {
    return path.endsWith(".drv");
  }

  @Override
  public String toString() {
    return path;
  }
}
