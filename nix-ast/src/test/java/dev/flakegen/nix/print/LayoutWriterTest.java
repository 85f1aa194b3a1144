package dev.flakegen.nix.print;

import static dev.flakegen.nix.print.layout.Docs.concat;
import static dev.flakegen.nix.print.layout.Docs.group;
import static dev.flakegen.nix.print.layout.Docs.hardline;
import static dev.flakegen.nix.print.layout.Docs.ifBreak;
import static dev.flakegen.nix.print.layout.Docs.line;
import static dev.flakegen.nix.print.layout.Docs.nest;
import static dev.flakegen.nix.print.layout.Docs.softline;
import static dev.flakegen.nix.print.layout.Docs.tail;
import static dev.flakegen.nix.print.layout.Docs.text;
import static dev.flakegen.nix.print.layout.Docs.verbatim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.print.layout.Doc;
import dev.flakegen.nix.print.layout.Docs;
import dev.flakegen.nix.print.layout.LayoutWriter;
import org.junit.jupiter.api.Test;

class LayoutWriterTest {

  private static Doc list(String... items) {
    Doc body = Docs.empty();
    for (String item : items) {
      body = concat(body, line(), text(item));
    }
    return group(concat(text("["), nest(body), line(), text("]")));
  }

  @Test
  void aGroupThatFitsIsFlat() {
    assertThat(LayoutWriter.render(list("a", "b"), 100)).isEqualTo("[ a b ]\n");
  }

  @Test
  void aGroupThatDoesNotFitBreaksEveryLine() {
    assertThat(LayoutWriter.render(list("aaaa", "bbbb"), 10))
        .isEqualTo("[\n  aaaa\n  bbbb\n]\n");
  }

  @Test
  void theLimitDoesNotCountIndentation() {
    Doc inner = list("aaa", "bbb");
    Doc doc = concat(text("x"), nest(nest(concat(hardline(), inner))));
    // "[ aaa bbb ]" is 11 wide: it fits in 11 columns wherever it is indented.
    assertThat(LayoutWriter.render(doc, 11)).isEqualTo("x\n    [ aaa bbb ]\n");
    assertThat(LayoutWriter.render(doc, 10)).isEqualTo("x\n    [\n      aaa\n      bbb\n    ]\n");
  }

  @Test
  void blankLinesAreNotIndentedAndTrailingSpacesAreDropped() {
    Doc doc = concat(text("a ="), nest(concat(hardline(), hardline(), text("b "), hardline(),
        text("c"))));
    assertThat(LayoutWriter.render(doc, 100)).isEqualTo("a =\n\n  b\n  c\n");
  }

  @Test
  void verbatimTextKeepsItsSpaces() {
    Doc doc = concat(text("''"), Docs.rawNewline(), verbatim("  x  "), Docs.rawNewline(),
        verbatim("  "), text("''"));
    assertThat(LayoutWriter.render(doc, 100)).isEqualTo("''\n  x  \n  ''\n");
  }

  @Test
  void exactlyOneFinalNewline() {
    assertThat(LayoutWriter.render(concat(text("a"), hardline(), hardline()), 100))
        .isEqualTo("a\n");
  }

  @Test
  void softlineIsNothingWhenFlat() {
    Doc doc = group(concat(text("("), nest(concat(softline(), text("x"))), softline(), text(")")));
    assertThat(LayoutWriter.render(doc, 100)).isEqualTo("(x)\n");
    assertThat(LayoutWriter.render(doc, 2)).isEqualTo("(\n  x\n)\n");
  }

  @Test
  void ifBreakFollowsTheEnclosingGroup() {
    Doc doc = group(concat(text("a"), nest(concat(line(), text("b"))), ifBreak(text(","),
        Docs.empty())));
    assertThat(LayoutWriter.render(doc, 100)).isEqualTo("a b\n");
    assertThat(LayoutWriter.render(doc, 2)).isEqualTo("a\n  b,\n");
  }

  @Test
  void aForcedGroupAlwaysBreaks() {
    Doc doc = group(concat(text("a"), line(), text("b")), true);
    assertThat(LayoutWriter.render(doc, 100)).isEqualTo("a\nb\n");
  }

  @Test
  void anAbsorbedTermOnlyNeedsItsFirstLineToFit() {
    Doc set = concat(text("{"), nest(concat(hardline(), text("a = 1;"))), hardline(), text("}"));
    Doc binding = group(concat(text("name ="),
        ifBreak(nest(concat(line(), tail(set))), concat(text(" "), tail(set))), text(";")));
    assertThat(LayoutWriter.render(binding, 8)).isEqualTo("name = {\n  a = 1;\n};\n");
  }

  @Test
  void aWholeGroupCountsItsAbsorbedTermToo() {
    Doc items = list("aaaaaaaaaa", "bbbbbbbbbb");
    Doc chain = Docs.wholeGroup(concat(text("x"), line(), text("++ "), tail(items)), false);
    assertThat(LayoutWriter.render(chain, 40)).isEqualTo("x ++ [ aaaaaaaaaa bbbbbbbbbb ]\n");
    assertThat(LayoutWriter.render(chain, 20))
        .isEqualTo("x\n++ [\n  aaaaaaaaaa\n  bbbbbbbbbb\n]\n");
    Doc loose = group(concat(text("x"), line(), text("++ "), tail(items)));
    assertThat(LayoutWriter.render(loose, 20))
        .isEqualTo("x ++ [\n  aaaaaaaaaa\n  bbbbbbbbbb\n]\n");
  }

  @Test
  void fitsOnOneLineMeasuresTheFlatLayout() {
    assertThat(LayoutWriter.fitsOnOneLine(list("a", "b"), 7)).isTrue();
    assertThat(LayoutWriter.fitsOnOneLine(list("a", "b"), 6)).isFalse();
    assertThat(LayoutWriter.fitsOnOneLine(concat(text("a"), hardline()), 100)).isFalse();
  }

  @Test
  void anAbsorbedTermThatDoesNotEndItsGroupIsMeasuredWhole() {
    Doc items = list("aaaaaaaaaa", "bbbbbbbbbb");
    Doc doc = group(concat(text("["), nest(concat(line(), tail(items), line(), text("c"))),
        line(), text("]")));
    assertThat(LayoutWriter.render(doc, 31)).isEqualTo("[ [ aaaaaaaaaa bbbbbbbbbb ] c ]\n");
    assertThat(LayoutWriter.render(doc, 20))
        .isEqualTo("[\n  [\n    aaaaaaaaaa\n    bbbbbbbbbb\n  ]\n  c\n]\n");
  }
}
