package dev.flakegen.nix.print;

import static dev.flakegen.nix.print.layout.Docs.concat;
import static dev.flakegen.nix.print.layout.Docs.empty;
import static dev.flakegen.nix.print.layout.Docs.group;
import static dev.flakegen.nix.print.layout.Docs.hardline;
import static dev.flakegen.nix.print.layout.Docs.ifBreak;
import static dev.flakegen.nix.print.layout.Docs.join;
import static dev.flakegen.nix.print.layout.Docs.line;
import static dev.flakegen.nix.print.layout.Docs.nest;
import static dev.flakegen.nix.print.layout.Docs.softline;
import static dev.flakegen.nix.print.layout.Docs.tail;
import static dev.flakegen.nix.print.layout.Docs.text;
import static dev.flakegen.nix.print.layout.Docs.verbatim;

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
import dev.flakegen.nix.ast.Parameter;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.RawText;
import dev.flakegen.nix.ast.SearchPath;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.StringPart;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Uri;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import dev.flakegen.nix.core.DeepStack;
import dev.flakegen.nix.print.layout.Doc;
import dev.flakegen.nix.print.layout.Docs;
import dev.flakegen.nix.print.layout.LayoutWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The readable printer: Nix as a person would check it in, in the layout of nixfmt and RFC 166
 * (a subset; see {@code style-anchors.md} §3.1). Parsing the output gives back an equal tree, for
 * every tree the parser can produce; the output is a fixed point (printing its parse gives the same
 * text) and depends on nothing but the tree.
 *
 * <p>The layout, in short: two-space indentation, a soft limit of {@value #WIDTH} columns not
 * counting indentation; {@code [ a ]}, {@code { a = 1; }}, {@code [ ]}, {@code { }}; a set with
 * more than one binding, or that is a binding's value, is expanded; lists expand when they do not
 * fit or have more than {@value #MAX_FLAT_LIST_ITEMS} items; a binding is on one line if it fits,
 * else its value starts the next line, indented, unless the value is or ends with an absorbable
 * term (set, list, multi-line {@code ''} string: <code>a = f x {</code>, {@code a = x: [},
 * <code>a = with lib; {</code>); {@code let} is always multi-line with the body after {@code in};
 * {@code if}/{@code else if}/{@code else} start lines without creeping; function bodies are not
 * indented, a set pattern with more than one formal has one per line with trailing commas; an
 * application's last set, list, string or parenthesised argument is absorbed
 * (<code>mkDerivation (finalAttrs: {</code>); an operator chain that does not fit starts each operator
 * on a line; {@code inherit} that does not fit has one name per line and {@code ;} on its own
 * line. In the file's main set, bindings that span several lines are set apart by blank lines.
 *
 * <p>Parentheses follow Nix 2.8's precedence ({@link Operator}), plus a few for readers
 * ({@code f (x.a or 1)}, {@code -(-x)}) and for tokens that would glue ({@code (1).a},
 * {@code (./a).b}, {@code - ./a}, a URI before a formal's comma). Comments are not in the tree;
 * a header comment can be given.
 *
 * <p>The tree is turned into a {@link Doc} here; {@link LayoutWriter} alone decides line breaks
 * and writes whitespace.
 */
public final class ReadablePrinter {

  /** The soft line limit, not counting indentation. */
  public static final int WIDTH = 100;

  /** Lists with more items than this are expanded even when they would fit on a line. */
  static final int MAX_FLAT_LIST_ITEMS = 6;

  private ReadablePrinter() {}

  /** {@code expr} in the readable layout, ending in one line feed. */
  public static String print(Expr expr) {
    return print(expr, List.of());
  }

  /**
   * {@code expr} in the readable layout after a header comment: each line of
   * {@code headerComment} printed as {@code # line} ({@code #} alone for an empty line).
   *
   * @throws IllegalArgumentException if a header line contains a line break
   */
  public static String print(Expr expr, List<String> headerComment) {
    Objects.requireNonNull(expr, "expr");
    return headerComment(headerComment) + LayoutWriter.render(document(expr), WIDTH);
  }

  /**
   * The header comment {@link #print(Expr, List)} writes before a file: each line as
   * {@code # line} ({@code #} alone for an empty line), each ending in a line feed.
   *
   * @throws IllegalArgumentException if a line contains a line break
   */
  public static String headerComment(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "headerComment lines must not contain line breaks, was \"" + line + "\"");
      }
      String content = line.stripTrailing();
      out.append(content.isEmpty() ? "#" : "# " + content).append('\n');
    }
    return out.toString();
  }

  /** The document of {@code expr}, before layout. */
  static Doc document(Expr expr) {
    return DeepStack.call(() -> new Builder(topLevelSet(expr)).expr(expr, 0, false).doc());
  }

  /** The set whose bindings get blank lines around multi-line ones: the file's main set. */
  private static Expr topLevelSet(Expr expr) {
    Expr e = expr;
    while (e instanceof Lambda lambda) {
      e = lambda.body();
    }
    return e instanceof AttributeSet set && !set.bindings().isEmpty() ? set : null;
  }

  /** How a printed expression can sit at the end of a line. */
  private enum Shape {
    /** Nothing special. */
    PLAIN,
    /** An absorbable term: a set, a list or a multi-line {@code ''} string. */
    TERM,
    /** Starts on the line and ends with an absorbed term (<code>f x {</code>, {@code x: [}). */
    TAIL,
    /** In parentheses. */
    PAREN
  }

  private record Out(Doc doc, Shape shape) {
    static Out plain(Doc doc) {
      return new Out(doc, Shape.PLAIN);
    }
  }

  // Levels: what an expression is, and what a position accepts. Operators use their precedence.
  private static final int EXPR = 0;
  private static final int APPLICATION = 14;
  private static final int SELECT = 15;
  private static final int SIMPLE = 16;

  private static int level(Expr e) {
    if (e instanceof Lambda || e instanceof Let || e instanceof With || e instanceof Assert
        || e instanceof If) {
      return EXPR;
    }
    if (e instanceof BinaryOperation b) {
      return b.operator().precedence();
    }
    if (e instanceof Not) {
      return Operator.NOT_PRECEDENCE;
    }
    if (e instanceof HasAttribute) {
      return Operator.HAS_ATTRIBUTE_PRECEDENCE;
    }
    if (e instanceof Negation) {
      return Operator.NEGATION_PRECEDENCE;
    }
    if (e instanceof Application) {
      return APPLICATION;
    }
    if (e instanceof Select || e instanceof LegacyOr) {
      return SELECT;
    }
    return SIMPLE;
  }

  private static final class Builder {

    private final Expr topLevelSet;

    Builder(Expr topLevelSet) {
      this.topLevelSet = topLevelSet;
    }

    /** {@code e} where the position accepts expressions of {@code minLevel} and up. */
    Out expr(Expr e, int minLevel, boolean forceParens) {
      if (forceParens || level(e) < minLevel) {
        return parens(e);
      }
      return bare(e);
    }

    Out parens(Expr e) {
      Out inner = bare(e);
      if (inner.shape() == Shape.TAIL || !inner.doc().breakable()) {
        // stdenv.mkDerivation (finalAttrs: {   and   (1).a, (-x)
        return new Out(concat(text("("), inner.doc(), text(")")), Shape.PAREN);
      }
      Doc d = group(concat(text("("), nest(concat(softline(), inner.doc())), softline(), text(")")),
          inner.doc().multiline());
      return new Out(d, Shape.PAREN);
    }

    Out bare(Expr e) {
      if (e instanceof IntegerLiteral i) {
        return Out.plain(text(Long.toString(i.value())));
      } else if (e instanceof FloatLiteral f) {
        return Out.plain(text(NixLiterals.floatLiteral(f.value())));
      } else if (e instanceof StringLiteral s) {
        return Out.plain(simpleString(s));
      } else if (e instanceof IndentedString s) {
        return indentedString(s);
      } else if (e instanceof PathLiteral p) {
        return Out.plain(path(p));
      } else if (e instanceof SearchPath p) {
        return Out.plain(text("<" + p.path() + ">"));
      } else if (e instanceof Uri u) {
        return Out.plain(text(u.text()));
      } else if (e instanceof Variable v) {
        return Out.plain(text(v.name()));
      } else if (e instanceof CurrentPosition) {
        return Out.plain(text("__curPos"));
      } else if (e instanceof Select s) {
        return Out.plain(select(s));
      } else if (e instanceof HasAttribute h) {
        return Out.plain(concat(expr(h.target(), Operator.HAS_ATTRIBUTE_PRECEDENCE, false).doc(),
            text(" ? "), attrPath(h.path())));
      } else if (e instanceof AttributeSet s) {
        return new Out(set(s.recursive() ? "rec {" : "{", s.bindings(), false, s == topLevelSet),
            Shape.TERM);
      } else if (e instanceof LegacyLet l) {
        return new Out(set("let {", l.bindings(), false, false), Shape.TERM);
      } else if (e instanceof ListLiteral l) {
        return new Out(list(l), Shape.TERM);
      } else if (e instanceof Lambda l) {
        return lambda(l);
      } else if (e instanceof Application a) {
        return application(a);
      } else if (e instanceof Let l) {
        return Out.plain(let(l));
      } else if (e instanceof With w) {
        return with(w);
      } else if (e instanceof Assert a) {
        return Out.plain(concat(text("assert "), expr(a.condition(), EXPR, false).doc(), text(";"),
            hardline(), expr(a.body(), EXPR, false).doc()));
      } else if (e instanceof If i) {
        return Out.plain(ifThenElse(i));
      } else if (e instanceof Not n) {
        return Out.plain(concat(text("!"),
            expr(n.operand(), Operator.NOT_PRECEDENCE, false).doc()));
      } else if (e instanceof Negation n) {
        Out operand = expr(n.operand(), Operator.NEGATION_PRECEDENCE,
            n.operand() instanceof Negation);
        // "-./a" would be one path token.
        boolean space = operand.shape() != Shape.PAREN && startsWithPath(n.operand());
        return Out.plain(concat(text(space ? "- " : "-"), operand.doc()));
      } else if (e instanceof BinaryOperation b) {
        return Out.plain(operatorChain(b));
      } else if (e instanceof LegacyOr o) {
        return Out.plain(concat(expr(o.target(), SIMPLE, false).doc(), text(" or")));
      }
      throw new IllegalArgumentException("unknown expression " + e.getClass().getName());
    }

    // ---- selection and names ------------------------------------------------------------------

    Doc select(Select s) {
      Expr target = s.target();
      // 1.a would read as the float "1." then a, ./a.b as one path, x:y.a as one URI.
      boolean glues = target instanceof IntegerLiteral || target instanceof FloatLiteral
          || target instanceof PathLiteral || target instanceof Uri;
      List<Doc> docs = new ArrayList<>();
      docs.add(expr(target, SIMPLE, glues).doc());
      docs.add(text("."));
      docs.add(attrPath(s.path()));
      s.fallback().ifPresent(fallback -> {
        docs.add(text(" or "));
        docs.add(expr(fallback, SELECT, fallback instanceof LegacyOr).doc());
      });
      return concat(docs);
    }

    Doc attrPath(List<AttrName> path) {
      List<Doc> docs = new ArrayList<>(path.size());
      for (AttrName name : path) {
        docs.add(attrName(name));
      }
      return join(text("."), docs);
    }

    Doc attrName(AttrName name) {
      if (name instanceof IdentifierName id) {
        return text(id.name());
      } else if (name instanceof StringName s) {
        return simpleString(s.string());
      } else {
        return interpolation(((InterpolatedName) name).expr());
      }
    }

    // ---- strings and paths -------------------------------------------------------------------

    Doc simpleString(StringLiteral s) {
      List<StringPart> parts = s.parts();
      List<Doc> docs = new ArrayList<>(parts.size() + 2);
      docs.add(text("\""));
      for (int i = 0; i < parts.size(); i++) {
        StringPart part = parts.get(i);
        if (part instanceof Text t) {
          boolean beforeInterpolation = i + 1 < parts.size();
          docs.add(verbatim(NixLiterals.simpleStringText(t.text(), beforeInterpolation)));
        } else {
          docs.add(interpolation(((Interpolation) part).expr()));
        }
      }
      docs.add(text("\""));
      return concat(docs);
    }

    /**
     * {@code ${e}}: on one line when {@code e} cannot break or fits; else {@code e} on lines of
     * its own (inside {@code ${…}} line breaks are not string content).
     */
    Doc interpolation(Expr e) {
      Out inner = expr(e, EXPR, false);
      if (inner.shape() == Shape.TERM || !inner.doc().breakable()) {
        return concat(text("${"), inner.doc(), text("}"));
      }
      return group(concat(text("${"), nest(concat(softline(), inner.doc())), softline(),
          text("}")), inner.doc().multiline());
    }

    Out indentedString(IndentedString s) {
      List<IndentedPart> parts = s.parts();
      Map<Interpolation, Doc> interpolations = new IdentityHashMap<>();
      for (IndentedPart part : parts) {
        if (part instanceof Interpolation i) {
          interpolations.put(i, interpolation(i.expr()));
        }
      }
      if (!IndentedStringLayout.isMultiline(parts)) {
        return Out.plain(concat(text("''"), indentedParts(parts, interpolations), text("''")));
      }
      Doc d = Docs.deferred(lineIndent -> {
        List<IndentedPart> reindented = IndentedStringLayout.reindent(parts,
            lineIndent + LayoutWriter.INDENT, lineIndent);
        List<IndentedPart> printed = reindented != null ? reindented : parts;
        return concat(text("''"), Docs.rawNewline(), indentedParts(printed, interpolations),
            text("''"));
      }, 2);
      return new Out(d, Shape.TERM);
    }

    Doc indentedParts(List<IndentedPart> parts, Map<Interpolation, Doc> interpolations) {
      List<Doc> docs = new ArrayList<>();
      for (IndentedPart part : parts) {
        if (part instanceof RawText raw) {
          String s = raw.text();
          int start = 0;
          int lf;
          while ((lf = s.indexOf('\n', start)) >= 0) {
            docs.add(verbatim(s.substring(start, lf)));
            docs.add(Docs.rawNewline());
            start = lf + 1;
          }
          docs.add(verbatim(s.substring(start)));
        } else if (part instanceof Escape escape) {
          docs.add(verbatim(NixLiterals.indentedEscape(escape)));
        } else {
          docs.add(interpolations.get((Interpolation) part));
        }
      }
      return concat(docs);
    }

    Doc path(PathLiteral p) {
      List<Doc> docs = new ArrayList<>();
      for (StringPart part : p.parts()) {
        if (part instanceof Text t) {
          docs.add(text(t.text()));
        } else {
          docs.add(interpolation(((Interpolation) part).expr()));
        }
      }
      return concat(docs);
    }

    // ---- sets, lists, bindings ---------------------------------------------------------------

    Doc set(String open, List<Binding> bindings, boolean expand, boolean topLevel) {
      if (bindings.isEmpty()) {
        return text(open + " }");
      }
      List<Doc> docs = new ArrayList<>(bindings.size());
      boolean multiline = false;
      for (Binding b : bindings) {
        Doc d = binding(b);
        docs.add(d);
        multiline |= d.multiline();
      }
      if (!expand && docs.size() == 1 && !multiline) {
        return group(concat(text(open), nest(concat(line(), docs.get(0))), line(), text("}")));
      }
      return concat(text(open), nest(concat(hardline(), bindingLines(docs, topLevel))),
          hardline(), text("}"));
    }

    /**
     * Bindings one per line; in the file's main set, a blank line before and after each binding
     * that spans several lines (so that, in a flake, inputs and outputs stand apart).
     */
    Doc bindingLines(List<Doc> docs, boolean blankLines) {
      List<Doc> out = new ArrayList<>(docs.size() * 3);
      boolean previousSpans = false;
      for (int i = 0; i < docs.size(); i++) {
        boolean spans = blankLines && !LayoutWriter.fitsOnOneLine(docs.get(i), WIDTH);
        if (i > 0) {
          out.add(hardline());
          if (spans || previousSpans) {
            out.add(hardline());
          }
        }
        out.add(docs.get(i));
        previousSpans = spans;
      }
      return concat(out);
    }

    Doc list(ListLiteral l) {
      List<Expr> items = l.items();
      if (items.isEmpty()) {
        return text("[ ]");
      }
      List<Doc> docs = new ArrayList<>(items.size());
      boolean multiline = false;
      for (Expr item : items) {
        Doc d = expr(item, SELECT, readabilityParens(item)).doc();
        docs.add(d);
        multiline |= d.multiline();
      }
      boolean expand = multiline || items.size() > MAX_FLAT_LIST_ITEMS;
      Doc separator = expand ? hardline() : line();
      return group(concat(text("["), nest(concat(separator, join(separator, docs))), separator,
          text("]")), expand);
    }

    Doc binding(Binding b) {
      if (b instanceof AttributeDefinition d) {
        return assignment(attrPath(d.path()), " =", d.value(), false, text(";"));
      }
      Inherit inherit = (Inherit) b;
      List<Doc> items = new ArrayList<>();
      boolean multiline = false;
      for (AttrName name : inherit.names()) {
        Doc d = attrName(name);
        items.add(concat(line(), d));
        multiline |= d.multiline();
      }
      Doc head = text("inherit");
      if (inherit.from().isPresent()) {
        Doc from = expr(inherit.from().get(), EXPR, false).doc();
        multiline |= from.multiline();
        head = concat(text("inherit ("), from, text(")"));
      }
      return group(concat(head, nest(concat(concat(items), softline(), text(";")))), multiline);
    }

    /**
     * {@code lhs op value terminator}: on one line if it fits; else the value on the next line,
     * indented, unless it starts on this line and ends with an absorbed set, list or string.
     */
    Doc assignment(Doc lhs, String op, Expr value, boolean forceParens, Doc terminator) {
      Out v;
      if (!forceParens && value instanceof AttributeSet s && !s.bindings().isEmpty()) {
        v = new Out(set(s.recursive() ? "rec {" : "{", s.bindings(), true, s == topLevelSet),
            Shape.TERM);
      } else if (!forceParens && value instanceof LegacyLet l && !l.bindings().isEmpty()) {
        v = new Out(set("let {", l.bindings(), true, false), Shape.TERM);
      } else {
        v = expr(value, EXPR, forceParens);
      }
      Doc vd = v.shape() == Shape.TERM ? tail(v.doc()) : v.doc();
      boolean absorbs = v.shape() == Shape.TERM || v.shape() == Shape.TAIL;
      return group(concat(lhs, text(op),
              ifBreak(nest(concat(line(), vd)), concat(text(" "), vd)), terminator),
          lhs.multiline() || v.doc().multiline() && !absorbs);
    }

    Doc let(Let l) {
      Doc body = expr(l.body(), EXPR, false).doc();
      if (l.bindings().isEmpty()) {
        return concat(text("let"), hardline(), text("in"), hardline(), body);
      }
      List<Doc> docs = new ArrayList<>();
      for (Binding b : l.bindings()) {
        docs.add(binding(b));
      }
      return concat(text("let"), nest(concat(hardline(), join(hardline(), docs))), hardline(),
          text("in"), hardline(), body);
    }

    // ---- functions ---------------------------------------------------------------------------

    Out lambda(Lambda l) {
      List<Doc> params = new ArrayList<>();
      boolean allNamed = true;
      boolean paramsMultiline = false;
      Expr body = l;
      while (body instanceof Lambda lambda) {
        Doc p = parameter(lambda.parameter());
        params.add(p);
        paramsMultiline |= p.multiline();
        allNamed &= lambda.parameter() instanceof NamedParameter;
        body = lambda.body();
      }
      Out b = expr(body, EXPR, false);
      Doc paramsDoc = group(join(line(), params), paramsMultiline);
      if (allNamed && b.shape() == Shape.TERM) {
        // name: value: ''
        return new Out(group(concat(paramsDoc, line(), tail(b.doc()))), Shape.TAIL);
      }
      return Out.plain(group(concat(paramsDoc, line(), b.doc()),
          paramsMultiline || b.doc().multiline()));
    }

    Doc parameter(Parameter parameter) {
      if (parameter instanceof NamedParameter named) {
        return text(named.name() + ":");
      }
      PatternParameter pattern = (PatternParameter) parameter;
      Doc formals = formals(pattern);
      if (pattern.alias().isEmpty()) {
        return concat(formals, text(":"));
      }
      String alias = pattern.alias().get();
      return pattern.aliasFirst() ? concat(text(alias + "@"), formals, text(":"))
          : concat(formals, text("@" + alias + ":"));
    }

    Doc formals(PatternParameter pattern) {
      List<Formal> formals = pattern.formals();
      if (formals.isEmpty() && !pattern.ellipsis()) {
        return text("{ }");
      }
      List<Doc> items = new ArrayList<>();
      boolean multiline = false;
      for (int i = 0; i < formals.size(); i++) {
        Formal formal = formals.get(i);
        Doc d = text(formal.name());
        if (formal.fallback().isPresent()) {
          Expr fallback = formal.fallback().get();
          // A URI would take the ',' after it.
          d = assignment(d, " ?", fallback, endsWithUri(fallback), empty());
        }
        multiline |= d.multiline();
        boolean last = i == formals.size() - 1 && !pattern.ellipsis();
        items.add(concat(d, last ? ifBreak(text(","), empty()) : text(",")));
      }
      if (pattern.ellipsis()) {
        items.add(text("..."));
      }
      boolean expand = multiline || formals.size() > 1;
      return group(concat(text("{"), nest(concat(line(), join(line(), items))), line(), text("}")),
          expand);
    }

    Out application(Application a) {
      List<Expr> arguments = new ArrayList<>();
      Expr function = a;
      while (function instanceof Application app) {
        arguments.add(app.argument());
        function = app.function();
      }
      Collections.reverse(arguments);
      Doc f = expr(function, APPLICATION, false).doc();
      List<Doc> args = new ArrayList<>(arguments.size());
      Out last = null;
      boolean headMultiline = f.multiline();
      for (int i = 0; i < arguments.size(); i++) {
        Out arg = expr(arguments.get(i), SELECT, readabilityParens(arguments.get(i)));
        if (i == arguments.size() - 1) {
          last = arg;
        } else {
          args.add(concat(line(), arg.doc()));
          headMultiline |= arg.doc().multiline();
        }
      }
      boolean absorbLast = last.shape() == Shape.TERM || last.shape() == Shape.PAREN;
      if (absorbLast && !headMultiline) {
        // f a {   and, when the head does not fit, every argument on its own line.
        Doc d = group(concat(f, nest(concat(args)),
            ifBreak(nest(concat(line(), last.doc())), concat(text(" "), tail(last.doc())))));
        return new Out(d, Shape.TAIL);
      }
      args.add(concat(line(), last.doc()));
      return Out.plain(group(concat(f, nest(concat(args))),
          headMultiline || last.doc().multiline()));
    }

    // ---- other expressions -------------------------------------------------------------------

    Out with(With w) {
      Doc scope = expr(w.scope(), EXPR, false).doc();
      Out body = expr(w.body(), EXPR, false);
      Doc head = concat(text("with "), scope, text(";"));
      if (body.shape() == Shape.TERM && !scope.multiline()) {
        return new Out(group(concat(head, line(), tail(body.doc()))), Shape.TAIL);
      }
      return Out.plain(group(concat(head, line(), body.doc()),
          scope.multiline() || body.doc().multiline()));
    }

    Doc ifThenElse(If first) {
      List<Doc> docs = new ArrayList<>();
      boolean multiline = false;
      Expr e = first;
      int branches = 0;
      while (e instanceof If i) {
        Doc condition = expr(i.condition(), EXPR, false).doc();
        Doc consequent = expr(i.consequent(), EXPR, false).doc();
        multiline |= condition.multiline() || consequent.multiline();
        if (branches++ > 0) {
          docs.add(text(" "));
        }
        docs.add(group(concat(text("if"), nest(concat(line(), condition)), line(), text("then")),
            condition.multiline()));
        docs.add(nest(concat(line(), consequent)));
        docs.add(line());
        docs.add(text("else"));
        e = i.alternative();
      }
      Doc alternative = expr(e, EXPR, false).doc();
      multiline |= alternative.multiline();
      docs.add(nest(concat(line(), alternative)));
      return group(concat(docs), multiline || branches > 1);
    }

    Doc operatorChain(BinaryOperation b) {
      Operator op = b.operator();
      int p = op.precedence();
      List<Expr> operands = new ArrayList<>();
      List<Operator> operators = new ArrayList<>();
      switch (op.associativity()) {
        case LEFT -> {
          Expr e = b;
          while (e instanceof BinaryOperation bin && bin.operator().precedence() == p) {
            operands.add(bin.right());
            operators.add(bin.operator());
            e = bin.left();
          }
          operands.add(e);
          Collections.reverse(operands);
          Collections.reverse(operators);
        }
        case RIGHT -> {
          Expr e = b;
          while (e instanceof BinaryOperation bin && bin.operator().precedence() == p) {
            operands.add(bin.left());
            operators.add(bin.operator());
            e = bin.right();
          }
          operands.add(e);
        }
        case NONE -> {
          operands.add(b.left());
          operands.add(b.right());
          operators.add(op);
        }
      }
      List<Doc> docs = new ArrayList<>();
      boolean multiline = false;
      for (int i = 0; i < operands.size(); i++) {
        int minLevel = switch (op.associativity()) {
          case LEFT -> i == 0 ? p : p + 1;
          case RIGHT -> i == operands.size() - 1 ? p : p + 1;
          case NONE -> p + 1;
        };
        Doc d = expr(operands.get(i), minLevel, false).doc();
        multiline |= d.multiline();
        if (i == 0) {
          docs.add(d);
        } else {
          docs.add(line());
          docs.add(text(operators.get(i - 1).symbol() + " "));
          docs.add(d);
        }
      }
      return Docs.wholeGroup(concat(docs), multiline);
    }
  }

  /**
   * Parentheses the grammar does not need but a reader does: {@code f (x.a or 1) y} rather than
   * {@code f x.a or 1 y}, {@code [ (f or) ]} rather than {@code [ f or ]}.
   */
  private static boolean readabilityParens(Expr item) {
    return item instanceof Select s && s.fallback().isPresent() || item instanceof LegacyOr;
  }

  // ---- token gluing --------------------------------------------------------------------------

  /** Whether the first token of {@code e} may be a path (conservatively). */
  private static boolean startsWithPath(Expr e) {
    Expr x = e;
    while (true) {
      if (x instanceof PathLiteral) {
        return true;
      } else if (x instanceof Application a) {
        x = a.function();
      } else if (x instanceof Select s) {
        x = s.target();
      } else if (x instanceof HasAttribute h) {
        x = h.target();
      } else if (x instanceof BinaryOperation b) {
        x = b.left();
      } else if (x instanceof LegacyOr o) {
        x = o.target();
      } else {
        return false;
      }
    }
  }

  /** Whether the last token of {@code e} may be a URI (conservatively). */
  private static boolean endsWithUri(Expr e) {
    Expr x = e;
    while (true) {
      if (x instanceof Uri) {
        return true;
      } else if (x instanceof Application a) {
        x = a.argument();
      } else if (x instanceof BinaryOperation b) {
        x = b.right();
      } else if (x instanceof Not n) {
        x = n.operand();
      } else if (x instanceof Negation n) {
        x = n.operand();
      } else if (x instanceof Lambda l) {
        x = l.body();
      } else if (x instanceof Let l) {
        x = l.body();
      } else if (x instanceof With w) {
        x = w.body();
      } else if (x instanceof Assert a) {
        x = a.body();
      } else if (x instanceof If i) {
        x = i.alternative();
      } else if (x instanceof Select s && s.fallback().isPresent()) {
        x = s.fallback().get();
      } else {
        return false;
      }
    }
  }
}
