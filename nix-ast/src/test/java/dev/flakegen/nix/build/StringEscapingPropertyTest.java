package dev.flakegen.nix.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.Lowering;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.core.SymbolTable;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.testing.NixOracle;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The escaping of both string kinds, with the real Nix as the oracle. For hostile random text (and
 * random mixes of text and interpolated strings) the built node must mean exactly that text:
 *
 * <ul>
 *   <li>its canonical form (the lowered core, as {@code nix-instantiate --parse} prints it) and
 *   <li>its source form ({@link StringSource}: {@code "…"}, or {@code ''…''} flush and indented)
 * </ul>
 *
 * <p>evaluate in Nix to a string whose SHA-256 is that of the text's UTF-8 bytes, and the source
 * form parses back to an AST equal to the built one. One {@code nix-instantiate} run per try.
 */
@NixTest
class StringEscapingPropertyTest {

  private static final List<String> HOSTILE = List.of(
      "${", "$${", "$$${", "${x}", "$", "$$", "'", "''", "'''", "''''", "''$", "''${", "'$",
      "$'", "''\\", "''\\n", "\\", "\\n", "\\${", "\"", "\r", "\n", "\r\n", "\t", "\t\n", " ",
      "  ", "   ", "\n  ", "  \n", "\n\n", "{", "}", "#", "/*", "*/", "é", "ß", "中文",
      "\uD83D\uDE00", "\uD83E\uDD80", "\u00A0", "\u000B", "\u000C", "\u0001", "\u007F", "\u2028",
      "a", "b c", "x = 1;");

  private static final Pattern HASH = Pattern.compile("\"([0-9a-f]{64})\"");

  private static Path folder;

  @BeforeContainer
  static void createFolder() throws IOException {
    folder = Files.createTempDirectory("flakegen-strings");
  }

  @AfterContainer
  static void deleteFolder() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  @Property(tries = 1000)
  void stringMeansItsText(@ForAll("hostileText") String text,
      @ForAll("hostileParts") List<Object> parts) {
    StringLiteral plain = Nix.string(text);
    StringLiteral interpolated = Nix.string(parts.toArray());
    List<Case> cases = new ArrayList<>();
    addCases(cases, plain, text, List.of(0));
    addCases(cases, interpolated, valueOf(parts), List.of(0));
    checkWithNix(cases);
  }

  @Property(tries = 1000)
  void indentedStringMeansItsText(@ForAll("indentableText") String text,
      @ForAll("indentableParts") List<Object> parts) {
    Expr plain = Nix.indentedString(text);
    Expr interpolated = Nix.indentedString(parts.toArray());
    Statistics.label("text").collect(plain instanceof IndentedString ? "''…''" : "\"…\"");
    Statistics.label("parts").collect(interpolated instanceof IndentedString ? "''…''" : "\"…\"");
    Statistics.label("text").coverage(check -> check.check("''…''").percentage(p -> p >= 60));
    Statistics.label("parts").coverage(check -> check.check("''…''").percentage(p -> p >= 60));
    assertThat(plain instanceof StringLiteral).as("fell back to \"…\" for %s", show(text))
        .isEqualTo(hasLineEndingInInvisibleWhitespace(text));
    List<Case> cases = new ArrayList<>();
    addCases(cases, plain, text, List.of(0, 4));
    addCases(cases, interpolated, valueOf(parts), List.of(0, 2));
    checkWithNix(cases);
  }

