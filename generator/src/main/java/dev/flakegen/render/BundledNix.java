package dev.flakegen.render;

import dev.flakegen.nix.ast.Expr;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Nix files every generated flake carries as they are: the resource library {@code lib.nix}
 * and the NixOS module {@code module.nix}, resources of the {@code runtime} module. Their bytes are
 * copied verbatim, comments included, once proven: parsed and checked in every dialect a generated
 * file must be valid in, and their comment-free print parses back to the same tree (so the text
 * means exactly what the tree says; a comment cannot hide code).
 */
final class BundledNix {

  /** The bundled files, by the name they get in a generated flake. */
  static final List<String> FILES = List.of("lib.nix", "module.nix");

  private BundledNix() {}

  /** The bytes of the resource FILE (e.g. {@code lib.nix}) as they are. */
  static byte[] source(String file) {
    String resource = "/dev/flakegen/runtime/" + file;
    try (InputStream in = BundledNix.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path (is the runtime"
            + " module there?)");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * FILE's bytes, verbatim, after the proof above.
   *
   * @throws RenderException naming {@code FILE:LINE:COL} when the file fails a check
   */
  static byte[] render(String file) {
    byte[] bytes = source(file);
    Expr tree = CheckedNix.check(file, bytes);
    CheckedNix.print(file, tree, List.of());
    return bytes;
  }
}
