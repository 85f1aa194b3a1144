package dev.flakegen.render;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.core.PathResolver;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.ReadablePrinter;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Optional;

/**
 * Prints a tree and proves the text: parsed back with the project's grammar, checked as Nix checks
 * (attributes defined twice while parsing, undefined variables after), and compared with the
 * tree. Any failure is a {@link RenderException} naming {@code FILE:LINE:COL}.
 */
final class CheckedNix {

  /** Where path literals of a rendered file resolve; only the canonical form would show it. */
  private static final PathResolver PATHS = new PathResolver("/flakegen", "/flakegen-home");

  private CheckedNix() {}

  /** The bytes of {@code expr} printed as {@code fileName}, after the header comment lines. */
  static byte[] print(String fileName, Expr expr, List<String> header) {
    String text = ReadablePrinter.print(expr, header);
    byte[] bytes = RawUtf8.encode(text);
    Expr parsed = check(fileName, bytes);
    if (!expr.equals(parsed)) {
      Difference d = Difference.first(expr, parsed, "").orElse(
          new Difference("", "the tree", "another tree", SourcePos.NONE));
      throw new RenderException(location(fileName, d.pos()) + ": error: the text parses to a"
          + " different tree than the one printed, at " + (d.path().isEmpty() ? "the root"
              : d.path()) + ": printed " + d.expected() + ", parsed " + d.actual());
    }
    return bytes;
  }

  /**
   * The languages a generated file must be valid in: the Nix users run today (2.26; 2.34 accepts
   * the same files) and the oldest Nix flakegen supports (2.8, Debian bookworm's).
   */
  static final List<NixDialect> DIALECTS = List.of(NixDialect.NIX_2_26, NixDialect.NIX_2_8);

  /** Parses and checks a file's bytes in each of {@link #DIALECTS}; returns the tree. */
  static Expr check(String fileName, byte[] bytes) {
    Expr tree = null;
    for (NixDialect dialect : DIALECTS) {
      Expr parsed;
      try {
        parsed = check(fileName, bytes, dialect);
      } catch (RenderException e) {
        // Only the first dialect's message stands alone; a later one says whose it is.
        throw tree == null ? e : new RenderException(e.getMessage() + " (only Nix "
            + dialect.version().number() + " refuses it)", e.getCause());
      }
      if (tree != null && !tree.equals(parsed)) {
        throw new RenderException(fileName + ":1:1: error: Nix " + dialect.version().number()
            + " parses the text to another tree than Nix " + DIALECTS.get(0).version().number());
      }
      tree = parsed;
    }
    return tree;
  }

  /** Parses and checks a file's bytes as {@code dialect}'s Nix; returns the tree. */
  static Expr check(String fileName, byte[] bytes, NixDialect dialect) {
    try {
      ParsedSource parsed = SourceParser.parse(new NixSource(fileName, bytes, PATHS), dialect);
      StaticChecks.requireDefined(parsed);
      return parsed.expression();
    } catch (NixErrorException e) {
      throw new RenderException(e.error().format(fileName), e);
    }
  }

  private static String location(String fileName, SourcePos pos) {
    return pos.isKnown() ? fileName + ":" + pos.line() + ":" + pos.column() : fileName + ":1:1";
  }

  /** The first place where two trees differ, with the nearest position in the parsed one. */
  record Difference(String path, String expected, String actual, SourcePos pos) {

    static Optional<Difference> first(Object expected, Object actual, String path) {
      return first(expected, actual, path, SourcePos.NONE);
    }

    private static Optional<Difference> first(Object expected, Object actual, String path,
        SourcePos near) {
      if (actual instanceof Expr e && e.pos().isKnown()) {
        near = e.pos();
      }
      if (expected == null || actual == null || expected.getClass() != actual.getClass()) {
        return expected == actual ? Optional.empty()
            : Optional.of(new Difference(path, describe(expected), describe(actual), near));
      }
      if (expected instanceof List<?> a && actual instanceof List<?> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          Optional<Difference> d = first(a.get(i), b.get(i), path + "[" + i + "]", near);
          if (d.isPresent()) {
            return d;
          }
        }
        return a.size() == b.size() ? Optional.empty() : Optional.of(new Difference(path,
            a.size() + " items", b.size() + " items", near));
      }
      if (expected instanceof Optional<?> a && actual instanceof Optional<?> b) {
        return first(a.orElse(null), b.orElse(null), path, near);
      }
      if (expected.equals(actual)) {
        return Optional.empty();
      }
      if (expected.getClass().isRecord()) {
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
          try {
            Object x = component.getAccessor().invoke(expected);
            Object y = component.getAccessor().invoke(actual);
            Optional<Difference> d = first(x, y, path + "." + component.getName(), near);
            if (d.isPresent()) {
              return d;
            }
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        }
        return expected.equals(actual) ? Optional.empty()
            : Optional.of(new Difference(path, describe(expected), describe(actual), near));
      }
      return expected.equals(actual) ? Optional.empty()
          : Optional.of(new Difference(path, describe(expected), describe(actual), near));
    }

    private static String describe(Object value) {
      String text = value == null ? "nothing" : value.getClass().getSimpleName() + " "
          + value;
      return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
  }
}
