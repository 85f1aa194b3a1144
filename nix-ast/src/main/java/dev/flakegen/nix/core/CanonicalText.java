package dev.flakegen.nix.core;

import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.core.CoreExpr.AttrDef;
import dev.flakegen.nix.core.CoreExpr.AttrName;
import dev.flakegen.nix.core.CoreExpr.Attrs;
import dev.flakegen.nix.core.CoreExpr.Call;
import dev.flakegen.nix.core.CoreExpr.DynamicAttr;
import dev.flakegen.nix.core.CoreExpr.Formal;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link CoreExpr} exactly as {@code nix-instantiate --parse} of the symbol table's Nix
 * version does: one line, fully parenthesised in Nix's peculiar way, attribute sets sorted by name;
 * {@code let} bindings and formals in symbol order (2.8) or sorted with {@code inherit}s grouped
 * (2.26).
 */
public final class CanonicalText {

  private final StringBuilder out;
  private final SymbolTable symbols;
  private final boolean modern;

  private CanonicalText(StringBuilder out, SymbolTable symbols) {
    this.out = out;
    this.symbols = symbols;
    this.modern = symbols.version().atLeast(NixVersion.NIX_2_26);
  }

  private void printName(String name) {
    appendName(out, name, symbols.version());
  }

  private void printString(String value) {
    appendString(out, value, symbols.version());
  }

  /** The canonical text of {@code expr}, ordering {@code let} bindings by {@code symbols}. */
  public static String of(CoreExpr expr, SymbolTable symbols) {
    StringBuilder out = new StringBuilder();
    new CanonicalText(out, symbols).print(expr);
    return out.toString();
  }

  /** The canonical text for use in messages, where {@code let} order does not matter. */
  static String of(CoreExpr expr) {
    return of(expr, new SymbolTable());
  }

  /** Appends the canonical text of {@code expr} to {@code out}. */
  public static void append(StringBuilder out, CoreExpr expr, SymbolTable symbols) {
    new CanonicalText(out, symbols).print(expr);
  }

  private void print(CoreExpr expr) {
    if (expr instanceof CoreExpr.Int i) {
      out.append(i.value());
    } else if (expr instanceof CoreExpr.Float f) {
      out.append(formatFloat(f.value()));
    } else if (expr instanceof CoreExpr.Str s) {
      printString(s.value());
    } else if (expr instanceof CoreExpr.Path p) {
      out.append(p.path());
    } else if (expr instanceof CoreExpr.Var v) {
      printName(v.name());
    } else if (expr instanceof CoreExpr.CurPos) {
      out.append("__curPos");
    } else if (expr instanceof CoreExpr.Select s) {
      out.append('(');
      print(s.target());
      out.append(").");
      attrPath(s.path());
      if (s.fallback() != null) {
        out.append(" or (");
        print(s.fallback());
        out.append(')');
      }
    } else if (expr instanceof CoreExpr.HasAttr h) {
      out.append("((");
      print(h.target());
      out.append(") ? ");
      attrPath(h.path());
      out.append(')');
    } else if (expr instanceof Attrs a) {
      attrs(a);
    } else if (expr instanceof CoreExpr.ListOf l) {
      out.append("[ ");
      for (CoreExpr item : l.items()) {
        out.append('(');
        print(item);
        out.append(") ");
      }
      out.append(']');
    } else if (expr instanceof CoreExpr.Lambda l) {
      lambda(l);
    } else if (expr instanceof Call c) {
      out.append('(');
      print(c.function());
      for (CoreExpr argument : c.arguments()) {
        out.append(' ');
        print(argument);
      }
      out.append(')');
    } else if (expr instanceof CoreExpr.Let l) {
      let(l);
    } else if (expr instanceof CoreExpr.With w) {
      out.append("(with ");
      print(w.scope());
      out.append("; ");
      print(w.body());
      out.append(')');
    } else if (expr instanceof CoreExpr.If i) {
      out.append("(if ");
      print(i.condition());
      out.append(" then ");
      print(i.consequent());
      out.append(" else ");
      print(i.alternative());
      out.append(')');
    } else if (expr instanceof CoreExpr.Assert a) {
      out.append("assert ");
      print(a.condition());
      out.append("; ");
      print(a.body());
    } else if (expr instanceof CoreExpr.Not n) {
      out.append("(! ");
      print(n.operand());
      out.append(')');
    } else if (expr instanceof CoreExpr.Binary b) {
      out.append('(');
      print(b.left());
      out.append(' ').append(b.operator()).append(' ');
      print(b.right());
      out.append(')');
    } else if (expr instanceof CoreExpr.Concat c) {
      out.append('(');
      boolean first = true;
      for (CoreExpr part : c.parts()) {
        if (!first) {
          out.append(" + ");
        }
        first = false;
        print(part);
      }
      out.append(')');
    } else {
      throw new IllegalStateException("unknown core node " + expr);
    }
  }

