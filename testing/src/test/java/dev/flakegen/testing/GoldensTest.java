package dev.flakegen.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.testing.goldens.Goldens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldensTest {

  @TempDir Path folder;

  @Test
  void aMatchingGoldenPassesAndADifferentOneNamesTheLineAndTheSwitch() throws Exception {
    Path golden = folder.resolve("a.nix");
    Files.writeString(golden, "{\n  a = 1;\n}\n");
    Goldens.check(golden, "{\n  a = 1;\n}\n");
    assertThatThrownBy(() -> Goldens.check(golden, "{\n  a = 2;\n}\n"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("at line 2:\n  golden:   a = 1;\n  actual:   a = 2;")
        .hasMessageContaining("-Dflakegen.updateGoldens=true");
    assertThatThrownBy(() -> Goldens.check(folder.resolve("missing.nix"), "x"))
        .hasMessageContaining("no golden");
  }

  @Test
  void theSwitchRewritesTheGolden() throws Exception {
    Path golden = folder.resolve("sub/b.nix");
    String before = System.getProperty(Goldens.UPDATE_PROPERTY);
    System.setProperty(Goldens.UPDATE_PROPERTY, "true");
    try {
      Goldens.check(golden, "new\n");
    } finally {
      if (before == null) {
        System.clearProperty(Goldens.UPDATE_PROPERTY);
      } else {
        System.setProperty(Goldens.UPDATE_PROPERTY, before);
      }
    }
    assertThat(golden).hasContent("new");
  }
}
