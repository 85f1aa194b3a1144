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
 * The Nix files every generated flake carries as they are: the resource library {@code lib.nix}
 * and the NixOS module {@code module.nix}, resources of this module, parsed, checked and printed
 * like every other file. Only a header of {@code #} lines may hold comments (the tree keeps no
 * others); the resources are kept in printed form, so the output has their exact bytes.
 */
final class BundledNix {

  /** The bundled files, by the name they get in a generated flake. */
  static final List<String> FILES = List.of("lib.nix", "module.nix");

  private BundledNix() {}

  /** The bytes of the resource FILE (e.g. {@code lib.nix}) as they are. */
  static byte[] source(String file) {
    String resource = "/dev/flakegen/render/" + file;
    try (InputStream in = BundledNix.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** FILE: the resource parsed, checked and printed (with its header). */
  static byte[] render(String file) {
    byte[] bytes = source(file);
    Expr tree = CheckedNix.check(file, bytes);
    SourceComments.Scan scan;
    try {
      scan = SourceComments.scan(new NixSource(file, bytes,
          new PathResolver("/flakegen", "/flakegen-home")));
    } catch (NixErrorException e) {
      throw new RenderException(e.error().format(file), e);
    }
    SourceComments.Comment comment = scan.firstUnsupported().orElse(null);
    if (comment != null) {
      throw new RenderException(file + ":" + comment.pos().line() + ":" + comment.pos().column()
          + ": error: only a header of # lines may hold comments (the printed file would lose"
          + " this one)");
    }
    List<String> header = scan.header().orElseThrow();
    return CheckedNix.print(file, tree, header);
  }
}
