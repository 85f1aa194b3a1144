package dev.flakegen.output;

import java.util.List;
import java.util.Objects;

/**
 * What {@link AtomicWriter#write} or {@link GeneratedFolder#sync} did to each file of a
 * {@link FileSet}, in the set's order (deleted files last).
 */
public record WriteReport(List<Entry> entries) {

  public WriteReport {
    entries = List.copyOf(entries);
  }

  /** What happened to one file. */
  public enum Status {
    /** The file did not exist and was written. */
    CREATED,
    /** The file existed with other bytes and was replaced. */
    UPDATED,
    /** The file had these bytes already and was not touched. */
    UNCHANGED,
    /** The file had these bytes already but was executable; only its mode was changed. */
    MODE_FIXED,
    /** flakegen generated the file before and no longer produces it; it was deleted. */
    DELETED
  }

  /** One file: its relative path and its status. */
  public record Entry(String path, Status status) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(status, "status");
    }
  }

  /** The paths with a status. */
  public List<String> paths(Status status) {
    return entries.stream().filter(e -> e.status() == status).map(Entry::path).toList();
  }
}
