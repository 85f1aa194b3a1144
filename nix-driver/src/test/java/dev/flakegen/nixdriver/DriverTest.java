package dev.flakegen.nixdriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.testing.NixTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's configuration, a missing Nix, and the JSON form of values. */
@NixTest
class DriverTest {

  @Test
  void aMissingNixSaysHowToInstallIt(@TempDir Path empty) {
    NixDriver driver = NixDriver.builder().binDirectory(empty).build();
    assertThatThrownBy(driver::version)
        .isInstanceOf(NixNotFoundException.class)
        .hasMessageContaining("nix: not found (looked in " + empty + ")")
        .hasMessageContaining("apt-get install nix-bin");
    NixDriver noPath = NixDriver.builder().environment("PATH", empty.toString()).build();
    assertThatThrownBy(noPath::version)
        .isInstanceOf(NixNotFoundException.class)
        .hasMessageContaining("looked in PATH=" + empty);
  }

  @Test
  void theBinaryFolderAndSettingsAreConfigurable() throws InterruptedException {
    NixDriver driver = NixDriver.builder().binDirectory(Path.of("/usr/bin"))
        .addConfig("restrict-eval = true").timeout(Duration.ofSeconds(30)).build();
    assertThat(driver.version()).startsWith("nix (Nix) ");
    assertThat(driver.nixProgram()).isEqualTo(Path.of("/usr/bin/nix"));
    assertThat(driver.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(driver.withTimeout(Duration.ofSeconds(1)).timeout())
        .isEqualTo(Duration.ofSeconds(1));
    Installable readHostFile = Installable.expression(
        dev.flakegen.nix.build.Nix.parse("builtins.readFile \"/etc/hostname\""));
    assertThat(Fixtures.NIX.evaluate(readHostFile)).isInstanceOf(NixValue.StringValue.class);
    assertThatThrownBy(() -> driver.evaluate(readHostFile))
        .isInstanceOfSatisfying(NixFailureException.class, e -> assertThat(e.nixMessage())
            .isIn("access to absolute path '/etc/hostname' is forbidden in restricted mode",
                "access to absolute path '/etc' is forbidden in restricted mode")); // Nix 2.26
    // Without nix-command, the nix command refuses: the settings reach it.
    NixDriver withoutFeatures = NixDriver.builder().config("experimental-features =").build();
    assertThatThrownBy(() -> withoutFeatures.evaluate(
        Installable.expression(dev.flakegen.nix.build.Nix.integer(1))))
        .isInstanceOfSatisfying(NixFailureException.class,
            e -> assertThat(e.nixMessage()).contains("experimental Nix feature 'nix-command'"));
    assertThatThrownBy(() -> NixDriver.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuesToJson() {
    NixValue value = new NixValue.AttrsValue(Map.of("l", new NixValue.ListValue(List.of(
        new NixValue.FloatValue(1.5), new NixValue.NullValue(), new NixValue.BooleanValue(false),
        new NixValue.StorePathValue("/nix/store/x"), new NixValue.StringValue("\"q\"")))));
    assertThat(value.toJson()).isEqualTo("{\"l\":[1.5,null,false,\"/nix/store/x\",\"\\\"q\\\"\"]}");
    assertThat(JsonValues.parsePlain(value.toJson())).isEqualTo(new NixValue.AttrsValue(Map.of(
        "l", new NixValue.ListValue(List.of(new NixValue.FloatValue(1.5),
            new NixValue.NullValue(), new NixValue.BooleanValue(false),
            new NixValue.StringValue("/nix/store/x"), new NixValue.StringValue("\"q\""))))));
    assertThat(value.find("l", "4")).contains(new NixValue.StringValue("\"q\""));
    assertThat(value.find("l", "9")).isEmpty();
    assertThatThrownBy(() -> List.of(new NixValue.ListValue(List.of()).items().add(null)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void installablesAreChecked() {
    assertThatThrownBy(() -> Installable.of("--impure")).isInstanceOf(
        IllegalArgumentException.class);
    assertThatThrownBy(() -> Installable.expression(dev.flakegen.nix.build.Nix.integer(1))
        .withOverrideInput("nixpkgs", "path:/x")).isInstanceOf(IllegalStateException.class);
    Installable base = Installable.of("path:/x#a");
    Installable overridden = base.withOverrideInput("nixpkgs", "path:/y");
    assertThat(base.inputOverrides()).isEmpty();
    assertThat(overridden.inputOverrides()).containsExactly(Map.entry("nixpkgs", "path:/y"));
  }
}
