package dev.flakegen.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Files to write, in order: relative paths ({@code /}-separated names, no {@code .} or
 * {@code ..}, no empty names) and their exact bytes. Immutable.
 *
 * <pre>{@code
 * FileSet files = FileSet.builder().add("flake.nix", bytes).build();
 * }</pre>
 */
public final class FileSet {

  private final Map<String, byte[]> files;

  private FileSet(Map<String, byte[]> files) {
    this.files = files;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The relative paths, in order. */
  public List<String> paths() {
    return List.copyOf(files.keySet());
  }

  /** A copy of the bytes of {@code path}. */
  public byte[] bytes(String path) {
    byte[] bytes = files.get(path);
    if (bytes == null) {
      throw new IllegalArgumentException("no file " + path + " in " + paths());
    }
    return bytes.clone();
  }

  public int size() {
    return files.size();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileSet other) || !paths().equals(other.paths())) {
      return false;
    }
    for (Map.Entry<String, byte[]> entry : files.entrySet()) {
      if (!Arrays.equals(entry.getValue(), other.files.get(entry.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hash = 0;
    for (Map.Entry<String, byte[]> entry : files.entrySet()) {
      hash = 31 * hash + entry.getKey().hashCode() * 17 + Arrays.hashCode(entry.getValue());
    }
    return hash;
  }

  @Override
  public String toString() {
    List<String> out = new ArrayList<>();
    files.forEach((path, bytes) -> out.add(path + " (" + bytes.length + " bytes)"));
    return "FileSet" + out;
  }

  /** A mutable builder. */
  public static final class Builder {
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a file.
     *
     * @throws IllegalArgumentException if the path is not relative and clean, or is already
     *     in the set
     */
    public Builder add(String path, byte[] bytes) {
      Objects.requireNonNull(bytes, "bytes");
      checkPath(path);
      if (files.containsKey(path)) {
        throw new IllegalArgumentException("path " + path + " is added twice");
      }
      files.put(path, bytes.clone());
      return this;
    }

    public FileSet build() {
      return new FileSet(Collections.unmodifiableMap(new LinkedHashMap<>(files)));
    }

    private static void checkPath(String path) {
      Objects.requireNonNull(path, "path");
      if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
        throw new IllegalArgumentException("path must be relative and name a file, was \""
            + path + "\"");
      }
      for (String name : path.split("/", -1)) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
          throw new IllegalArgumentException("path must be '/'-separated names other than ."
              + " and .., was \"" + path + "\"");
        }
      }
    }
  }
}
