package dev.flakegen.render;

import static dev.flakegen.nix.build.Nix.indentedString;
import static dev.flakegen.nix.build.Nix.set;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.AttrSetBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runtime programs of the {@code runtime} module (class-path resources under {@code
 * dev/flakegen/runtime/}), by the attribute name {@code scripts.nix} gives each.
 */
final class Templates {

  /** Attribute name → resource, in the order of {@code scripts.nix}. */
  static final Map<String, String> FILES = files();

  private static Map<String, String> files() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("core", "lib/core.sh");
    files.put("common", "lib/common.sh");
    files.put("lifecycle", "lib/lifecycle.sh");
    files.put("setup-hit", "setup-hit.sh");
    for (String name :
        new String[] {
          "setup",
          "failure",
          "sequential",
          "root",
          "wrap",
          "publish",
          "check",
          "release-listener",
          "resolve-listener",
          "resolve",
          "redis"
        }) {
      files.put(name, name + ".sh");
    }
    return files;
  }

  private Templates() {}

  /** The text of one program, decoded strictly as UTF-8. */
  static String text(String resource) {
    String name = "/dev/flakegen/runtime/" + resource;
    try (InputStream in = Templates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "the runtime program "
                + name
                + " is not on the class"
                + " path (is the runtime module there?)");
      }
      byte[] bytes = in.readAllBytes();
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes))
            .toString();
      } catch (CharacterCodingException e) {
        throw new IllegalStateException("the runtime program " + name + " is not UTF-8", e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code { common = ''…''; setup = ''…''; … }}: each program's exact text. */
  static Expr scriptsNix() {
    AttrSetBuilder set = set();
    for (Map.Entry<String, String> entry : FILES.entrySet()) {
      String text = text(entry.getValue());
      if (text.indexOf('\0') >= 0) {
        throw new IllegalStateException(
            "the runtime program "
                + entry.getValue()
                + " contains NUL, which a Nix string cannot hold");
      }
      set = set.attr(entry.getKey(), indentedString(text));
    }
    return set.build();
  }
}