  private void attrPath(List<AttrName> path) {
    boolean first = true;
    for (AttrName name : path) {
      if (!first) {
        out.append('.');
      }
      first = false;
      if (name.isStatic()) {
        printName(name.name());
      } else {
        out.append("\"${");
        print(name.expr());
        out.append("}\"");
      }
    }
  }

  private void attrs(Attrs attrs) {
    if (attrs.recursive()) {
      out.append("rec ");
    }
    out.append("{ ");
    if (modern) {
      bindings(attrs);
      out.append('}');
      return;
    }
    String[] names = attrs.statics().keySet().toArray(new String[0]);
    Arrays.sort(names, CanonicalText::compareBytes);
    for (String name : names) {
      AttrDef def = attrs.statics().get(name);
      if (def.inherited()) {
        out.append("inherit ");
        printName(name);
        out.append(" ; ");
      } else {
        printName(name);
        out.append(" = ");
        print(def.value());
        out.append("; ");
      }
    }
    for (DynamicAttr dynamic : attrs.dynamics()) {
      out.append("\"${");
      print(dynamic.name());
      out.append("}\" = ");
      print(dynamic.value());
      out.append("; ");
    }
    out.append('}');
  }

  /**
   * Nix 2.26's bindings: names sorted by their bytes; first the inherited ones in one {@code
   * inherit}, then one {@code inherit (e)} per source in source order, then the others, then the
   * dynamic ones in order.
   */
  private void bindings(Attrs attrs) {
    String[] names = attrs.statics().keySet().toArray(new String[0]);
    Arrays.sort(names, CanonicalText::compareBytes);
    List<String> inherited = new ArrayList<>();
    java.util.TreeMap<Integer, List<String>> inheritedFrom = new java.util.TreeMap<>();
    for (String name : names) {
      AttrDef def = attrs.statics().get(name);
      if (def.inherited()) {
        inherited.add(name);
      } else if (def.fromIndex() >= 0) {
        inheritedFrom.computeIfAbsent(def.fromIndex(), k -> new ArrayList<>()).add(name);
      }
    }
    if (!inherited.isEmpty()) {
      out.append("inherit");
      for (String name : inherited) {
        out.append(' ');
        printName(name);
      }
      out.append("; ");
    }
    for (Map.Entry<Integer, List<String>> group : inheritedFrom.entrySet()) {
      out.append("inherit (");
      print(attrs.inheritFrom().get(group.getKey()));
      out.append(')');
      for (String name : group.getValue()) {
        out.append(' ');
        printName(name);
      }
      out.append("; ");
    }
    for (String name : names) {
      AttrDef def = attrs.statics().get(name);
      if (!def.inherited() && def.fromIndex() < 0) {
        printName(name);
        out.append(" = ");
        print(def.value());
        out.append("; ");
      }
    }
    for (DynamicAttr dynamic : attrs.dynamics()) {
      out.append("\"${");
      print(dynamic.name());
      out.append("}\" = ");
      print(dynamic.value());
      out.append("; ");
    }
  }

  private void let(CoreExpr.Let let) {
    out.append("(let ");
    if (modern) {
      bindings(let.attrs());
      out.append("in ");
      print(let.body());
      out.append(')');
      return;
    }
    List<Map.Entry<String, AttrDef>> entries = new ArrayList<>(let.attrs().statics().entrySet());
    symbols.sortByName(entries);
    for (Map.Entry<String, AttrDef> entry : entries) {
      if (entry.getValue().inherited()) {
        out.append("inherit ");
        printName(entry.getKey());
        out.append("; ");
      } else {
        printName(entry.getKey());
        out.append(" = ");
        print(entry.getValue().value());
        out.append("; ");
      }
    }
    out.append("in ");
    print(let.body());
    out.append(')');
  }

