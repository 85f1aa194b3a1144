package dev.flakegen.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A folder of generated files kept in step with a {@link FileSet}: the one library call behind
 * {@code flakegen generate} and the Maven goals {@code flakegen:generate} and
 * {@code flakegen:check}. flakegen's own files are those whose first line is the
 * {@link GeneratedHeader#MARKER}; of these, only the ones whose first line is the very first line
 * of the set's files (the header naming the same model) are this output's, and only those are
 * ever deleted as orphans: a user's file that merely starts with the marker, or a file another
 * model generated into the same folder, stays.
 *
 * <ul>
 *   <li>{@link #sync} writes only files whose bytes changed (atomically, see
 *       {@link AtomicWriter}), makes generated files non-executable, deletes files it generated
 *       before and no longer produces, and refuses to replace a file it did not generate.
 *   <li>{@link #compare} writes nothing and lists every missing, different, orphaned or
 *       wrong-mode file, with a bounded unified diff; {@link #report} says it in words.
 * </ul>
 *
 * <p>Orphans are looked for in the folder and the folders of the set's files, not below them.
 */
public final class GeneratedFolder {

  /** Lines of diff shown per file before the rest is summarised. */
  public static final int DIFF_LINES = 60;

  private static final Set<PosixFilePermission> EXECUTE = EnumSet.of(
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_EXECUTE);

  private GeneratedFolder() {}

  /**
   * Makes {@code directory} hold exactly {@code files} among flakegen's files.
   *
   * @throws ForeignFileException when a file of the set would replace one flakegen did not
   *     generate (nothing is written)
   * @throws IOException when writing fails (the written files are then as they were, see
   *     {@link AtomicWriter#write})
   */
  public static WriteReport sync(FileSet files, Path directory) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    List<Path> foreign = new ArrayList<>();
    for (String path : files.paths()) {
      Path target = root.resolve(path);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !isGeneratedFile(target)) {
        foreign.add(target);
      }
    }
    if (!foreign.isEmpty()) {
      throw new ForeignFileException(foreign);
    }
    List<String> orphans = orphans(files, root);
    WriteReport written = AtomicWriter.write(files, root);
    List<WriteReport.Entry> entries = new ArrayList<>();
    for (WriteReport.Entry entry : written.entries()) {
      Path target = root.resolve(entry.path());
      Set<PosixFilePermission> permissions =
          Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS);
      if (permissions.removeAll(EXECUTE)) {
        Files.setPosixFilePermissions(target, permissions);
        if (entry.status() == WriteReport.Status.UNCHANGED) {
          entry = new WriteReport.Entry(entry.path(), WriteReport.Status.MODE_FIXED);
        }
      }
      entries.add(entry);
    }
    for (String orphan : orphans) {
      Files.deleteIfExists(root.resolve(orphan));
      entries.add(new WriteReport.Entry(orphan, WriteReport.Status.DELETED));
    }
    return new WriteReport(entries);
  }

  /** How {@code directory} differs from {@code files}: empty when it is up to date. */
  public static List<Drift> compare(FileSet files, Path directory) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    List<Drift> drifts = new ArrayList<>();
    for (String path : files.paths()) {
      Path target = root.resolve(path);
      byte[] generated = files.bytes(path);
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        drifts.add(new Drift(path, Drift.Kind.MISSING, ""));
      } else if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
        drifts.add(new Drift(path, Drift.Kind.NOT_GENERATED, ""));
      } else {
        byte[] present = Files.readAllBytes(target);
        if (!Arrays.equals(present, generated)) {
          drifts.add(new Drift(path, GeneratedHeader.isGenerated(present) ? Drift.Kind.DIFFERENT
              : Drift.Kind.NOT_GENERATED, diff(path, present, generated)));
        } else if (Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS).stream()
            .anyMatch(EXECUTE::contains)) {
          drifts.add(new Drift(path, Drift.Kind.WRONG_MODE, ""));
        }
      }
    }
    for (String orphan : orphans(files, root)) {
      drifts.add(new Drift(orphan, Drift.Kind.ORPHANED, ""));
    }
    return List.copyOf(drifts);
  }

  /**
   * The drifts in words, one paragraph per file (diffs indented), ending with
   * {@code fixCommand}; for a build log or a terminal.
   *
   * @param folder how to name the folder, e.g. its path relative to the project
   */
  public static String report(List<Drift> drifts, String folder, String fixCommand) {
    StringBuilder text = new StringBuilder();
    text.append(folder).append(" is not what flakegen generates: ").append(drifts.size())
        .append(drifts.size() == 1 ? " file differs" : " files differ").append('\n');
    for (Drift drift : drifts) {
      text.append("  ").append(drift.kind().label()).append(": ").append(drift.path());
      switch (drift.kind()) {
        case MISSING -> text.append(" (generated, not in the folder)");
        case ORPHANED -> text.append(" (generated before, no longer produced)");
        case WRONG_MODE -> text.append(" (executable; generated files are not)");
        default -> { }
      }
      text.append('\n');
      if (!drift.diff().isEmpty()) {
        for (String line : drift.diff().split("\n", -1)) {
          if (!line.isEmpty()) {
            text.append("    ").append(line).append('\n');
          }
        }
      }
    }
    text.append("Run `").append(fixCommand).append("` to bring it up to date.");
    return text.toString();
  }

  /** A unified diff from {@code present} (on disk) to {@code generated}, bounded. */
  static String diff(String path, byte[] present, byte[] generated) {
    List<String> before = lines(present);
    List<String> after = lines(generated);
    Patch<String> patch = DiffUtils.diff(before, after);
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(path + " (on disk)",
        path + " (generated)", before, patch, 2);
    StringBuilder text = new StringBuilder();
    int shown = Math.min(unified.size(), DIFF_LINES);
    for (int i = 0; i < shown; i++) {
      text.append(unified.get(i)).append('\n');
    }
    if (unified.size() > shown) {
      text.append("... ").append(unified.size() - shown).append(" more lines of diff\n");
    }
    return text.toString();
  }

  private static List<String> lines(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /**
   * This output's files (first line: a header line of the set's files) in the folders of the set
   * that the set no longer has, sorted.
   */
  private static List<String> orphans(FileSet files, Path root) throws IOException {
    Set<String> headers = new TreeSet<>();
    for (String path : files.paths()) {
      byte[] bytes = files.bytes(path);
      if (GeneratedHeader.isGenerated(bytes)) {
        headers.add(firstLine(bytes));
      }
    }
    if (headers.isEmpty()) {
      return List.of();
    }
    Set<String> folders = new TreeSet<>();
    folders.add("");
    for (String path : files.paths()) {
      int slash = path.lastIndexOf('/');
      if (slash > 0) {
        folders.add(path.substring(0, slash));
      }
    }
    Set<String> produced = Set.copyOf(files.paths());
    Set<String> orphans = new TreeSet<>();
    for (String folder : folders) {
      Path dir = folder.isEmpty() ? root : root.resolve(folder);
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          String path = folder.isEmpty() ? name : folder + "/" + name;
          if (!produced.contains(path) && isGeneratedFile(entry)
              && headers.contains(firstLine(entry))) {
            orphans.add(path);
          }
        }
      }
    }
    return List.copyOf(orphans);
  }

  /** The first line of BYTES, without its line feed. */
  private static String firstLine(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  /** The first line of FILE (at most 4 KiB of it). */
  private static String firstLine(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return firstLine(in.readNBytes(4096));
    }
  }

  /** A regular file (not a link) whose first line is the marker. */
  private static boolean isGeneratedFile(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return GeneratedHeader.isGenerated(in.readNBytes(GeneratedHeader.MARKER.length()));
    }
  }
}
