package dev.flakegen.nix.ast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.core.CanonicalText;
import dev.flakegen.nix.core.CoreBuilder;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.Lowering;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.core.SymbolTable;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import dev.flakegen.nix.print.ReadablePrinter;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every record of the sealed {@link Expr} hierarchy (found by reflection, so a new record joins
 * the test by itself) is handled by every printer and check: the readable printer (its text parses
 * back to the same tree), the lowering to Nix's core view and the canonical printer (a tree built
 * in Java prints as its parsed text does, under Nix 2.8 and 2.26), and the undefined-variable
 * check (the same verdict on the lowered tree as on the parsed one). A new record without a
 * sample below fails {@link #everyRecordHasASample()}.
 */
class EveryExprHandledTest {

  private static final PathResolver PATHS = new PathResolver("/tmp/flakegen-every-expr", "/root");

  /** Small programs that together use every construct; each record is tested on the first. */
  static final List<String> SAMPLES = List.of(
      "1", "1.5", "\"a ${x} b\\n\"", "''\n  a ${x}\n  b\n''", "./a/${x}/b", "<nixpkgs>",
      "http://example.org/a", "x", "__curPos", "x.a.${\"b\"} or 1", "x ? a.b",
      "rec { a = 1; inherit x; inherit (x) b; \"c\" = 2; ${x} = 3; }", "let { body = 1; }",
      "[ 1 x ]", "a: a", "{ a ? 1, b, ... }@args: a", "x 1", "let a = 1; in a", "with x; y",
      "assert x; 1", "if x then 1 else 2", "!x", "-x", "1 + 2 * 3 // { } ++ [ ] == x",
      "x or");

  /** The records that implement {@link Expr}, through any sealed sub-interface. */
  static Set<Class<?>> exprRecords() {
    Set<Class<?>> records = new LinkedHashSet<>();
    collect(Expr.class, records);
    return records;
  }

  private static void collect(Class<?> type, Set<Class<?>> records) {
    if (type.isRecord()) {
      records.add(type);
    } else {
      assertThat(type.isSealed()).as("%s is sealed", type.getName()).isTrue();
      for (Class<?> sub : type.getPermittedSubclasses()) {
        collect(sub, records);
      }
    }
  }

  static ParsedSource parse(String text, NixDialect dialect) {
    return SourceParser.parse(new NixSource("(sample)", text.getBytes(StandardCharsets.UTF_8),
        PATHS), dialect);
  }

  /** The classes of every {@link Expr} node in a tree, by walking record components. */
  static Set<Class<?>> exprClassesIn(Object node) {
    Set<Class<?>> found = new LinkedHashSet<>();
    walk(node, found);
    return found;
  }

  private static void walk(Object node, Set<Class<?>> found) {
    if (node instanceof Expr) {
      found.add(node.getClass());
    }
    if (node instanceof Collection<?> items) {
      for (Object item : items) {
        walk(item, found);
      }
    } else if (node != null && node.getClass().isRecord()) {
      for (RecordComponent component : node.getClass().getRecordComponents()) {
        try {
          walk(component.getAccessor().invoke(node), found);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  @Test
  void everyRecordHasASample() {
    Set<String> missing = new TreeSet<>();
    for (Class<?> record : exprRecords()) {
      missing.add(record.getSimpleName());
    }
    for (String sample : SAMPLES) {
      for (Class<?> type : exprClassesIn(parse(sample, NixDialect.NIX_2_8).expression())) {
        missing.remove(type.getSimpleName());
      }
    }
    assertThat(missing).as("Expr records no sample uses (add one to SAMPLES)").isEmpty();
    assertThat(exprRecords()).hasSizeGreaterThanOrEqualTo(Expr.class.getPermittedSubclasses()
        .length);
  }

  static Stream<Class<?>> records() {
    return exprRecords().stream();
  }

  @ParameterizedTest
  @MethodSource("records")
  void everyPrinterAndCheckHandlesTheRecord(Class<?> record) {
    String sample = SAMPLES.stream()
        .filter(text -> exprClassesIn(parse(text, NixDialect.NIX_2_8).expression())
            .contains(record))
        .findFirst().orElseThrow(() -> new AssertionError("no sample for " + record));
    for (NixDialect dialect : List.of(NixDialect.NIX_2_8, NixDialect.NIX_2_26)) {
      ParsedSource parsed = parse(sample, dialect);
      Expr expr = parsed.expression();

      // readable printer: its text parses back to the same tree
      String readable = ReadablePrinter.print(expr);
      assertThat(parse(readable, dialect).expression()).as("%s printed as\n%s", sample, readable)
          .isEqualTo(expr);

      // lowering + canonical printer: the tree prints as Nix prints the parsed text
      SymbolTable symbols = new SymbolTable(dialect.version());
      CoreExpr lowered = Lowering.lower(expr, new CoreBuilder(symbols, PATHS));
      String canonical = CanonicalPrinter.print(parsed);
      assertThat(canonical).as("%s under %s", sample, dialect).isNotBlank();
      assertThat(CanonicalText.of(lowered, symbols)).as("%s under %s", sample, dialect)
          .isEqualTo(canonical.strip());

      // undefined-variable check: the same verdict on the lowered tree as on the parsed one (at
      // the same position under 2.8; 2.26 places a plain inherit's names one by one, which the
      // tree does not record)
      List<String> verdicts = new ArrayList<>();
      for (Optional<NixError> verdict : List.of(StaticChecks.undefinedVariable(parsed),
          StaticChecks.undefinedVariable(lowered, symbols))) {
        verdicts.add(verdict.map(error -> dialect.version() == NixVersion.NIX_2_8
            ? error.toString() : error.message()).orElse("defined"));
      }
      assertThat(verdicts.get(1)).as("%s under %s", sample, dialect).isEqualTo(verdicts.get(0));
    }
  }
}
