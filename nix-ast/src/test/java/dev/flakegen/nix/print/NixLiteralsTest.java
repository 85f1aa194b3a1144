package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.Escape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NixLiteralsTest {

  @Test
  void simpleStringEscapesBackslashQuoteAndControlCharacters() {
    assertThat(NixLiterals.simpleStringText("a\\b\"c", false)).isEqualTo("a\\\\b\\\"c");
    assertThat(NixLiterals.simpleStringText("\n\r\t", false)).isEqualTo("\\n\\r\\t");
  }

  @Test
  void simpleStringEscapesInterpolationStartsOnly() {
    assertThat(NixLiterals.simpleStringText("${x}", false)).isEqualTo("\\${x}");
    assertThat(NixLiterals.simpleStringText("$${x}", false)).isEqualTo("$\\${x}");
    assertThat(NixLiterals.simpleStringText("$a $ $$", false)).isEqualTo("$a $ $$");
    assertThat(NixLiterals.simpleStringText("a$", false)).isEqualTo("a$");
  }

  @Test
  void dollarBeforeAnInterpolationIsEscaped() {
    assertThat(NixLiterals.simpleStringText("a$", true)).isEqualTo("a\\$");
    assertThat(NixLiterals.simpleStringText("a$$", true)).isEqualTo("a$\\$");
  }

  @Test
  void nulIsABackslashAndTheNul() {
    assertThat(NixLiterals.simpleStringText("a\0b", false)).isEqualTo("a\\\0b");
  }

  @Test
  void nonAsciiIsWrittenAsItIs() {
    assertThat(NixLiterals.simpleStringText("é😀\uDCFF", false)).isEqualTo("é😀\uDCFF");
  }

  @Test
  void indentedStringEscapes() {
    assertThat(NixLiterals.indentedEscape(new Escape("''"))).isEqualTo("'''");
    assertThat(NixLiterals.indentedEscape(new Escape("$"))).isEqualTo("''$");
    assertThat(NixLiterals.indentedEscape(new Escape("'"))).isEqualTo("''\\'");
    assertThat(NixLiterals.indentedEscape(new Escape("\\"))).isEqualTo("''\\\\");
    assertThat(NixLiterals.indentedEscape(new Escape("x"))).isEqualTo("''\\x");
    assertThat(NixLiterals.indentedEscape(new Escape("\uDCFF"))).isEqualTo("''\\\uDCFF");
  }

  @Test
  void lettersTheLexerNeverEscapesArePlainText() {
    assertThat(NixLiterals.indentedEscape(new Escape("n"))).isEqualTo("n");
  }

  @Test
  void indentedStringControlEscapes() {
    assertThat(NixLiterals.indentedEscape(new Escape("\n"))).isEqualTo("''\\n");
    assertThat(NixLiterals.indentedEscape(new Escape("\r"))).isEqualTo("''\\r");
    assertThat(NixLiterals.indentedEscape(new Escape("\t"))).isEqualTo("''\\t");
    assertThat(NixLiterals.indentedEscape(new Escape(" "))).isEqualTo("''\\ ");
  }

  @ParameterizedTest
  @CsvSource({
      "0.0, 0.0",
      "1.0, 1.0",
      "1.5, 1.5",
      "0.5, 0.5",
      "0.1, 0.1",
      "100.0, 100.0",
      "1000000.0, 1000000.0",
      "123456789.0, 123456789.0",
      "1.0e15, 1000000000000000.0",
      "1.0e16, 1.0e16",
      "1.5e300, 1.5e300",
      "0.00001, 0.00001",
      "0.000001, 1.0e-6",
      "1.5e-7, 1.5e-7",
      "0.30000000000000004, 0.30000000000000004",
      "2.2250738585072014e-308, 2.2250738585072014e-308",
      "1.7976931348623157e308, 1.7976931348623157e308",
  })
  void floatsAreShortestAndLexAsFloats(double value, String written) {
    assertThat(NixLiterals.floatLiteral(value)).isEqualTo(written);
    assertThat(Double.parseDouble(written)).isEqualTo(value);
    assertThat(written).matches("(([1-9][0-9]*\\.[0-9]*)|(0?\\.[0-9]+))([Ee][+-]?[0-9]+)?");
  }

  @Test
  void negativeAndNonFiniteFloatsAreRejected() {
    assertThatThrownBy(() -> NixLiterals.floatLiteral(-1.0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("not a Nix float literal: -1.0");
    assertThatThrownBy(() -> NixLiterals.floatLiteral(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