  // ---- generators ----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> hostileText() {
    Arbitrary<String> pieces = piece().list().ofMaxSize(14).map(l -> String.join("", l));
    Arbitrary<String> lines = Combinators.combine(
            Combinators.combine(Arbitraries.integers().between(0, 6),
                piece().list().ofMaxSize(4)).as((n, l) -> " ".repeat(n) + String.join("", l))
                .list().ofMinSize(1).ofMaxSize(6),
            Arbitraries.of("", "\n", "\n  ", " "))
        .as((l, end) -> String.join("\n", l) + end);
    return Arbitraries.frequencyOf(Tuple.of(1, pieces), Tuple.of(1, lines));
  }

  /** Mostly text without lines that end in whitespace, so that most tries stay {@code ''…''}. */
  @Provide
  Arbitrary<String> indentableText() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, hostileText().map(StringEscapingPropertyTest::withoutInvisibleLineEnds)),
        Tuple.of(1, hostileText()));
  }

  @Provide
  Arbitrary<List<Object>> hostileParts() {
    return parts(hostileText());
  }

  @Provide
  Arbitrary<List<Object>> indentableParts() {
    return parts(indentableText()).map(StringEscapingPropertyTest::withoutInvisibleLineEnds);
  }

  private static Arbitrary<List<Object>> parts(Arbitrary<String> text) {
    Arbitrary<Object> part = Arbitraries.frequencyOf(
        Tuple.of(3, text.map(s -> (Object) s)),
        Tuple.of(1, text.map(s -> (Object) Nix.string(s))),
        Tuple.of(1, text.map(s -> (Object) Nix.indentedString(s))));
    return part.list().ofMaxSize(6);
  }

  private static Arbitrary<String> piece() {
    return Arbitraries.frequencyOf(
        Tuple.of(10, Arbitraries.of(HOSTILE)),
        Tuple.of(3, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)),
        Tuple.of(2, Arbitraries.strings().withChars(" \n").ofMinLength(1).ofMaxLength(4)),
        Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(4)),
        Tuple.of(1, Arbitraries.integers().between(1, 0x10FFFF)
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF).map(Character::toString)));
  }

  // ---- the check -----------------------------------------------------------------------------

  /** One Nix expression and the text it must evaluate to. */
  private record Case(String what, String nix, String expected) {}

  private static void addCases(List<Case> cases, Expr built, String expected,
      List<Integer> indents) {
    CoreBuilder core = new CoreBuilder(new SymbolTable(), new PathResolver("/", "/"));
    String canonical = CanonicalText.of(Lowering.lower(built, core), core.symbols());
    cases.add(new Case("canonical text", canonical, expected));
    for (int indent : indents) {
      String source = StringSource.of(built, indent);
      assertThat(trailingWhitespaceAt(source)).as("trailing whitespace in\n%s", source)
          .isEqualTo(-1);
      Expr parsed = SourceParser.parse(NixSource.ofString(source, Path.of("/"))).expression();
      if (indent == 0 || StringSource.reindentKeepsPieces(built)) {
        Statistics.label("source form parses to").collect("the same pieces");
        assertThat(parsed).as("parsing the source form (indent %d)\n%s", indent, source)
            .isEqualTo(built);
      } else {
        // Indenting a first line that starts with an escape or interpolation adds a piece of
        // spaces that strips to "": Nix 2.8 keeps it, so only the meaning is the same.
        Statistics.label("source form parses to").collect("the same meaning (indented)");
        assertThat(StringSource.meaning(parsed))
            .as("meaning of the source form (indent %d)\n%s", indent, source)
            .isEqualTo(StringSource.meaning(built));
      }
      cases.add(new Case("source form, indent " + indent, source, expected));
    }
  }

  private static void checkWithNix(List<Case> cases) {
    StringBuilder file = new StringBuilder("[\n");
    for (Case c : cases) {
      file.append("(builtins.hashString \"sha256\" (").append(c.nix()).append("))\n");
    }
    file.append("]\n");
    NixOracle.Result result = NixOracle.eval(write(file.toString()));
    String report = new String(result.stdout(), StandardCharsets.UTF_8) + result.stderr();
    assertThat(result.exitCode()).as("nix-instantiate --eval of\n%s\n%s", file, report)
        .isZero();
    Matcher m = HASH.matcher(new String(result.stdout(), StandardCharsets.UTF_8));
    for (Case c : cases) {
      assertThat(m.find()).as("a hash for %s in %s", c.what(), report).isTrue();
      if (!m.group(1).equals(sha256(c.expected()))) {
        throw new AssertionError(c.what() + " does not evaluate to " + show(c.expected())
            + "\nNix expression:\n" + c.nix() + "\nNix's value: " + nixValue(c.nix()));
      }
    }
  }

  private static String nixValue(String nix) {
    NixOracle.Result result = NixOracle.evalJson(write(nix));
    return new String(result.stdout(), StandardCharsets.UTF_8) + result.stderr();
  }

  private static Path write(String nix) {
    try {
      Path file = folder.resolve("t.nix");
      Files.write(file, RawUtf8.encode(nix));
      return file;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(RawUtf8.encode(text)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text a list of parts stands for: texts, and interpolated strings' texts. */
  private static String valueOf(List<Object> parts) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.append(s);
      } else {
        out.append(valueOf((Expr) part));
      }
    }
    return out.toString();
  }

  private static String valueOf(Expr string) {
    CoreBuilder core = new CoreBuilder(new SymbolTable(), new PathResolver("/", "/"));
    var lowered = Lowering.lower(string, core);
    if (lowered instanceof dev.flakegen.nix.core.CoreExpr.Str s) {
      return s.value();
    }
    StringBuilder out = new StringBuilder();
    for (var part : ((dev.flakegen.nix.core.CoreExpr.Concat) lowered).parts()) {
      out.append(((dev.flakegen.nix.core.CoreExpr.Str) part).value());
    }
    return out.toString();
  }

  /** Where a line of {@code source} ends in whitespace, or -1. */
  static int trailingWhitespaceAt(String source) {
    for (int i = 1; i < source.length(); i++) {
      char c = source.charAt(i - 1);
      if (source.charAt(i) == '\n' && c != '\n'
          && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
        return i - 1;
      }
    }
    return -1;
  }

  static boolean hasLineEndingInInvisibleWhitespace(String text) {
    for (int i = 1; i < text.length(); i++) {
      if (text.charAt(i) == '\n' && IndentedText.hasNoVisibleEscape(text.charAt(i - 1))) {
        return true;
      }
    }
    return false;
  }

  static String withoutInvisibleLineEnds(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        while (out.length() > 0 && IndentedText.hasNoVisibleEscape(out.charAt(out.length() - 1))) {
          out.setLength(out.length() - 1);
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Removes whitespace before line feeds where text parts meet, too. */
  private static List<Object> withoutInvisibleLineEnds(List<Object> parts) {
    List<Object> out = new ArrayList<>(parts.size());
    for (Object part : parts) {
      if (part instanceof String s && s.startsWith("\n") && !out.isEmpty()
          && out.get(out.size() - 1) instanceof String previous) {
        String cleaned = withoutInvisibleLineEnds(previous + "\n");
        out.set(out.size() - 1, cleaned.substring(0, cleaned.length() - 1));
      }
      out.add(part);
    }
    return out;
  }

  private static String show(String s) {
    return Checks.show(s);
  }
}
