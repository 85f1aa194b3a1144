package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.Nix.indentedString;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Escape;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.RawText;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceParser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The indented-string escaper case by case: the pieces it builds and the source text they print
 * as. The property test checks the same against Nix on random text.
 */
class IndentedStringTest {

  static RawText raw(String text) {
    return new RawText(text);
  }

  static Escape esc(String value) {
    return new Escape(value);
  }

  static IndentedString pieces(IndentedPart... parts) {
    return new IndentedString(List.of(parts), SourcePos.NONE);
  }

  /** Asserts the pieces, their exact source, and that the source parses back to them. */
  static void encodes(Expr built, IndentedPart[] expected, String source) {
    assertThat(built).isInstanceOf(IndentedString.class);
    assertThat(((IndentedString) built).parts()).containsExactly(expected);
    assertThat(StringSource.of(built)).isEqualTo(source);
    assertThat(SourceParser.parse(NixSource.ofString(source, Path.of("/"))).expression())
        .isEqualTo(built);
  }

  static IndentedPart[] are(IndentedPart... parts) {
    return parts;
  }

  @Test
  void plainTextIsOneRawPiece() {
    encodes(indentedString(""), are(), "''\n''");
    encodes(indentedString("hello"), are(raw("hello")), "''\nhello''");
    encodes(indentedString("a\nb\n"), are(raw("a\nb\n")), "''\na\nb\n''");
    encodes(indentedString("\n\nx\n\n"), are(raw("\n\nx\n\n")), "''\n\n\nx\n\n''");
    encodes(indentedString("a\n  b\n\tc"), are(raw("a\n  b\n\tc")), "''\na\n  b\n\tc''");
    encodes(indentedString("é 中 \uD83D\uDE00"), are(raw("é 中 \uD83D\uDE00")),
        "''\né 中 \uD83D\uDE00''");
    encodes(indentedString("\"\\# /* */ {}"), are(raw("\"\\# /* */ {}")),
        "''\n\"\\# /* */ {}''");
  }

  @Test
  void commonIndentationIsProtectedByEscapingOneSpace() {
    encodes(indentedString("  a\n  b\n"), are(raw("  a\n"), esc(" "), raw(" b\n")),
        "''\n  a\n''\\  b\n''");
    encodes(indentedString("    a\n  b"), are(raw("    a\n"), esc(" "), raw(" b")),
        "''\n    a\n''\\  b''");
    encodes(indentedString("  a"), are(esc(" "), raw(" a")), "''\n''\\  a''");
    encodes(indentedString("\n  a"), are(raw("\n"), esc(" "), raw(" a")), "''\n\n''\\  a''");
    encodes(indentedString(" "), are(esc(" ")), "''\n''\\ ''");
    encodes(indentedString("   "), are(esc(" "), raw("  ")), "''\n''\\   ''");
  }

  @Test
  void aLastLineOfSpacesIsKept() {
    encodes(indentedString("a\n  "), are(raw("a\n"), esc(" "), raw(" ")), "''\na\n''\\  ''");
    encodes(indentedString("  a\n "), are(raw("  a\n"), esc(" ")), "''\n  a\n''\\ ''");
  }

  @Test
  void quotesAndDollars() {
    encodes(indentedString("a''b"), are(raw("a"), esc("''"), raw("b")), "''\na'''b''");
    encodes(indentedString("a'''b"), are(raw("a"), esc("''"), raw("'b")), "''\na''''b''");
    encodes(indentedString("a${b}"), are(raw("a"), esc("$"), raw("{b}")), "''\na''${b}''");
    encodes(indentedString("a$${b}"), are(raw("a$${b}")), "''\na$${b}''");
    encodes(indentedString("a$$${b}"), are(raw("a$$"), esc("$"), raw("{b}")),
        "''\na$$''${b}''");
    encodes(indentedString("a$b $"), are(raw("a$b "), esc("$")), "''\na$b ''$''");
    encodes(indentedString("a$$"), are(raw("a$$")), "''\na$$''");
    encodes(indentedString("it's"), are(raw("it's")), "''\nit's''");
    encodes(indentedString("a'"), are(raw("a"), esc("'")), "''\na''\\'''");
    encodes(indentedString("a'''"), are(raw("a"), esc("''"), esc("'")), "''\na'''''\\'''");
    encodes(indentedString("''$"), are(esc("''"), esc("$")), "''\n'''''$''");
    encodes(indentedString("'$"), are(esc("'"), esc("$")), "''\n''\\'''$''");
    encodes(indentedString("$'"), are(esc("$"), esc("'")), "''\n''$''\\'''");
    encodes(indentedString("''\\n"), are(esc("''"), raw("\\n")), "''\n'''\\n''");
  }

  @Test
  void carriageReturnsAndTabsThatEndLinesAreEscaped() {
    encodes(indentedString("a\r\nb"), are(raw("a"), esc("\r"), raw("\nb")), "''\na''\\r\nb''");
    encodes(indentedString("a\t\nb\tc"), are(raw("a"), esc("\t"), raw("\nb\tc")),
        "''\na''\\t\nb\tc''");
    encodes(indentedString("'\r"), are(esc("'"), esc("\r")), "''\n''\\'''\\r''");
  }

  @Test
  void interpolations() {
    Variable x = variable("x");
    Interpolation ix = new Interpolation(x, SourcePos.NONE);
    encodes(indentedString("a$", x, "'"), are(raw("a"), esc("$"), ix, esc("'")),
        "''\na''$${x}''\\'''");
    encodes(indentedString(x, "\n", x), are(ix, raw("\n"), ix), "''\n${x}\n${x}''");
    encodes(indentedString("  ", x, "\n  b"), are(raw("  "), ix, raw("\n"), esc(" "), raw(" b")),
        "''\n  ${x}\n''\\  b''");
    encodes(indentedString("  ", x), are(esc(" "), raw(" "), ix), "''\n''\\  ${x}''");
    encodes(indentedString("a'", x), are(raw("a"), esc("'"), ix), "''\na''\\'${x}''");
    encodes(indentedString("a", string("b''"), "c"),
        are(raw("a"), new Interpolation(string("b''"), SourcePos.NONE), raw("c")),
        "''\na${\"b''\"}c''");
  }

  @Test
  void linesEndingInInvisibleWhitespaceFallBackToDoubleQuotes() {
    assertThat(indentedString("a \nb")).isEqualTo(string("a \nb"));
    assertThat(indentedString("a\n  \nb")).isEqualTo(string("a\n  \nb"));
    assertThat(indentedString("a\u00A0\nb")).isEqualTo(string("a\u00A0\nb"));
    assertThat(indentedString("a\u000B\nb")).isEqualTo(string("a\u000B\nb"));
    assertThat(indentedString("a", " ", "\n", variable("x")))
        .isEqualTo(string("a \n", variable("x")));
    assertThat(StringSource.of(indentedString("a \n${b}")))
        .isEqualTo("\"a \\n\\${b}\"");
    assertThat(indentedString("a \n")).isInstanceOf(StringLiteral.class);
    assertThat(indentedString("a ")).isInstanceOf(IndentedString.class);
    assertThat(indentedString("a\t\n")).isInstanceOf(IndentedString.class);
  }

  @Test
  void printersMayIndentRawLines() {
    Expr e = indentedString("  a\n\n  b\n");
    assertThat(StringSource.of(e, 4)).isEqualTo("''\n      a\n\n    ''\\  b\n    ''");
    assertThat(SourceParser.parse(NixSource.ofString(StringSource.of(e, 4), Path.of("/")))
        .expression()).isEqualTo(e);
  }
}
