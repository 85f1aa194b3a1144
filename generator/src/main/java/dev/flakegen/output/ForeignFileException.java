package dev.flakegen.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Generation would replace files that flakegen did not generate (they lack the
 * {@code @generated} header, or are not regular files); nothing was written.
 */
public final class ForeignFileException extends IOException {

  private static final long serialVersionUID = 1L;

  private final List<Path> files;

  /** Refuses to replace {@code files}. */
  public ForeignFileException(List<Path> files) {
    super("refusing to overwrite " + (files.size() == 1 ? "a file" : files.size() + " files")
        + " that flakegen did not generate (no \"" + GeneratedHeader.MARKER + "\" first line): "
        + String.join(", ", files.stream().map(Path::toString).toList())
        + "; move or delete " + (files.size() == 1 ? "it" : "them") + " and run again."
        + " Nothing was written");
    this.files = List.copyOf(files);
  }

  /** The files in the way. */
  public List<Path> files() {
    return files;
  }
}
