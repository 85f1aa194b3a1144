package dev.flakegen.nix.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.RawUtf8;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The printer's name order is that of the names' bytes, as Nix's C++ strings compare. */
class CompareBytesTest {

  /** Pieces around the boundaries: ASCII, two- and three-byte, raw bytes, surrogate pairs. */
  private static final String[] PIECES = {
    "",
    "a",
    "b",
    "z",
    "\u007f",
    "\u00e9",
    "\u07ff",
    "\u0800",
    "\ud7ff",
    "\ue000",
    "\uffff",
    "\udc80",
    "\udcff",
    "\ud800\udc00",
    "\ud83d\ude00",
    "\udbff\udfff"
  };

  @Test
  void ordersAsTheUtf8BytesDo() {
    Random random = new Random(18);
    for (int round = 0; round < 200_000; round++) {
      String a = randomName(random);
      String b = random.nextInt(4) == 0 ? a + randomName(random) : randomName(random);
      int expected = Integer.signum(Arrays.compareUnsigned(RawUtf8.encode(a), RawUtf8.encode(b)));
      assertThat(Integer.signum(CanonicalText.compareBytes(a, b)))
          .as("%s vs %s", escaped(a), escaped(b))
          .isEqualTo(expected);
      assertThat(Integer.signum(CanonicalText.compareBytes(b, a)))
          .as("%s vs %s", escaped(b), escaped(a))
          .isEqualTo(-expected);
    }
  }

  private static String randomName(Random random) {
    StringBuilder name = new StringBuilder();
    int pieces = random.nextInt(4);
    for (int i = 0; i < pieces; i++) {
      name.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return name.toString();
  }

  private static String escaped(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
    return out.toString();
  }
}
