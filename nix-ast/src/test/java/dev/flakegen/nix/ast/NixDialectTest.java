package dev.flakegen.nix.ast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dialect is chosen where a source is parsed, and the variable check and the canonical printer
 * follow it (the differential corpus proves each dialect against its real Nix).
 */
class NixDialectTest {

  private static ParsedSource parse(String text, NixDialect dialect) {
    return SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")), dialect);
  }

  @Test
  void versionsAreReadAsNixNumbersThem() {
    assertThat(NixVersion.of("2.26")).isEqualTo(NixVersion.NIX_2_26);
    assertThat(NixVersion.of("2.26.3")).isEqualTo(NixVersion.NIX_2_26);
    assertThat(NixVersion.of("2.8.0")).isEqualTo(NixVersion.NIX_2_8);
    assertThatThrownBy(() -> NixVersion.of("2.2")).hasMessageContaining("known: 2.8, 2.26");
    assertThatThrownBy(() -> NixVersion.of("2.80")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTodaysNixHasPipeOperators() {
    assertThat(NixDialect.NIX_2_26.withPipeOperators().pipeOperators()).isTrue();
    assertThatThrownBy(NixDialect.NIX_2_8::withPipeOperators)
        .hasMessage("Nix 2.8 has no pipe-operators feature");
  }

  @Test
  void theCheckAndThePrinterFollowTheParse() {
    String text = "x: let b = 1; a = 2; inherit x; in { inherit x; c = \"$y\"; }";
    assertThat(CanonicalPrinter.print(parse(text, NixDialect.NIX_2_26)))
        .isEqualTo("(x: (let inherit x; a = 2; b = 1; in { inherit x; c = \"$y\"; }))");
    assertThat(CanonicalPrinter.print(parse(text, NixDialect.NIX_2_8)))
        .isEqualTo("(x: (let b = 1; a = 2; inherit x; in { c = \"\\$y\"; inherit x ; }))");
    assertThat(StaticChecks.undefinedVariable(parse("fetchTree", NixDialect.NIX_2_8))).isEmpty();
    assertThat(StaticChecks.undefinedVariable(parse("fetchTree", NixDialect.NIX_2_26)))
        .map(NixError::message).contains("undefined variable 'fetchTree'");
  }

  @Test
  void pipeOperatorsAreCallsThatNeverMix() {
    NixDialect pipes = NixDialect.NIX_2_26.withPipeOperators();
    assertThat(CanonicalPrinter.print(parse("f: g: x: x |> f 1 |> g", pipes)))
        .isEqualTo("(f: (g: (x: (g (f 1 x)))))");
    assertThat(CanonicalPrinter.print(parse("f: g: x: f <| g <| x", pipes)))
        .isEqualTo("(f: (g: (x: (f (g x)))))");
    assertThatThrownBy(() -> parse("f: g: x: f <| g |> x", pipes))
        .isInstanceOfSatisfying(NixErrorException.class, e -> assertThat(e.error().format("t"))
            .isEqualTo("t:1:17: error: syntax error, unexpected PIPE_INTO"));
    assertThatThrownBy(() -> parse("x |> f", NixDialect.NIX_2_26))
        .hasMessageContaining("experimental Nix feature 'pipe-operators' is disabled");
  }
}
