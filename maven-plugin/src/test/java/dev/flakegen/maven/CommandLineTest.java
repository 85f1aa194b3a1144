package dev.flakegen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/** {@code -Dflakegen.model} and {@code -Dflakegen.overrideInputs} over what the POM sets. */
class CommandLineTest {

  @Test
  void theCommandLinesModelWinsOverThePomsAndThePomsIsKeptWithoutIt() {
    Properties user = new Properties();
    assertThat(CommandLine.model("com.example.Pom", user)).isEqualTo("com.example.Pom");
    assertThat(CommandLine.model(null, user)).isNull();
    user.setProperty("flakegen.model", "com.example.Cli");
    assertThat(CommandLine.model("com.example.Pom", user)).isEqualTo("com.example.Cli");
    assertThat(CommandLine.model(null, user)).isEqualTo("com.example.Cli");
    user.setProperty("flakegen.model", " ");
    assertThat(CommandLine.model("com.example.Pom", user)).isEqualTo("com.example.Pom");
  }

  @Test
  void overrideInputsFromThePropertyAddToThePomsAndReplaceTheSameInput() throws Exception {
    Map<String, String> pom = Map.of("nixpkgs", "path:/pom", "hostpkgs", "path:/host");
    assertThat(CommandLine.overrideInputs(pom, null)).isEqualTo(pom);
    assertThat(CommandLine.overrideInputs(null, "")).isEmpty();
    assertThat(CommandLine.overrideInputs(pom,
        "nixpkgs=path:/src/nixpkgs, keys = github:o/r?dir=a,b=path:/x=y"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("nixpkgs", "path:/src/nixpkgs",
            "hostpkgs", "path:/host", "keys", "github:o/r?dir=a", "b", "path:/x=y"));
  }

  @Test
  void aMalformedEntryIsABuildFailureNamingItsPlace() {
    assertThatThrownBy(() -> CommandLine.overrideInputs(null, "nixpkgs=path:/a,oops"))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("flakegen: flakegen.overrideInputs[1]: \"oops\" must be INPUT=FLAKE"
            + " (e.g. nixpkgs=path:/src/nixpkgs)");
    assertThatThrownBy(() -> CommandLine.overrideInputs(null, "a/b=path:/a"))
        .hasMessageStartingWith("flakegen: flakegen.overrideInputs[0]: \"a/b\" is not a flake"
            + " input name");
    assertThatThrownBy(() -> CommandLine.overrideInputs(null, "nixpkgs="))
        .hasMessage("flakegen: flakegen.overrideInputs[0]: the flake for \"nixpkgs\" is empty");
    assertThatThrownBy(() -> CommandLine.overrideInputs(null, "a=path:/a,"))
        .hasMessageContaining("flakegen.overrideInputs[1]: \"\" must be INPUT=FLAKE");
  }
}
