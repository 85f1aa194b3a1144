package dev.flakegen.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link FileSet} into a folder so that a failed run leaves the folder as it was.
 *
 * <ol>
 *   <li>Files whose bytes are already those of the set are not touched.
 *   <li>Stage: every other file is written to a temporary file next to its target (same folder,
 *       so the final move is a rename), with the permissions of the file it replaces, or
 *       {@code rw-r--r--} for a new one. Missing folders are created.
 *   <li>Commit, in the set's order: an existing target is first hard-linked (or, where links are
 *       not possible, copied) to a backup name, then the staged file is moved over it with
 *       {@link StandardCopyOption#ATOMIC_MOVE}; a reader sees the old file or the new one, never a
 *       part.
 *   <li>On an I/O failure the files already replaced get their originals back (moved back
 *       atomically), new files and folders are deleted, temporary files removed, and the failure
 *       is thrown. On success the backups are deleted.
 * </ol>
 */
public final class AtomicWriter {

  private static final Set<PosixFilePermission> NEW_FILE =
      PosixFilePermissions.fromString("rw-r--r--");

  private AtomicWriter() {}

  /**
   * Writes {@code files} under {@code directory} (created if missing).
   *
   * @throws IOException when a file cannot be written: the first failure, as the file system
   *     reported it; the folder is then as it was, unless restoring failed too, in which case
   *     the exception's suppressed exceptions are those of the restoring
   */
  public static WriteReport write(FileSet files, Path directory) throws IOException {
    Path root = directory.toAbsolutePath().normalize();
    List<WriteReport.Entry> report = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (String path : files.paths()) {
      Path target = root.resolve(path);
      byte[] bytes = files.bytes(path);
      boolean exists = Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS);
      if (exists && Arrays.equals(Files.readAllBytes(target), bytes)) {
        report.add(new WriteReport.Entry(path, WriteReport.Status.UNCHANGED));
      } else {
        boolean present = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
        changes.add(new Change(path, target, bytes, present));
        report.add(new WriteReport.Entry(path,
            present ? WriteReport.Status.UPDATED : WriteReport.Status.CREATED));
      }
    }
    if (changes.isEmpty()) {
      return new WriteReport(report);
    }
    Transaction transaction = new Transaction();
    try {
      for (Change change : changes) {
        transaction.stage(change);
      }
      for (Change change : changes) {
        transaction.commit(change);
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      transaction.rollBack(e);
      throw e instanceof IOException io ? io
          : new IOException(e.getMessage() + "; " + describeRollBack(e), e);
    }
    transaction.finish();
    return new WriteReport(report);
  }

  private static String describeRollBack(Exception e) {
    return e.getSuppressed().length == 0 ? "the folder was restored"
        : "restoring the folder failed too, see the suppressed exceptions";
  }

  /** One file to write. */
  private record Change(String path, Path target, byte[] bytes, boolean present) {}

  /** The state of one write: what to undo on failure, what to clean up on success. */
  private static final class Transaction {
    private final List<Path> createdFolders = new ArrayList<>();
    private final List<Path> staged = new ArrayList<>();
    private final List<Path> stagedTargets = new ArrayList<>();
    /** Committed targets and their backups (null: the target was new). */
    private final List<Path[]> committed = new ArrayList<>();

    void stage(Change change) throws IOException {
      Path folder = change.target().getParent();
      createFolders(folder);
      Path temporary = Files.createTempFile(folder, "." + change.target().getFileName() + ".",
          ".flakegen-new");
      staged.add(temporary);
      stagedTargets.add(change.target());
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(change.bytes());
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Set<PosixFilePermission> permissions = NEW_FILE;
      if (change.present() && Files.isRegularFile(change.target(), LinkOption.NOFOLLOW_LINKS)) {
        permissions = Files.getPosixFilePermissions(change.target(), LinkOption.NOFOLLOW_LINKS);
      }
      Files.setPosixFilePermissions(temporary, permissions);
    }

    private void createFolders(Path folder) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path p = folder; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
          p = p.getParent()) {
        missing.add(0, p);
      }
      for (Path p : missing) {
        Files.createDirectory(p);
        createdFolders.add(p);
      }
    }

    void commit(Change change) throws IOException {
      Path temporary = staged.get(stagedTargets.indexOf(change.target()));
      Path backup = null;
      if (change.present() && Files.isRegularFile(change.target(), LinkOption.NOFOLLOW_LINKS)) {
        backup = backup(change.target());
      }
      committed.add(new Path[] {change.target(), backup});
      try {
        Files.move(temporary, change.target(), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        committed.remove(committed.size() - 1);
        if (backup != null) {
          Files.deleteIfExists(backup);
        }
        throw e;
      }
      staged.set(staged.indexOf(temporary), null);
    }

    private static Path backup(Path target) throws IOException {
      Path folder = target.getParent();
      for (int attempt = 0; ; attempt++) {
        Path backup = folder.resolve("." + target.getFileName() + ".flakegen-old"
            + (attempt == 0 ? "" : "-" + attempt));
        try {
          Files.createLink(backup, target);
          return backup;
        } catch (FileAlreadyExistsException e) {
          if (attempt > 100) {
            throw e;
          }
        } catch (UnsupportedOperationException | IOException e) {
          if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
            continue;
          }
          Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
          return backup;
        }
      }
    }

    void rollBack(Exception failure) {
      for (int i = committed.size() - 1; i >= 0; i--) {
        Path target = committed.get(i)[0];
        Path backup = committed.get(i)[1];
        try {
          if (backup != null) {
            Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
          } else {
            Files.deleteIfExists(target);
          }
        } catch (IOException | RuntimeException e) {
          failure.addSuppressed(e);
        }
      }
      for (Path temporary : staged) {
        delete(temporary, failure);
      }
      for (int i = createdFolders.size() - 1; i >= 0; i--) {
        delete(createdFolders.get(i), failure);
      }
    }

    void finish() {
      for (Path[] entry : committed) {
        if (entry[1] != null) {
          try {
            Files.deleteIfExists(entry[1]);
          } catch (IOException e) {
            // A leftover backup is harmless: it is a hidden file with the old bytes.
          }
        }
      }
    }

    private static void delete(Path path, Exception failure) {
      if (path == null) {
        return;
      }
      try {
        Files.deleteIfExists(path);
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
