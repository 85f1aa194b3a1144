package dev.flakegen.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shell text as {@code writeShellApplication} writes it, for bash and shellcheck. */
public final class ShellScripts {

  /** The preamble of a {@code writeShellApplication} script (bash from the store, strict mode). */
  public static final String PREAMBLE = "#!/nix/store/00000000000000000000000000000000-bash-5.2p37"
      + "/bin/bash\nset -o errexit\nset -o nounset\nset -o pipefail\n\n";

  private ShellScripts() {}

  /** Writes {@code text} after the preamble to {@code file}. */
  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, PREAMBLE + text, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The UTF-8 bytes of each value followed by a NUL: what {@code printf '%s\\0' "$@"} writes. */
  public static byte[] nulJoined(List<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String value : values) {
      out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    return out.toByteArray();
  }
}
