package dev.flakegen.nixdriver;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A Nix store, named by its URI as Nix's {@code --store}, {@code --from} and {@code --to} take
 * it: the local store ({@link #local()}), a binary cache folder ({@link #fileCache}) or any other
 * URI Nix understands ({@code ssh://host}, {@code s3://bucket}, …).
 */
public record NixStore(String uri) {

  private static final String LOCAL = "auto";

  /**
   * The store with URI {@code uri}.
   *
   * @throws IllegalArgumentException when {@code uri} is blank or has a line break
   */
  public NixStore {
    Objects.requireNonNull(uri, "uri");
    if (uri.isBlank() || uri.indexOf('\n') >= 0 || uri.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("not a store URI: \"" + uri + "\"");
    }
  }

  /** The store Nix uses when told nothing ({@code auto}: the local store, or the daemon's). */
  public static NixStore local() {
    return new NixStore(LOCAL);
  }

  /** The store with URI {@code uri}. */
  public static NixStore of(String uri) {
    return new NixStore(uri);
  }

  /** A binary cache in the folder {@code folder} ({@code file://} and its absolute path). */
  public static NixStore fileCache(Path folder) {
    return new NixStore("file://" + folder.toAbsolutePath().normalize());
  }

  /** Whether this is {@link #local()}, for which Nix needs no {@code --store} option. */
  public boolean isLocal() {
    return uri.equals(LOCAL);
  }

  @Override
  public String toString() {
    return uri;
  }
}
