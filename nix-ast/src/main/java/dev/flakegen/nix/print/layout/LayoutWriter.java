package dev.flakegen.nix.print.layout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The one writer of the readable layout: it alone emits spaces between tokens, line feeds and
 * indentation. Indentation is written lazily (a line gets its indentation when its first text
 * arrives, so blank lines stay empty), trailing layout spaces are dropped, lines end in {@code \n}
 * only, and the result ends in exactly one {@code \n}.
 *
 * <p>Groups are decided greedily, as in Wadler's and prettier's algorithm: a group is flat if it
 * fits, together with what follows it up to the next possible line break, in the rest of the
 * line. The limit counts the line's content, not its indentation (RFC 166).
 */
public final class LayoutWriter {

  /** Spaces per indentation level. */
  public static final int INDENT = 2;

  private record Command(int indent, boolean flat, Doc doc) {}

  private final int width;
  private final StringBuilder out = new StringBuilder();
  private final Deque<Command> stack = new ArrayDeque<>();
  private int lineStart;
  private int lineIndent;
  private boolean pendingIndent;
  private int protectedUpTo;

  private LayoutWriter(int width) {
    this.width = width;
  }

  /** {@code doc} laid out for lines of {@code width} characters (not counting indentation). */
  public static String render(Doc doc, int width) {
    LayoutWriter writer = new LayoutWriter(width);
    writer.run(doc);
    return writer.finish();
  }

  private void run(Doc doc) {
    stack.push(new Command(0, false, doc));
    while (!stack.isEmpty()) {
      Command c = stack.pop();
      Doc d = c.doc();
      if (d instanceof Doc.Text t) {
        write(t.text(), t.verbatim());
      } else if (d instanceof Doc.Line l) {
        if (c.flat() && l.kind() != Doc.LineKind.HARD) {
          if (l.kind() == Doc.LineKind.LINE) {
            write(" ", false);
          }
        } else {
          newline(c.indent());
        }
      } else if (d instanceof Doc.RawNewline) {
        rawNewline();
      } else if (d instanceof Doc.Nest n) {
        stack.push(new Command(c.indent() + INDENT, c.flat(), n.doc()));
      } else if (d instanceof Doc.Group g) {
        boolean flat;
        if (g.forced()) {
          flat = false;
        } else if (c.flat()) {
          flat = true;
        } else {
          flat = fits(new Command(c.indent(), true, g.doc()), g.whole());
        }
        stack.push(new Command(c.indent(), flat, g.doc()));
      } else if (d instanceof Doc.Concat cat) {
        List<Doc> docs = cat.docs();
        for (int i = docs.size() - 1; i >= 0; i--) {
          stack.push(new Command(c.indent(), c.flat(), docs.get(i)));
        }
      } else if (d instanceof Doc.IfBreak ib) {
        stack.push(new Command(c.indent(), c.flat(), c.flat() ? ib.flat() : ib.broken()));
      } else if (d instanceof Doc.Tail tail) {
        // An absorbed term decides its own groups, whatever the line it ends decided.
        stack.push(new Command(c.indent(), false, tail.doc()));
      } else if (d instanceof Doc.Deferred deferred) {
        stack.push(new Command(c.indent(), c.flat(), deferred.atLineIndent().apply(lineIndent)));
      } else {
        throw new IllegalStateException("unknown doc " + d);
      }
    }
  }

