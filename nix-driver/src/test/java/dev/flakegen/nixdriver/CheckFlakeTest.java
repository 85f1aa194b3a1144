package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;
import static dev.flakegen.nixdriver.Fixtures.NIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NixDriver#checkFlake}: a flake whose check builds passes; a failing check throws. */
@NixTest
class CheckFlakeTest {

  @TempDir
  Path flake;

  private Installable flakeWithCheck(String name, String script) throws IOException {
    // a flake is evaluated purely: the system is spelled out, not builtins.currentSystem
    String check = ReadablePrinter.print(apply(variable("derivation"), set()
        .attr("name", string(name))
        .attr("system", string("x86_64-linux"))
        .attr("builder", string("/bin/sh"))
        .attr("args", list(string("-c"), string(script)))
        .build()));
    Files.writeString(flake.resolve("flake.nix"), "{ outputs = { self }: { checks.x86_64-linux."
        + "only = " + check.strip() + "; }; }\n");
    return Installable.of("path:" + flake);
  }

  @Test
  void aPassingCheckIsBuiltWithItsLogStreamed() throws Exception {
    String name = Fixtures.unique("flake-check");
    List<String> lines = new CopyOnWriteArrayList<>();
    NIX.checkFlake(flakeWithCheck(name, "echo checking " + name + "; echo ok > $out"),
        lines::add);
    assertThat(lines).anySatisfy(line -> assertThat(line).contains("checking " + name));
  }

  @Test
  void aFailingCheckCarriesNixsMessage() throws Exception {
    String name = Fixtures.unique("flake-check-failing");
    Installable failing = flakeWithCheck(name, "echo the check failed >&2; exit 4");
    assertThatThrownBy(() -> NIX.checkFlake(failing, BuildLogListener.IGNORE))
        .isInstanceOfSatisfying(NixFailureException.class, e -> {
          assertThat(e.nixMessage()).contains(name).contains("failed with exit code 4");
          assertThat(e.standardError()).contains("the check failed");
        });
    assertThatThrownBy(() -> NIX.checkFlake(Installable.expression("1"),
        BuildLogListener.IGNORE)).isInstanceOf(IllegalArgumentException.class);
  }
}