  private void lambda(CoreExpr.Lambda lambda) {
    out.append('(');
    if (lambda.formals() != null) {
      out.append("{ ");
      boolean first = true;
      List<Formal> formals = lambda.formals();
      if (modern) {
        formals = new ArrayList<>(formals);
        formals.sort((a, b) -> compareBytes(a.name(), b.name()));
      }
      for (Formal formal : formals) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        printName(formal.name());
        if (formal.fallback() != null) {
          out.append(" ? ");
          print(formal.fallback());
        }
      }
      if (lambda.ellipsis()) {
        if (!first) {
          out.append(", ");
        }
        out.append("...");
      }
      out.append(" }");
      if (!lambda.arg().isEmpty()) {
        out.append(" @ ");
      }
    }
    if (!lambda.arg().isEmpty()) {
      printName(lambda.arg());
    }
    out.append(": ");
    print(lambda.body());
    out.append(')');
  }

  /** A symbol as Nix 2.8 prints one: bare when it looks like an identifier (and is not "if"). */
  public static String name(String name) {
    return name(name, NixVersion.NIX_2_8);
  }

  /**
   * A symbol as {@code version} prints one: bare when it looks like an identifier and is not a
   * keyword (2.8 quotes only "if"; 2.26 every keyword but "or").
   */
  public static String name(String name, NixVersion version) {
    StringBuilder out = new StringBuilder(name.length() + 2);
    appendName(out, name, version);
    return out.toString();
  }

  static void appendName(StringBuilder out, String name) {
    appendName(out, name, NixVersion.NIX_2_8);
  }

  static void appendName(StringBuilder out, String name, NixVersion version) {
    if (isBareName(name) && !(version.atLeast(NixVersion.NIX_2_26) && isKeyword(name))) {
      out.append(name);
    } else {
      appendString(out, name, version);
    }
  }

  private static boolean isKeyword(String s) {
    return switch (s) {
      case "if", "then", "else", "assert", "with", "let", "in", "rec", "inherit" -> true;
      default -> false;
    };
  }

  private static boolean isBareName(String s) {
    if (s.isEmpty() || s.equals("if")) {
      return false;
    }
    char c = s.charAt(0);
    if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || c == '_'
          || c == '\''
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** A string literal as Nix 2.8 prints it: every {@code $} escaped, other bytes verbatim. */
  public static void appendString(StringBuilder out, String value) {
    appendString(out, value, NixVersion.NIX_2_8);
  }

  /**
   * A string literal as {@code version} prints it: 2.8 escapes every {@code $}, 2.26 only one
   * before <code>{</code>; other bytes verbatim.
   */
  public static void appendString(StringBuilder out, String value, NixVersion version) {
    boolean everyDollar = !version.atLeast(NixVersion.NIX_2_26);
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '$' ->
            out.append(
                everyDollar || i + 1 < value.length() && value.charAt(i + 1) == '{' ? "\\$" : "$");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
    out.append('"');
  }

  /** Orders names by their UTF-8 bytes, unsigned, as C++ {@code std::string} compares them. */
  static int compareBytes(String a, String b) {
    // Below the surrogates, UTF-16 units are code points and UTF-8 keeps their order: the first
    // unit that differs decides, unless a surrogate (a raw byte or a pair) is involved.
    int common = Math.min(a.length(), b.length());
    for (int i = 0; i < common; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x < Character.MIN_SURROGATE && y < Character.MIN_SURROGATE
            ? x - y
            : Arrays.compareUnsigned(RawUtf8.encode(a), RawUtf8.encode(b));
      }
    }
    if (common > 0 && Character.isSurrogate(a.charAt(common - 1))) {
      return Arrays.compareUnsigned(RawUtf8.encode(a), RawUtf8.encode(b));
    }
    return a.length() - b.length();
  }

  /**
   * C's {@code printf("%g")}: six significant digits (rounded half-even on the exact binary value),
   * scientific notation below 1e-4 or from 1e6, trailing zeros dropped.
   */
  public static String formatFloat(double value) {
    if (value == 0) {
      return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new MathContext(6, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    String digits = rounded.unscaledValue().abs().toString();
    while (digits.length() < 6) {
      digits = digits + "0";
    }
    String sign = rounded.signum() < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
      String mantissa = stripZeros(digits.charAt(0) + "." + digits.substring(1));
      String exp = String.valueOf(Math.abs(exponent));
      return sign
          + mantissa
          + "e"
          + (exponent < 0 ? "-" : "+")
          + (exp.length() < 2 ? "0" : "")
          + exp;
    }
    String fixed;
    if (exponent >= 0) {
      fixed = digits.substring(0, exponent + 1) + "." + digits.substring(exponent + 1);
    } else {
      fixed = "0." + "0".repeat(-exponent - 1) + digits;
    }
    return sign + stripZeros(fixed);
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
