package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.print.CanonicalPrinter;
import dev.flakegen.nix.testing.NixOracle;
import dev.flakegen.testing.NixTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested and multi-megabyte inputs parse, check and print. (Nix itself gives up beyond
 * 10,000 parser stack entries; flakegen gives up, with Nix's message, only well beyond that.)
 */
@NixTest
class LargeInputTest {

  private static ParsedSource parse(String text) {
    return SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")));
  }

  /**
   * The one deliberate difference from Nix: Nix's parser stack holds 10,000 entries, so it gives
   * up on 9,996 nested parentheses; flakegen parses them, up to its own limit (about four times
   * deeper for parentheses), past which it refuses with Nix's message.
   */
  @Test
  void nixGivesUpOnDepthThatFlakegenParses() throws java.io.IOException {
    Path file = Path.of("src/test/resources/parens-9996-nix-gives-up.nix").toAbsolutePath();
    NixOracle.Result nix = NixOracle.parse(file);
    assertThat(nix.accepted()).isFalse();
    assertThat(nix.message()).isEqualTo("memory exhausted");
    assertThat(CanonicalPrinter.print(SourceParser.parse(NixSource.ofFile(file)))).isEqualTo("1");
  }

  @Test
  void fifteenThousandNestedParentheses() {
    ParsedSource parsed = parse("(".repeat(15_000) + "1" + ")".repeat(15_000));
    assertThat(CanonicalPrinter.print(parsed)).isEqualTo("1");
  }

  /** Hostile nesting is refused as Nix refuses it, early, so memory stays bounded. */
  @Test
  void aMillionNestedParenthesesAreRefusedAsNixRefusesThem() {
    String text = "(".repeat(1_000_000) + "1" + ")".repeat(1_000_000);
    for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
      assertThatThrownBy(() -> SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")),
          dialect))
          .isInstanceOfSatisfying(NixErrorException.class,
              e -> assertThat(e.error().message()).isEqualTo("memory exhausted"));
    }
  }

  @Test
  void tenThousandRightAssociativeOperators() {
    ParsedSource parsed = parse(String.join(" ++ ", java.util.Collections.nCopies(10_000, "[1]")));
    String canonical = CanonicalPrinter.print(parsed);
    assertThat(canonical).startsWith("([ (1) ] ++ ([ (1) ] ++ ").endsWith(")".repeat(9_999));
  }

  @Test
  void aHundredThousandRightAssociativeOperatorsAreRefused() {
    String text = String.join(" ++ ", java.util.Collections.nCopies(100_000, "[1]"));
    assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(NixErrorException.class,
        e -> assertThat(e.error().message()).isEqualTo("memory exhausted"));
  }

  @Test
  void deeplyNestedSetsAndLambdas() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("x").append(i).append(": { a = ");
    }
    text.append("x0");
    text.append("; }".repeat(5_000));
    ParsedSource parsed = parse(text.toString());
    assertThat(StaticChecks.undefinedVariable(parsed)).isEmpty();
    assertThat(CanonicalPrinter.print(parsed)).startsWith("(x0: { a = (x1: { a = ");
  }

  @Test
  void aMultiMegabyteFile() {
    StringBuilder text = new StringBuilder("{\n");
    for (int i = 0; i < 100_000; i++) {
      text.append("  pkg").append(i).append(" = callPackage ./pkgs/pkg").append(i)
          .append(" { inherit (self) lib; version = \"1.").append(i).append("\"; };\n");
    }
    text.append("}\n");
    assertThat(text.length()).isGreaterThan(6_000_000);
    ParsedSource parsed = parse("callPackage: self: " + text);
    assertThat(StaticChecks.undefinedVariable(parsed)).isEmpty();
    assertThat(CanonicalPrinter.print(parsed)).contains("pkg99999 = (callPackage /tmp/pkgs/pkg99999"
        + " { inherit (self) lib; }".replace("inherit (self) lib;", "lib = (self).lib;")
            .replace(" }", " version = \"1.99999\"; })"));
    assertThat(parsed.expression()).isNotInstanceOf(AttributeSet.class);
  }
}
