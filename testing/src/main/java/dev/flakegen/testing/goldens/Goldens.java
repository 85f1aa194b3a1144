package dev.flakegen.testing.goldens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Expected outputs checked in next to the tests. {@link #check} compares a test's output with its
 * golden file; with {@value #UPDATE_PROPERTY}{@code =true} (e.g. {@code mvn -o test
 * -Dflakegen.updateGoldens=true}) it rewrites the file instead, and the diff shows what a change
 * does. CI never sets the switch.
 */
public final class Goldens {

  /** The one switch that rewrites every golden. */
  public static final String UPDATE_PROPERTY = "flakegen.updateGoldens";

  private Goldens() {}

  /** Whether this run rewrites the goldens. */
  public static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /**
   * Fails unless {@code golden} holds exactly {@code actual} (UTF-8); when {@link #updating()},
   * writes {@code actual} there first (making its folder).
   */
  public static void check(Path golden, String actual) {
    check(golden, actual.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #check(Path, String)}, byte for byte (for text that need not be valid UTF-8). */
  public static void check(Path golden, byte[] actual) {
    try {
      if (updating()) {
        Files.createDirectories(golden.toAbsolutePath().getParent());
        Files.write(golden, actual);
      }
      if (!Files.isRegularFile(golden)) {
        throw new AssertionError(
            "no golden " + golden + " (write it with -D" + UPDATE_PROPERTY + "=true)");
      }
      byte[] expected = Files.readAllBytes(golden);
      if (!Arrays.equals(expected, actual)) {
        throw new AssertionError(
            "differs from the golden "
                + golden
                + firstDifference(
                    new String(expected, StandardCharsets.UTF_8),
                    new String(actual, StandardCharsets.UTF_8))
                + "\n(if the change is meant, rewrite it with -D"
                + UPDATE_PROPERTY
                + "=true and read the diff)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] want = expected.split("\n", -1);
    String[] got = actual.split("\n", -1);
    for (int line = 0; ; line++) {
      String a = line < want.length ? want[line] : "(end of file)";
      String b = line < got.length ? got[line] : "(end of file)";
      if (!a.equals(b) || line >= Math.max(want.length, got.length)) {
        return " at line " + (line + 1) + ":\n  golden: " + a + "\n  actual: " + b;
      }
    }
  }
}
