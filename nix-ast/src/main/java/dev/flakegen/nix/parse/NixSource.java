package dev.flakegen.nix.parse;

import dev.flakegen.nix.core.PathResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A Nix source to parse: its name (as Nix names it in messages), its bytes, and how its path
 * literals resolve.
 */
public record NixSource(String name, byte[] bytes, PathResolver paths) {

  public NixSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(paths, "paths");
  }

  /**
   * A file, found as {@code nix-instantiate} finds it: made absolute without resolving symlinked
   * folders, a symlinked file followed to its target, a folder meaning its {@code default.nix}.
   * Relative paths in it resolve against its folder.
   */
  public static NixSource ofFile(Path file) {
    String resolved = resolve(file);
    try {
      byte[] bytes = Files.readAllBytes(Path.of(resolved));
      String folder = resolved.substring(0, Math.max(1, resolved.lastIndexOf('/')));
      return new NixSource(resolved, bytes, new PathResolver(folder, PathResolver.defaultHome()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Text that is not a file: named "(string)", relative paths against {@code baseDirectory}. */
  public static NixSource ofString(String text, Path baseDirectory) {
    return new NixSource(
        "(string)",
        text.getBytes(StandardCharsets.UTF_8),
        new PathResolver(
            PathResolver.canonical(baseDirectory.toAbsolutePath().toString()),
            PathResolver.defaultHome()));
  }

  static String resolve(Path file) {
    String path = PathResolver.canonical(file.toAbsolutePath().toString());
    for (int follow = 0; follow < 1024; follow++) {
      Path p = Path.of(path);
      // One lstat: a link, a folder, or anything else (a missing file too, which reading reports).
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        return path;
      }
      if (!attributes.isSymbolicLink()) {
        if (attributes.isDirectory()) {
          return PathResolver.canonical(path + "/default.nix");
        }
        return path;
      }
      try {
        Path target = Files.readSymbolicLink(p);
        String folder = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        path =
            PathResolver.canonical(target.isAbsolute() ? target.toString() : folder + "/" + target);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new UncheckedIOException(
        new IOException(
            "too many symbolic links encountered while traversing the path '" + path + "'"));
  }
}