  /**
   * Whether {@code next} (a group's content, flat), and what follows it up to a line break, fits
   * in the rest of the line; {@code whole}: absorbed terms in it must fit too.
   */
  private boolean fits(Command next, boolean whole) {
    int remaining = width - currentLineWidth();
    Deque<Fit> local = new ArrayDeque<>();
    local.push(new Fit(next.indent(), true, whole, next.doc()));
    Iterator<Command> rest = stack.iterator();
    boolean inRest = false;
    while (true) {
      if (remaining < 0) {
        return false;
      }
      Fit c;
      if (!local.isEmpty()) {
        c = local.pop();
      } else if (rest.hasNext()) {
        Command r = rest.next();
        c = new Fit(r.indent(), r.flat(), false, r.doc());
        inRest = true;
      } else {
        return true;
      }
      Doc d = c.doc();
      if (d instanceof Doc.Text t) {
        remaining -= t.text().length();
      } else if (d instanceof Doc.Line l) {
        if (!c.flat() || l.kind() == Doc.LineKind.HARD) {
          return true;
        }
        if (l.kind() == Doc.LineKind.LINE) {
          remaining--;
        }
      } else if (d instanceof Doc.RawNewline) {
        return true;
      } else if (d instanceof Doc.Nest n) {
        local.push(new Fit(c.indent() + INDENT, c.flat(), c.whole(), n.doc()));
      } else if (d instanceof Doc.Group g) {
        boolean flat = c.flat() && !g.forced();
        local.push(new Fit(c.indent(), flat, c.whole() || flat && g.whole(), g.doc()));
      } else if (d instanceof Doc.Concat cat) {
        List<Doc> docs = cat.docs();
        for (int i = docs.size() - 1; i >= 0; i--) {
          local.push(new Fit(c.indent(), c.flat(), c.whole(), docs.get(i)));
        }
      } else if (d instanceof Doc.IfBreak ib) {
        local.push(new Fit(c.indent(), c.flat(), c.whole(), c.flat() ? ib.flat() : ib.broken()));
      } else if (d instanceof Doc.Tail tail) {
        // After the group, a term is absorbed as its enclosing group decided; inside the
        // group, only a term that ends it (and no whole group around it) can be.
        boolean absorbed = inRest
            || !c.whole() && c.indent() == next.indent() && !anyBreakable(local);
        local.push(new Fit(c.indent(), !absorbed && c.flat(), c.whole(), tail.doc()));
      } else if (d instanceof Doc.Deferred deferred) {
        return remaining - deferred.firstLineWidth() >= 0;
      }
    }
  }

  /**
   * Whether {@code doc} prints on one line when it starts a line: nothing forces a break in it
   * and all of it fits in {@code width} (the limit does not count indentation, so where the line
   * is indented does not matter).
   */
  public static boolean fitsOnOneLine(Doc doc, int width) {
    if (doc.multiline()) {
      return false;
    }
    int remaining = width;
    Deque<Doc> stack = new ArrayDeque<>();
    stack.push(doc);
    while (!stack.isEmpty()) {
      Doc d = stack.pop();
      if (d instanceof Doc.Text t) {
        remaining -= t.text().length();
        if (remaining < 0) {
          return false;
        }
      } else if (d instanceof Doc.Line l) {
        remaining -= l.kind() == Doc.LineKind.LINE ? 1 : 0;
      } else if (d instanceof Doc.Nest n) {
        stack.push(n.doc());
      } else if (d instanceof Doc.Group g) {
        stack.push(g.doc());
      } else if (d instanceof Doc.Tail t) {
        stack.push(t.doc());
      } else if (d instanceof Doc.IfBreak ib) {
        stack.push(ib.flat());
      } else if (d instanceof Doc.Concat cat) {
        for (int i = cat.docs().size() - 1; i >= 0; i--) {
          stack.push(cat.docs().get(i));
        }
      } else {
        return false;
      }
    }
    return remaining >= 0;
  }

  /** A document being measured: {@code whole} when inside a flat whole group. */
  private record Fit(int indent, boolean flat, boolean whole, Doc doc) {}

  private static boolean anyBreakable(Deque<Fit> commands) {
    for (Fit c : commands) {
      if (c.doc().breakable()) {
        return true;
      }
    }
    return false;
  }

  private int currentLineWidth() {
    return pendingIndent ? 0 : out.length() - lineStart - lineIndent;
  }

  private void write(String text, boolean verbatim) {
    if (pendingIndent) {
      out.append(" ".repeat(lineIndent));
      pendingIndent = false;
    }
    out.append(text);
    if (verbatim) {
      protectedUpTo = out.length();
    }
  }

  private void newline(int indent) {
    trimTrailingSpaces();
    out.append('\n');
    lineStart = out.length();
    lineIndent = indent;
    pendingIndent = true;
  }

  private void rawNewline() {
    if (pendingIndent) {
      pendingIndent = false;
    }
    out.append('\n');
    lineStart = out.length();
    lineIndent = 0;
    protectedUpTo = out.length();
  }

  private void trimTrailingSpaces() {
    int floor = Math.max(protectedUpTo, lineStart);
    int end = out.length();
    while (end > floor && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
  }

  private String finish() {
    trimTrailingSpaces();
    int end = out.length();
    while (end > protectedUpTo && end > 0 && out.charAt(end - 1) == '\n') {
      end--;
    }
    out.setLength(end);
    out.append('\n');
    return out.toString();
  }
}
