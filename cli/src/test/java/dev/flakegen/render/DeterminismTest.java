package dev.flakegen.render;

import static dev.flakegen.model.ModelFixtures.implementation;
import static dev.flakegen.model.ModelFixtures.parameters;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Check;
import dev.flakegen.model.Flake;
import dev.flakegen.model.Implementation;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.Value;
import dev.flakegen.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Same model, same bytes: across runs, insertion orders, locales, charsets and JVMs. */
class DeterminismTest {

  @Test
  void renderingTwiceGivesTheSameBytes() {
    assertThat(DeterminismMain.digests()).isEqualTo(DeterminismMain.digests());
    assertThat(FlakeRenderer.render(HostileStringsTest.flake()))
        .isEqualTo(FlakeRenderer.render(HostileStringsTest.flake()));
  }

  static Flake flake(List<String> order) {
    Flake.Builder flake = Flake.builder().parameters(parameters());
    Map<String, Value> seed = new LinkedHashMap<>();
    Implementation.Builder withResolutions = implementation("r");
    for (String name : order) {
      flake.addResource(name, implementation(name));
      flake.addCheck("check-" + name, Check.builder(name));
      seed.put(name, Value.of(name));
      withResolutions.addInitResolution(name, ShellScript.raw("exit 0"));
    }
    return flake.addResource("with-seed", withResolutions.seed(Value.map(seed))).build();
  }

  @Test
  void theOrderThingsWereAddedInDoesNotMatter() {
    List<String> names = List.of("zeta", "alpha", "Beta", "_x", "m-1", "m'2", "mu");
    List<String> reversed = new ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    assertThat(FlakeRenderer.render(flake(reversed))).isEqualTo(FlakeRenderer.render(
        flake(names)));
    Map<String, Value> hashed = new HashMap<>();
    Map<String, Value> linked = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      hashed.put("k" + i, Value.of(i));
    }
    for (int i = 99; i >= 0; i--) {
      linked.put("k" + i, Value.of(i));
    }
    assertThat(Value.map(hashed)).isEqualTo(Value.map(linked));
  }

  @Test
  void otherLocalesCharsetsAndTimeZonesGiveTheSameBytes() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> expected = DeterminismMain.digests();
    for (List<String> options : List.of(
        List.of("-Duser.language=tr", "-Duser.country=TR", "-Dfile.encoding=ISO-8859-1",
            "-Dsun.jnu.encoding=ISO-8859-1", "-Duser.timezone=Pacific/Kiritimati"),
        List.of("-Duser.language=ar", "-Duser.country=EG", "-Dfile.encoding=UTF-16",
            "-Duser.timezone=America/St_Johns", "-XX:+UseSerialGC"))) {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(options);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          DeterminismMain.class.getName()));
      Tools.Result result = Tools.run(command, null, null, Map.of("LC_ALL", "C", "LANG", "C",
          "TZ", "Asia/Kolkata")).ok(String.join(" ", command));
      assertThat(result.out().lines().toList()).as("%s", options).isEqualTo(expected);
    }
  }
}
