package dev.flakegen.render;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.print.SourceComments;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The resource library, {@code lib.nix}: a resource of this module, parsed, checked and printed
 * like every other file. Only a header of {@code #} lines may hold comments (the tree keeps no
 * others); the resource is kept in printed form, so the output has its exact bytes.
 */
final class LibNix {

  static final String RESOURCE = "/dev/flakegen/render/lib.nix";

  private LibNix() {}

  /** The resource's bytes as they are. */
  static byte[] source() {
    try (InputStream in = LibNix.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code lib.nix}: the resource parsed, checked and printed (with its header). */
  static byte[] render() {
    byte[] bytes = source();
    Expr tree = CheckedNix.check("lib.nix", bytes);
    SourceComments.Scan scan;
    try {
      scan = SourceComments.scan(new NixSource("lib.nix", bytes,
          new PathResolver("/flakegen", "/flakegen-home")));
    } catch (NixErrorException e) {
      throw new RenderException(e.error().format("lib.nix"), e);
    }
    SourceComments.Comment comment = scan.firstUnsupported().orElse(null);
    if (comment != null) {
      throw new RenderException("lib.nix:" + comment.pos().line() + ":" + comment.pos().column()
          + ": error: only a header of # lines may hold comments (the printed file would lose"
          + " this one)");
    }
    List<String> header = scan.header().orElseThrow();
    return CheckedNix.print("lib.nix", tree, header);
  }
}
