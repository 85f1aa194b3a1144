package dev.flakegen.nix.testing;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.CurrentPosition;
import dev.flakegen.nix.ast.Escape;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.FloatLiteral;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.HasAttribute;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.If;
import dev.flakegen.nix.ast.IndentedPart;
import dev.flakegen.nix.ast.IndentedString;
import dev.flakegen.nix.ast.IndentedStrings;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.IntegerLiteral;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.Interpolation;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.LegacyLet;
import dev.flakegen.nix.ast.LegacyOr;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.ListLiteral;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.Not;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.RawText;
import dev.flakegen.nix.ast.SearchPath;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Uri;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random Nix syntax trees for property tests: every node type, nested, with hostile strings
 * ({@code ${}, {@code $${}, {@code ''}, quotes, backslashes, CR, TAB, non-ASCII, raw bytes), names
 * that need quoting, keywords and {@code or} as attribute names, all operators mixed so that
 * parentheses matter.
 *
 * <p>The trees are ones Nix 2.8 accepts: variables are bound (globals such as {@code builtins},
 * names bound by an enclosing lambda, {@code let} or {@code rec} set, or anything inside a
 * {@code with}), attribute and formal names are not repeated, {@code let} and {@code inherit} get
 * only static names. They are also trees the parser can produce (no indented-string escape whose
 * value is {@code n}, {@code r} or {@code t}, no raw bytes that would combine into UTF-8), so that
 * printing and parsing can give back an equal tree.
 */
public final class AstArbitraries {

  private AstArbitraries() {}

  /** Trees for parser round trips; strings may contain NUL (escaped as backslash-NUL). */
  public static Arbitrary<Expr> expressions() {
    return Arbitraries.randomValue(random -> new Generator(random, false).file());
  }

  /**
   * Trees to hand to the real Nix as well: as {@link #expressions()}, but no NUL in strings (Nix
   * 2.8 cuts a file at a NUL byte).
   */
  public static Arbitrary<Expr> nixExpressions() {
    return Arbitraries.randomValue(random -> new Generator(random, true).file());
  }

  /** Variables Nix defines at the top level that trees may use. */
  static final List<String> GLOBALS = List.of("builtins", "true", "false", "null", "map",
      "toString", "import", "throw", "abort", "derivation", "removeAttrs", "__add", "isNull");

  /** Names for lambda parameters, formals and let bindings: plain, primed, dashed, shadowing. */
  static final List<String> BINDERS = List.of("a", "b", "c", "x", "y", "foo", "foo-bar", "x'",
      "_a", "__b", "if-then", "or-else", "in'", "A1", "true", "map",
      "aVeryLongParameterNameToMakeLinesOverflowTheSoftLimit");

  /**
   * Smaller pools for trees that go to Nix: at most 19 names that Nix did not intern at start-up,
   * so that Nix 2.8's order of let bindings and formals is exact (beyond that it depends on its
   * heap). No binder is one of the six names Nix interns from {@code derivation}'s source ("x"
   * among them): where those land among a file's names also depends on Nix's heap once a file
   * allocates a lot, as these trees do; the corpus checks them exactly on small files.
   */
  static final List<String> NIX_BINDERS = List.of("a", "b", "y", "foo-bar", "x'", "true", "map",
      "name", "aVeryLongParameterNameToMakeLinesOverflowTheSoftLimit");
  static final List<String> NIX_BARE_ATTRS = List.of("a", "b", "name", "value", "or", "true",
      "meta", "outPath", "_", "anAttributeNameLongEnoughToPushLinesPastTheLimit");
  static final List<String> NIX_QUOTED_ATTRS = List.of("if", "then", "", "a b", "${x}", "é");

  /** Attribute names written bare, including {@code or}. */
  static final List<String> BARE_ATTRS = List.of("a", "b", "name", "value", "or", "true",
      "meta", "x-y", "z'", "_", "outPath", "anAttributeNameLongEnoughToPushLinesPastTheLimit");

  /** Attribute names that must be quoted: keywords, empty, spaces, specials. */
  static final List<String> QUOTED_ATTRS = List.of("if", "then", "else", "assert", "with", "let",
      "in", "rec", "inherit", "", "a b", "1x", "-a", "'a", "${x}", "\"", "\\", "\n", "$", "é",
      "a.b", "#c", "/*");

  /** Pieces of string text, concatenated at random. */
  static final List<String> TEXT_PIECES = List.of("a", "b c", " ", "$", "${", "$${", "$$", "}",
      "{", "\\", "\"", "\n", "\r", "\t", "''", "'", "'''", "''$", "é", "😀", "#", "/*", "*/",
      "\\n", "\\$", "x:y", "\u0001", "\u007f", "\uDCFF", "A long piece of text to make the line"
          + " considerably longer than it would otherwise be");

  /** Pieces of raw indented-string text. */
  static final List<String> RAW_PIECES = List.of("a", "  ", "    ", "\n", "\n  ", "\n    ", "b c",
      "\t", "\r", "$a", "'a", "é", "#", "x\n  y", "  z\n", "\r\n", "}", "{", "\\", "\"", "😀",
      "long text in an indented string, long enough to run past the usual line limit.....");

  /** Values of indented-string escapes (never n, r or t: the lexer cannot make those). */
  static final List<String> ESCAPES = List.of("''", "$", "'", "\n", "\r", "\t", "\\", "{", " ",
      "x", "\"", "\uDCFF");

  private static final List<String> PATHS = List.of("./a", "./a/b.nix", "/abs/x", "~/x", "a/b",
      "../up/x", "./a-b_c+d.e", "./.", "1/2", "-/a");
  private static final List<String> SEARCH_PATHS = List.of("nixpkgs", "nixpkgs/lib",
      "a.b/c-d");
  private static final List<String> URIS = List.of("http://x.org/a?b=c&d", "x:y",
      "a+b.c-d:e", "https://example.org/$x'~*!", "urn:isbn:0451450523");
  private static final List<Double> FLOATS = List.of(0.0, 1.5, 0.1, 1e-5, 123456789.0, 1e300,
      1e21, Double.MIN_NORMAL, 2.5e-7, 100.0, 1.0 / 3, 9007199254740993.0);
  private static final List<Long> INTS = List.of(0L, 1L, 7L, 42L, 100L, Long.MAX_VALUE,
      1234567890123L);

  /** What names are in scope, and whether {@code or} is bound or a {@code with} is around. */
  private record Scope(Set<String> names, boolean inWith) {
    Scope bind(List<String> more) {
      Set<String> next = new LinkedHashSet<>(names);
      next.addAll(more);
      return new Scope(next, inWith);
    }

    Scope withScope() {
      return new Scope(names, true);
    }
  }

  private static final class Generator {
    private final Random random;
    private final boolean nixSafe;
    private final List<String> binders;
    private final List<String> bareAttrs;
    private final List<String> quotedAttrs;
    private int budget = 120;

    Generator(Random random, boolean nixSafe) {
      this.random = random;
      this.nixSafe = nixSafe;
      this.binders = nixSafe ? NIX_BINDERS : BINDERS;
      this.bareAttrs = nixSafe ? NIX_BARE_ATTRS : BARE_ATTRS;
      this.quotedAttrs = nixSafe ? NIX_QUOTED_ATTRS : QUOTED_ATTRS;
    }

    Expr file() {
      return expr(new Scope(new LinkedHashSet<>(GLOBALS), false), 0);
    }

    private boolean chance(int percent) {
      return random.nextInt(100) < percent;
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    Expr expr(Scope scope, int depth) {
      budget--;
      if (depth > 5 || budget <= 0 || chance(25)) {
        return atom(scope);
      }
      switch (random.nextInt(22)) {
        case 0:
          return select(scope, depth);
        case 1:
          return new HasAttribute(expr(scope, depth + 1), attrPath(scope, depth, true),
              SourcePos.NONE);
        case 2:
        case 3:
          return attributeSet(scope, depth, chance(30));
        case 4:
          return legacyLet(scope, depth);
        case 5:
          return list(scope, depth);
        case 6:
        case 7:
          return lambda(scope, depth);
        case 8:
        case 9:
          return new Application(expr(scope, depth + 1), expr(scope, depth + 1), SourcePos.NONE);
        case 10:
          return let(scope, depth);
        case 11:
          return new With(expr(scope, depth + 1), expr(scope.withScope(), depth + 1),
              SourcePos.NONE);
        case 12:
          return new Assert(expr(scope, depth + 1), expr(scope, depth + 1), SourcePos.NONE);
        case 13:
          return new If(expr(scope, depth + 1), expr(scope, depth + 1), expr(scope, depth + 1),
              SourcePos.NONE);
        case 14:
          return new Not(expr(scope, depth + 1), SourcePos.NONE);
        case 15:
          return new Negation(expr(scope, depth + 1), SourcePos.NONE);
        case 16:
        case 17:
        case 18:
          return new BinaryOperation(pick(List.of(Operator.values())), expr(scope, depth + 1),
              expr(scope, depth + 1), SourcePos.NONE);
        case 19:
          if (scope.names().contains("or") || scope.inWith()) {
            return new LegacyOr(expr(scope, depth + 1), SourcePos.NONE);
          }
          return string(scope, depth);
        case 20:
          if (chance(30)) {
            return interpolatedPath(scope, depth);
          }
          return string(scope, depth);
        default:
          return indentedString(scope, depth);
      }
    }

    Expr atom(Scope scope) {
      switch (random.nextInt(12)) {
        case 0:
          return new IntegerLiteral(chance(50) ? pick(INTS) : random.nextInt(1000),
              SourcePos.NONE);
        case 1:
          return new FloatLiteral(chance(60) ? pick(FLOATS) : random.nextInt(100000) / 64.0,
              SourcePos.NONE);
        case 2:
          return StringLiteral.of(text());
        case 3:
          return PathLiteral.of(pick(PATHS));
        case 4:
          return new SearchPath(pick(SEARCH_PATHS), SourcePos.NONE);
        case 5:
          return new Uri(pick(URIS), SourcePos.NONE);
        case 6:
          return new CurrentPosition(SourcePos.NONE);
        case 7:
          return new AttributeSet(chance(50), List.of(), SourcePos.NONE);
        case 8:
          return new ListLiteral(List.of(), SourcePos.NONE);
        default:
          return variable(scope);
      }
    }

    Expr variable(Scope scope) {
      if (scope.inWith() && chance(20)) {
        return Variable.of(pick(List.of("unbound", "lib", "pkgs")));
      }
      List<String> names = new ArrayList<>(scope.names());
      names.remove("or");
      return Variable.of(pick(names));
    }

    String text() {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        b.append(pick(TEXT_PIECES));
      }
      if (!nixSafe && chance(3)) {
        b.append('\0');
      }
      return b.toString();
    }

    Expr string(Scope scope, int depth) {
      List<StringPart> parts = new ArrayList<>();
      int n = random.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (chance(50)) {
          parts.add(new Text(text()));
        } else {
          parts.add(new Interpolation(expr(scope, depth + 1), SourcePos.NONE));
        }
      }
      return new StringLiteral(parts, SourcePos.NONE);
    }

    Expr interpolatedPath(Scope scope, int depth) {
      String head = pick(List.of("./a/", "./a", "/", "~/", "a/b/", "-/x"));
      List<StringPart> parts = new ArrayList<>();
      parts.add(new Text(head));
      parts.add(new Interpolation(expr(scope, depth + 1), SourcePos.NONE));
      if (chance(50)) {
        parts.add(new Text(pick(List.of(".nix", "/b", "-c/d.e", "x"))));
        if (chance(30)) {
          parts.add(new Interpolation(expr(scope, depth + 1), SourcePos.NONE));
        }
      }
      return new PathLiteral(parts, SourcePos.NONE);
    }

    Expr indentedString(Scope scope, int depth) {
      List<IndentedPart> parts = new ArrayList<>();
      int n = random.nextInt(6);
      StringBuilder raw = new StringBuilder();
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(4);
        if (kind <= 1) {
          raw.append(pick(RAW_PIECES));
          continue;
        }
        flushRaw(raw, parts);
        if (kind == 2) {
          parts.add(new Escape(pick(ESCAPES)));
        } else {
          parts.add(new Interpolation(expr(scope, depth + 1), SourcePos.NONE));
        }
      }
      flushRaw(raw, parts);
      if (nixSafe && parts.size() == 1 && parts.get(0) instanceof Interpolation) {
        // ''${"a"}'' is the string "a" to Nix 2.8, flakegen's canonical printer writes ("a")
        // (reported; not the printer's business).
        parts.add(new RawText("."));
      }
      return new IndentedString(parts, SourcePos.NONE);
    }

    private static void flushRaw(StringBuilder raw, List<IndentedPart> parts) {
      if (raw.length() > 0 && IndentedStrings.isRawRun(raw.toString())
          && !(!parts.isEmpty() && parts.get(parts.size() - 1) instanceof RawText)) {
        parts.add(new RawText(raw.toString()));
      }
      raw.setLength(0);
    }

    Expr select(Scope scope, int depth) {
      Optional<Expr> fallback = chance(40) ? Optional.of(expr(scope, depth + 1))
          : Optional.empty();
      return new Select(expr(scope, depth + 1), attrPath(scope, depth, true), fallback,
          SourcePos.NONE);
    }

    List<AttrName> attrPath(Scope scope, int depth, boolean dynamicAllowed) {
      List<AttrName> path = new ArrayList<>();
      int n = 1 + random.nextInt(chance(80) ? 1 : 3);
      for (int i = 0; i < n; i++) {
        path.add(attrName(scope, depth, dynamicAllowed));
      }
      return path;
    }

    AttrName attrName(Scope scope, int depth, boolean dynamicAllowed) {
      int kind = random.nextInt(10);
      if (kind < 6) {
        return new IdentifierName(pick(bareAttrs));
      }
      if (kind < 8 || !dynamicAllowed) {
        if (kind == 9 && !dynamicAllowed) {
          return new InterpolatedName(StringLiteral.of(pick(quotedAttrs)), SourcePos.NONE);
        }
        return new StringName(StringLiteral.of(chance(80) || nixSafe ? pick(quotedAttrs) : text()));
      }
      AttrName name = kind == 8 ? new StringName((StringLiteral) string(scope, depth))
          : new InterpolatedName(expr(scope, depth + 1), SourcePos.NONE);
      if (nixSafe && name.staticName() != null && !quotedAttrs.contains(name.staticName())) {
        // Keep the count of new names down (see NIX_BINDERS).
        return new StringName(StringLiteral.of(pick(quotedAttrs)));
      }
      return name;
    }

    /** A static attribute name not yet in {@code used}, or null after a few tries. */
    AttrName freshStaticName(Set<String> used, boolean allowOr) {
      for (int tries = 0; tries < 10; tries++) {
        AttrName name;
        int kind = random.nextInt(10);
        if (kind < 7) {
          String s = chance(50) ? pick(binders) : pick(bareAttrs);
          if (s.equals("or") && !allowOr) {
            continue;
          }
          name = new IdentifierName(s);
        } else if (kind < 9) {
          name = new StringName(StringLiteral.of(pick(quotedAttrs)));
        } else {
          name = new InterpolatedName(StringLiteral.of(pick(quotedAttrs)), SourcePos.NONE);
        }
        if (used.add(name.staticName())) {
          return name;
        }
      }
      return null;
    }

    /** Bindings with distinct first names; {@code recursive} ones see each other. */
    List<Binding> bindings(Scope outer, int depth, boolean recursive, boolean dynamicAllowed,
        List<String> boundOut) {
      int n = random.nextInt(chance(85) ? 4 : 8);
      Set<String> used = new HashSet<>();
      List<AttrName> firsts = new ArrayList<>();
      List<Integer> kinds = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        if (kind == 0 && dynamicAllowed) {
          AttrName name = attrName(outer, depth, true);
          if (name.staticName() == null || used.add(name.staticName())) {
            firsts.add(name);
            kinds.add(0);
          }
          continue;
        }
        AttrName name = freshStaticName(used, true);
        if (name != null) {
          firsts.add(name);
          kinds.add(kind);
        }
      }
      // Plain inherit takes names from the enclosing scope.
      List<String> inheritable = new ArrayList<>(outer.names());
      inheritable.remove("or");
      List<AttrName> plainInherits = new ArrayList<>();
      if (chance(25)) {
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
          String s = pick(inheritable);
          if (used.add(s)) {
            plainInherits.add(new IdentifierName(s));
          }
        }
      }
      for (AttrName name : firsts) {
        if (name.staticName() != null && name instanceof IdentifierName id) {
          boundOut.add(id.name());
        }
      }
      for (AttrName name : plainInherits) {
        boundOut.add(((IdentifierName) name).name());
      }
      Scope inner = recursive ? outer.bind(boundOut) : outer;
      List<Binding> out = new ArrayList<>();
      for (int i = 0; i < firsts.size(); i++) {
        AttrName first = firsts.get(i);
        if (kinds.get(i) == 9 && first.staticName() != null) {
          // inherit (e) first more…
          List<AttrName> names = new ArrayList<>();
          names.add(first);
          out.add(new Inherit(Optional.of(expr(inner, depth + 1)), names, SourcePos.NONE,
              SourcePos.NONE));
          continue;
        }
        List<AttrName> path = new ArrayList<>();
        path.add(first);
        if (chance(20)) {
          path.addAll(attrPath(inner, depth, true));
        }
        out.add(new AttributeDefinition(path, expr(inner, depth + 1), SourcePos.NONE));
      }
      if (!plainInherits.isEmpty()) {
        out.add(random.nextInt(out.size() + 1),
            new Inherit(Optional.empty(), plainInherits, SourcePos.NONE, SourcePos.NONE));
      }
      if (chance(5)) {
        out.add(new Inherit(Optional.empty(), List.of(), SourcePos.NONE, SourcePos.NONE));
      }
      return out;
    }

    Expr attributeSet(Scope scope, int depth, boolean recursive) {
      List<String> bound = new ArrayList<>();
      return new AttributeSet(recursive, bindings(scope, depth, recursive, true, bound),
          SourcePos.NONE);
    }

    Expr legacyLet(Scope scope, int depth) {
      List<String> bound = new ArrayList<>();
      List<Binding> bindings = new ArrayList<>(bindings(scope, depth, true, true, bound));
      boolean hasBody = bindings.stream().anyMatch(b -> b instanceof AttributeDefinition d
          && "body".equals(d.path().get(0).staticName()));
      if (!hasBody && chance(70)) {
        bindings.add(new AttributeDefinition(List.of(new IdentifierName("body")),
            expr(scope.bind(bound), depth + 1), SourcePos.NONE));
      }
      return new LegacyLet(bindings, SourcePos.NONE);
    }

    Expr let(Scope scope, int depth) {
      List<String> bound = new ArrayList<>();
      List<Binding> bindings = new ArrayList<>(bindings(scope, depth, true, false, bound));
      if (nixSafe) {
        // flakegen's canonical printer orders a let binding named "" before the names Nix
        // interns at start-up, Nix 2.8 after them (reported; not the printer's business).
        bindings.removeIf(b -> b instanceof AttributeDefinition d
            && "".equals(d.path().get(0).staticName())
            || b instanceof Inherit i && i.names().stream().anyMatch(n -> "".equals(n.staticName())));
      }
      return new Let(bindings, expr(scope.bind(bound), depth + 1), SourcePos.NONE);
    }

    Expr list(Scope scope, int depth) {
      List<Expr> items = new ArrayList<>();
      int n = random.nextInt(chance(85) ? 4 : 9);
      for (int i = 0; i < n; i++) {
        items.add(expr(scope, depth + 1));
      }
      return new ListLiteral(items, SourcePos.NONE);
    }

    Expr lambda(Scope scope, int depth) {
      if (chance(50)) {
        String name = pick(binders);
        return new Lambda(new NamedParameter(name), expr(scope.bind(List.of(name)), depth + 1),
            SourcePos.NONE);
      }
      Set<String> names = new LinkedHashSet<>();
      for (int i = random.nextInt(5); i > 0; i--) {
        names.add(pick(binders));
      }
      Optional<String> alias = Optional.empty();
      if (chance(30)) {
        String a = pick(binders);
        if (!names.contains(a)) {
          alias = Optional.of(a);
        }
      }
      List<String> bound = new ArrayList<>(names);
      alias.ifPresent(bound::add);
      Scope inner = scope.bind(bound);
      List<Formal> formals = new ArrayList<>();
      for (String name : names) {
        Optional<Expr> fallback = chance(35) ? Optional.of(expr(inner, depth + 1))
            : Optional.empty();
        formals.add(new Formal(name, fallback, SourcePos.NONE));
      }
      PatternParameter pattern = new PatternParameter(formals, chance(30), alias,
          alias.isPresent() && chance(50));
      return new Lambda(pattern, expr(inner, depth + 1), SourcePos.NONE);
    }
  }
}
