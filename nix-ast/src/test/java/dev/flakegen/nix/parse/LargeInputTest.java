package dev.flakegen.nix.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.testing.FlakegenParse;
import dev.flakegen.nix.print.CanonicalPrinter;
import dev.flakegen.nix.testing.NixOracle;
import dev.flakegen.testing.NixTest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Deeply nested and multi-megabyte inputs parse, check and print, up to where Nix's parser gives
 * up ({@link NestingLimitTest}), where flakegen gives up too, with Nix's message and position.
 */
@NixTest
class LargeInputTest {

  private static ParsedSource parse(String text) {
    return SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")));
  }

  private static NixErrorException refusal(String text, NixDialect dialect) {
    try {
      SourceParser.parse(NixSource.ofString(text, Path.of("/tmp")), dialect);
    } catch (NixErrorException e) {
      return e;
    }
    throw new AssertionError("accepted");
  }

  /**
   * Nix 2.8 gives up on 9,996 nested parentheses (its GLR stack fills at 9,999 entries), Nix 2.26
   * only on 9,997 (10,000 entries); flakegen gives up where each does, with its message and
   * position.
   */
  @Test
  void parenthesesNixGivesUpOn() {
    Path file = Path.of("src/test/resources/parens-9996-nix-gives-up.nix").toAbsolutePath();
    for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
      NixOracle.Result nix = NixOracle.parse(file, dialect);
      FlakegenParse.Outcome ours = FlakegenParse.parse(file, dialect);
      assertThat(ours.accepted()).isEqualTo(nix.accepted());
      assertThat(ours.message()).isEqualTo(nix.accepted() ? "" : nix.message());
      assertThat(ours.position()).isEqualTo(nix.position());
    }
    assertThat(NixOracle.parse(file, NixDialect.NIX_2_8).message()).isEqualTo("memory exhausted");
    assertThat(NixOracle.parse(file, NixDialect.NIX_2_26).accepted()).isTrue();
  }

  @Test
  void fifteenThousandNestedParenthesesAreRefused() {
    String text = "(".repeat(15_000) + "1" + ")".repeat(15_000);
    NixErrorException nix28 = refusal(text, NixDialect.NIX_2_8);
    assertThat(nix28.error().message()).isEqualTo("memory exhausted");
    assertThat(nix28.error().pos().column()).isEqualTo(9_998);
    assertThat(refusal(text, NixDialect.NIX_2_26).error().pos().column()).isEqualTo(9_999);
  }

  /**
   * Hostile nesting is refused as Nix refuses it, where Nix does: after 10,000 levels at most,
   * whatever the file's size, so the parse stays small.
   */
  @Test
  void aMillionNestedParenthesesOrListsAreRefusedAsNixRefusesThem() {
    String parentheses = "(".repeat(1_000_000) + "1" + ")".repeat(1_000_000);
    String lists = "[".repeat(1_000_000) + "]".repeat(1_000_000);
    for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
      int extra = dialect == NixDialect.NIX_2_26 ? 1 : 0;
      NixErrorException e = refusal(parentheses, dialect);
      assertThat(e.error().message()).isEqualTo("memory exhausted");
      assertThat(e.error().pos().column()).isEqualTo(9_998 + extra);
      e = refusal(lists, dialect);
      assertThat(e.error().message()).isEqualTo("memory exhausted");
      assertThat(e.error().pos().column()).isEqualTo(4_999 + extra);
    }
  }

  @Test
  void fourThousandRightAssociativeOperators() {
    ParsedSource parsed = parse(String.join(" ++ ", java.util.Collections.nCopies(4_000, "[1]")));
    String canonical = CanonicalPrinter.print(parsed);
    assertThat(canonical).startsWith("([ (1) ] ++ ([ (1) ] ++ ").endsWith(")".repeat(3_999));
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
    for (int i = 0; i < 1_500; i++) {
      text.append("x").append(i).append(": { a = ");
    }
    text.append("x0");
    text.append("; }".repeat(1_500));
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
