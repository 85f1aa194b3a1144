package dev.flakegen.nixdriver;

import java.util.List;

/**
 * What {@link NixDriver#replicate} copied: the closure of the requested paths (every path they
 * refer to, directly or not, and themselves), each verified to be valid in the target store.
 */
public record Replication(NixStore from, NixStore to, List<StorePath> closure) {

  /** A replication of {@code closure} (copied). */
  public Replication {
    closure = List.copyOf(closure);
  }
}
