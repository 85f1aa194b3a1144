package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.testing.AstArbitraries;
import dev.flakegen.testing.NixTest;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random trees of every node type: readable print, parse, equal tree; the print is a fixed point
 * and keeps the layout rules.
 */
@NixTest
class ReadableRoundTripProperties {

  @Provide
  Arbitrary<Expr> trees() {
    return AstArbitraries.expressions();
  }

  @Property(tries = 1000)
  void printParsesBackToTheSameTree(@ForAll("trees") Expr tree) {
    String printed = RoundTrip.check(tree, RoundTrip.PATHS);
    assertThat(StaticChecks.undefinedVariable(RoundTrip.parse(printed, RoundTrip.PATHS)))
        .as("the generator makes trees Nix accepts:\n%s", printed).isEmpty();
    if (!printed.contains("''")) {
      // Lines of indented strings are content, outside the layout rules.
      RoundTrip.checkLayout(printed);
    }
  }
}
