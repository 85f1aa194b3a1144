package dev.flakegen.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer, including its failure paths, on the real file system. */
class AtomicWriterTest {

  @TempDir
  Path dir;

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static FileSet files(String... pathsAndTexts) {
    FileSet.Builder builder = FileSet.builder();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      builder.add(pathsAndTexts[i], bytes(pathsAndTexts[i + 1]));
    }
    return builder.build();
  }

  /** Every entry under {@code root}: relative path → content (files) or "/" (folders). */
  static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        String relative = root.relativize(path).toString();
        if (relative.isEmpty()) {
          continue;
        }
        out.put(relative, Files.isDirectory(path) ? "/" : Files.readString(path)
            + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
      }
    }
    return out;
  }

  @Test
  void writesNewFilesAndFolders() throws IOException {
    Path out = dir.resolve("a/b");
    WriteReport report = AtomicWriter.write(files("x.nix", "x\n", "sub/y.nix", "y\n"), out);
    assertThat(report.entries()).containsExactly(
        new WriteReport.Entry("x.nix", WriteReport.Status.CREATED),
        new WriteReport.Entry("sub/y.nix", WriteReport.Status.CREATED));
    assertThat(snapshot(out)).containsExactly(Map.entry("sub", "/"),
        Map.entry("sub/y.nix", "y\n rw-r--r--"), Map.entry("x.nix", "x\n rw-r--r--"));
  }

  @Test
  void unchangedFilesAreNotTouchedAndChangedOnesKeepTheirMode() throws IOException {
    Files.writeString(dir.resolve("same.nix"), "same\n");
    Files.writeString(dir.resolve("other.nix"), "old\n");
    Files.setPosixFilePermissions(dir.resolve("other.nix"),
        PosixFilePermissions.fromString("rwxr-x---"));
    FileTime old = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(dir.resolve("same.nix"), old);
    Object inode = Files.getAttribute(dir.resolve("same.nix"), "unix:ino");

    WriteReport report = AtomicWriter.write(files("same.nix", "same\n", "other.nix", "new\n"),
        dir);

    assertThat(report.paths(WriteReport.Status.UNCHANGED)).containsExactly("same.nix");
    assertThat(report.paths(WriteReport.Status.UPDATED)).containsExactly("other.nix");
    assertThat(Files.getLastModifiedTime(dir.resolve("same.nix"))).isEqualTo(old);
    assertThat(Files.getAttribute(dir.resolve("same.nix"), "unix:ino")).isEqualTo(inode);
    assertThat(snapshot(dir)).containsExactly(Map.entry("other.nix", "new\n rwxr-x---"),
        Map.entry("same.nix", "same\n rw-r--r--"));
  }

  @Test
  void aFileIsReplacedByAMoveNotRewrittenInPlace() throws IOException {
    Path target = dir.resolve("f.nix");
    Files.writeString(target, "old\n");
    Path link = dir.resolve("hard-link-to-old");
    Files.createLink(link, target);
    AtomicWriter.write(files("f.nix", "new\n"), dir);
    assertThat(Files.readString(target)).isEqualTo("new\n");
    assertThat(Files.readString(link)).as("the old inode is untouched").isEqualTo("old\n");
  }

  @Test
  void aFailureAfterReplacingFilesRestoresThemAndRemovesNewOnes() throws IOException {
    Files.writeString(dir.resolve("a.nix"), "old a\n");
    Files.setPosixFilePermissions(dir.resolve("a.nix"),
        PosixFilePermissions.fromString("rw-------"));
    Object inode = Files.getAttribute(dir.resolve("a.nix"), "unix:ino");
    Files.createDirectories(dir.resolve("c.nix"));
    Files.writeString(dir.resolve("c.nix/inside"), "in the way\n");
    Map<String, String> before = snapshot(dir);

    FileSet set = files("a.nix", "new a\n", "new/b.nix", "new b\n", "c.nix", "new c\n",
        "d.nix", "new d\n");
    assertThatThrownBy(() -> AtomicWriter.write(set, dir))
        .as("the move onto the folder fails, after a.nix and new/b.nix were moved in place")
        .isInstanceOf(java.nio.file.FileSystemException.class)
        .hasMessageEndingWith("flakegen-new -> " + dir.resolve("c.nix") + ": Is a directory")
        .hasNoSuppressedExceptions();

    assertThat(snapshot(dir)).isEqualTo(before);
    assertThat(Files.getAttribute(dir.resolve("a.nix"), "unix:ino"))
        .as("the original file itself is back").isEqualTo(inode);
  }

  @Test
  void aDirectoryInTheWayOfAFolderFailsBeforeAnythingIsReplaced() throws IOException {
    Files.writeString(dir.resolve("a.nix"), "old a\n");
    Files.writeString(dir.resolve("sub"), "a file where a folder should be\n");
    Map<String, String> before = snapshot(dir);
    FileSet set = files("a.nix", "new a\n", "new/x.nix", "x\n", "sub/b.nix", "b\n");
    assertThatThrownBy(() -> AtomicWriter.write(set, dir)).isInstanceOf(IOException.class);
    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void anEmptyFolderInTheWayIsAFailureToo() throws IOException {
    Files.createDirectories(dir.resolve("b.nix"));
    Map<String, String> before = snapshot(dir);
    assertThatThrownBy(() -> AtomicWriter.write(files("a.nix", "a\n", "b.nix", "b\n"), dir))
        .isInstanceOf(IOException.class);
    assertThat(snapshot(dir)).isEqualTo(before);
  }

  @Test
  void aLeftoverBackupFromACrashIsSteppedAround() throws IOException {
    Files.writeString(dir.resolve("a.nix"), "old\n");
    Files.writeString(dir.resolve(".a.nix.flakegen-old"), "left over\n");
    AtomicWriter.write(files("a.nix", "new\n"), dir);
    assertThat(snapshot(dir)).containsExactly(Map.entry(".a.nix.flakegen-old",
        "left over\n rw-r--r--"), Map.entry("a.nix", "new\n rw-r--r--"));
  }

  @Test
  void fileSetsTakeOnlyCleanRelativePaths() {
    for (String bad : new String[] {"", "/abs", "a/", "a//b", "./a", "a/../b", ".."}) {
      assertThatThrownBy(() -> FileSet.builder().add(bad, new byte[0]))
          .as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> FileSet.builder().add("a", new byte[0]).add("a", new byte[0]))
        .hasMessage("path a is added twice");
    byte[] content = bytes("x");
    FileSet set = FileSet.builder().add("a", content).build();
    content[0] = 'y';
    assertThat(set.bytes("a")).isEqualTo(bytes("x"));
  }
}
