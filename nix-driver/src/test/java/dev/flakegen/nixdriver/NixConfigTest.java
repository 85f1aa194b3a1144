package dev.flakegen.nixdriver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.nix.NixSettings;
import org.junit.jupiter.api.Test;

/**
 * Main code and the tests run Nix with the same settings: NixDriver's default {@code NIX_CONFIG}
 * (the one main code uses) is the test kit's {@link NixSettings#CONFIG}.
 */
class NixConfigTest {

  @Test
  void theDriversDefaultConfigIsTheTestsConfig() {
    assertThat(NixDriver.DEFAULT_CONFIG).isEqualTo(NixSettings.CONFIG);
    assertThat(NixSettings.HOST.config()).isEqualTo(NixSettings.CONFIG);
  }

  @Test
  void theTrixieSettingsRunNixThroughInRootWithTheirOwnConfig() {
    NixSettings trixie = NixSettings.trixie();
    assertThat(trixie.config()).startsWith(NixSettings.CONFIG).endsWith("\nbuild-users-group =");
    assertThat(trixie.command(java.util.List.of("nix", "--version")))
        .endsWith("trixie", "--", "env", "NIX_CONFIG=" + trixie.config(), "nix", "--version");
    assertThat(trixie.withExperimentalFeatures("pipe-operators").config())
        .isEqualTo("experimental-features = pipe-operators\nsubstituters =\nbuild-users-group =");
  }
}
