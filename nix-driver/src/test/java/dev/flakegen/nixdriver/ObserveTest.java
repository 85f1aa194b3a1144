package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.parse;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.update;
import static dev.flakegen.nixdriver.Fixtures.NIX;
import static dev.flakegen.nixdriver.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nixdriver.NixValue.IntegerValue;
import dev.flakegen.nixdriver.NixValue.StorePathValue;
import dev.flakegen.nixdriver.NixValue.StringValue;
import dev.flakegen.testing.NixTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link NixDriver#observe}: one attribute path, without forcing or building the rest. */
@NixTest
class ObserveTest {

  @Test
  void anAttributeDeepInsideADerivationWithoutBuildingIt() throws InterruptedException {
    String name = Fixtures.unique("observed");
    Expr meta = set().attr(attrPath("license", "shortName"), string("gpl3Plus")).build();
    // Building it would fail: observing must not build.
    Installable derivation = Installable.expression(
        update(Fixtures.derivation(name, "exit 1"), set().attr("meta", meta).build()));

    assertThat(NIX.observe(derivation, "meta", "license", "shortName"))
        .isEqualTo(new StringValue("gpl3Plus"));
    assertThat(NIX.observe(derivation, "name")).isEqualTo(new StringValue(name));

    NixValue whole = NIX.observe(derivation);
    assertThat(whole).isInstanceOf(StorePathValue.class);
    StorePath out = StorePath.of(((StorePathValue) whole).path());
    assertThat(out.name()).isEqualTo(name);
    assertThat(NIX.observe(derivation, "outPath")).isEqualTo(new StringValue(out.path()));
    assertThat(NIX.checkPath(NixStore.local(), out)).isFalse();
    // Evaluating wrote the derivation file (instantiation), which is not building it.
    StorePath drv = StorePath.of(((StringValue) NIX.observe(derivation, "drvPath")).value());
    assertThat(drv.isDerivation()).isTrue();
    assertThat(NIX.validPaths(NixStore.local(), java.util.List.of(drv, out))).containsExactly(drv);
  }

  @Test
  void theRestIsNotForced() throws InterruptedException {
    Installable value = Installable.expression(
        parse("{ broken = throw \"forced\"; a.b = [ 1 (throw \"no\") ]; a.c.d = 7; }"));
    assertThat(NIX.observe(value, "a", "c", "d")).isEqualTo(new IntegerValue(7));
    assertThat(NIX.observe(value, "a", "c")).isEqualTo(
        new NixValue.AttrsValue(Map.of("d", new IntegerValue(7))));
    assertThatThrownBy(() -> NIX.observe(value, "a", "b"))
        .isInstanceOfSatisfying(NixFailureException.class,
            e -> assertThat(e.nixMessage()).isEqualTo("no"));
  }

  @Test
  void namesAreNamesNotNixText() throws InterruptedException {
    Installable value = Installable.expression(set()
        .attr("a.b", integer(1))
        .attr("${x}", integer(2))
        .build());
    assertThat(NIX.observe(value, "a.b")).isEqualTo(new IntegerValue(1));
    assertThat(NIX.observe(value, "${x}")).isEqualTo(new IntegerValue(2));
  }

  @Test
  void setsWithAnOutPathStandForThePathInsideValues() throws InterruptedException {
    NixValue value = NIX.observe(example("hello", "packages.x86_64-linux"), "hello");
    assertThat(value).isInstanceOf(StorePathValue.class);
    assertThat(((StorePathValue) value).path()).endsWith("-hello-setup");
    assertThat(NIX.observe(example("hello", "packages.x86_64-linux.hello"), "meta", "mainProgram"))
        .isEqualTo(new StringValue("setup"));
  }
}
