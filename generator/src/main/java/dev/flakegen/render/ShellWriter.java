package dev.flakegen.render;

import dev.flakegen.model.shell.Assigned;
import dev.flakegen.model.shell.Command;
import dev.flakegen.model.shell.Redirection;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.model.shell.Statement;
import dev.flakegen.model.shell.Word;
import dev.flakegen.model.shell.WordPart;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.Nix;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ShellScript} as shell text with Nix interpolations: the pieces of a Nix string,
 * each a {@link String} (shell text) or an {@link Expr} (a store path or a resource fragment,
 * interpolated). The Nix string builders escape the text; this class makes it correct shell.
 *
 * <p>Quoting, which keeps every literal exact and the script shellcheck-clean:
 *
 * <ul>
 *   <li>Literal text goes in single quotes. A {@code '} outside double quotes is written
 *       {@code \'} between single-quoted pieces ({@code 'it'\''s'}).
 *   <li>{@code $}, {@code `} and {@code \} go in double quotes, escaped ({@code "\$(date)"}):
 *       in single quotes shellcheck would take them for forgotten expansions (SC2016) or escapes
 *       (SC1003). So do the typographic single quotes U+2018 and U+2019 (SC1112).
 *   <li>{@code "} and the typographic double quotes U+201C, U+201D, U+2033 and U+2036 go in
 *       single quotes (SC1111 in double quotes).
 *   <li>Other characters join the piece that is open. Expansions ({@code "$NAME"},
 *       {@code "$@"}, {@code "${pkgs.x}/bin/y"}) are double-quoted; a name character or {@code [}
 *       right after a variable or argument closes the double quotes first, so it cannot extend
 *       the name or look like an array subscript (SC1087).
 *   <li>An exported word is assigned on the {@code export} line ({@code export NAME='a"b'});
 *       assigned first and exported after, a value with quotes would draw SC2089. An exported
 *       command output or resource is assigned first ({@code export NAME="$(…)"} would draw
 *       SC2155, which masks the command's failure).
 * </ul>
 */
final class ShellWriter {

  private static final char NONE = 0;
  private static final char SINGLE = '\'';
  private static final char DOUBLE = '"';

  private final List<Object> pieces = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private char open = NONE;
  private boolean afterName;
  /** The indentation of the statement being written: two spaces per enclosing block. */
  private String indent = "";

  private ShellWriter() {}

  /** The pieces of the script's text: one line per statement (and per export), each ending in LF. */
  static List<Object> script(ShellScript script) {
    ShellWriter writer = new ShellWriter();
    for (Statement statement : script.statements()) {
      writer.statement(statement);
    }
    return writer.finish();
  }

  /** The pieces of one pipeline ({@code a | b}), without a line end. */
  static List<Object> pipelinePieces(List<Command> pipeline) {
    ShellWriter writer = new ShellWriter();
    writer.pipeline(pipeline);
    writer.close();
    return writer.finish();
  }

  /** One literal as a shell word, e.g. {@code 'it'\''s'}; {@code ''} for the empty string. */
  static String quote(String literal) {
    ShellWriter writer = new ShellWriter();
    writer.literal(literal);
    writer.close();
    return writer.text.toString();
  }

  private List<Object> finish() {
    flush();
    return pieces;
  }

  private void statement(Statement statement) {
    raw(indent);
    if (statement instanceof Statement.Run run) {
      pipeline(run.pipeline());
    } else if (statement instanceof Statement.Assignment a) {
      Assigned value = a.value();
      if (value instanceof Word w) {
        raw((a.export() ? "export " : "") + a.name() + "=");
        word(w);
        raw("\n");
        return;
      }
      raw(a.name() + "=");
      if (value instanceof Assigned.CommandSubstitution c) {
        raw("\"$(");
        pipeline(c.pipeline());
        raw(")\"");
      } else if (value instanceof Assigned.ResourceFragment f) {
        interpolate(ResourceCalls.fragment(f));
      }
      if (a.export()) {
        raw("\n" + indent + "export " + a.name());
      }
    } else if (statement instanceof Statement.Raw r) {
      raw(r.text());
      if (r.text().endsWith("\n")) {
        return;
      }
    } else if (statement instanceof Statement.AndOr a) {
      andOr(a);
    } else if (statement instanceof Statement.Group g) {
      group(g);
    } else if (statement instanceof Statement.If f) {
      for (int b = 0; b < f.branches().size(); b++) {
        Statement.Branch branch = f.branches().get(b);
        raw(b == 0 ? "if " : indent + "elif ");
        condition(branch.condition());
        raw("; then\n");
        body(branch.body());
      }
      if (!f.otherwise().isEmpty()) {
        raw(indent + "else\n");
        body(f.otherwise());
      }
      raw(indent + "fi");
    } else if (statement instanceof Statement.For f) {
      raw("for " + f.name() + " in");
      for (Word word : f.words()) {
        raw(" ");
        word(word);
      }
      raw("; do\n");
      body(f.body());
      raw(indent + "done");
    } else if (statement instanceof Statement.HereDocument h) {
      // A quoted delimiter: the shell expands nothing in the text. It is a word no line of the
      // text is, so the text cannot end the document early.
      String text = h.text().endsWith("\n") || h.text().isEmpty() ? h.text() : h.text() + "\n";
      String delimiter = delimiter(text);
      pipeline(List.of(h.command()));
      raw(" <<'" + delimiter + "'\n" + text + delimiter);
    } else if (statement instanceof Statement.WriteFile w) {
      // printf '%s' writes its argument exactly: no escapes, no newline added.
      raw("printf '%s' ");
      literal(w.text());
      raw(w.append() ? " >> " : " > ");
      word(w.path());
    }
    raw("\n");
  }

  /** {@code EOF}, or {@code EOF_N} with the smallest N that no line of {@code text} is. */
  static String delimiter(String text) {
    java.util.Set<String> lines = new java.util.HashSet<>(List.of(text.split("\n", -1)));
    String delimiter = "EOF";
    for (int n = 1; lines.contains(delimiter); n++) {
      delimiter = "EOF_" + n;
    }
    return delimiter;
  }

  private void condition(Statement condition) {
    if (condition instanceof Statement.AndOr a) {
      andOr(a);
    } else if (condition instanceof Statement.Run run) {
      pipeline(run.pipeline());
    }
  }

  private void andOr(Statement.AndOr a) {
    for (int i = 0; i < a.items().size(); i++) {
      if (i > 0) {
        raw(" " + a.operators().get(i - 1).text() + " ");
      }
      Statement item = a.items().get(i);
      if (item instanceof Statement.Group g) {
        group(g);
      } else if (item instanceof Statement.Run run) {
        pipeline(run.pipeline());
      }
    }
  }

  /** {@code {}, the body one level deeper, {@code }} at this level (no line end). */
  private void group(Statement.Group g) {
    raw("{\n");
    body(g.body());
    raw(indent + "}");
  }

  private void body(List<Statement> body) {
    String outer = indent;
    indent = outer + "  ";
    for (Statement statement : body) {
      statement(statement);
    }
    indent = outer;
  }

  private void pipeline(List<Command> pipeline) {
    for (int i = 0; i < pipeline.size(); i++) {
      if (i > 0) {
        raw(" | ");
      }
      Command command = pipeline.get(i);
      for (int w = 0; w < command.words().size(); w++) {
        if (w > 0) {
          raw(" ");
        }
        word(command.words().get(w));
      }
      for (Redirection redirection : command.redirections()) {
        raw(" " + redirection.kind().operator() + " ");
        word(redirection.target());
      }
    }
  }

  private void word(Word word) {
    for (WordPart part : word.parts()) {
      part(part);
    }
    close();
  }

  private void part(WordPart part) {
    if (part instanceof WordPart.Literal l) {
      literal(l.text());
    } else if (part instanceof WordPart.FolderPath f) {
      literal(f.subPath().isEmpty() ? f.folder().path() : f.folder().path() + "/" + f.subPath());
    } else if (part instanceof WordPart.Variable v) {
      expansion("$" + v.name());
    } else if (part instanceof WordPart.Arguments) {
      expansion("$@");
    } else if (part instanceof WordPart.Argument a) {
      expansion(a.index() < 10 ? "$" + a.index() : "${" + a.index() + "}");
    } else if (part instanceof WordPart.PackagePath p) {
      enter(DOUBLE);
      interpolate(Nix.select(Nix.variable("pkgs"), p.attributePath().toArray(String[]::new)));
      text.append(p.subPath());
      afterName = false;
    } else if (part instanceof WordPart.Program p) {
      enter(DOUBLE);
      interpolate(Nix.variable(p.name().formal()));
      afterName = false;
    }
  }

  private void expansion(String expansion) {
    enter(DOUBLE);
    text.append(expansion);
    afterName = !expansion.equals("$@") && !expansion.endsWith("}");
  }

  private void literal(String literal) {
    if (literal.isEmpty()) {
      if (open == NONE) {
        text.append("''");
      }
      return;
    }
    for (int i = 0; i < literal.length(); ) {
      int c = literal.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\'' && open != DOUBLE) {
        close();
        text.append("\\'");
        continue;
      }
      char want = needsDouble(c) ? DOUBLE : needsSingle(c) ? SINGLE : open == NONE ? SINGLE : open;
      if (afterName && (isNameChar(c) || c == '[')) {
        close();
        want = needsDouble(c) ? DOUBLE : SINGLE;
      }
      enter(want);
      if (open == DOUBLE && (c == '$' || c == '`' || c == '\\' || c == '"')) {
        text.append('\\');
      }
      text.appendCodePoint(c);
      afterName = false;
    }
  }

  private static boolean needsDouble(int c) {
    return c == '$' || c == '`' || c == '\\' || c == 0x2018 || c == 0x2019;
  }

  private static boolean needsSingle(int c) {
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x2033 || c == 0x2036;
  }

  private static boolean isNameChar(int c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
  }

  private void enter(char quote) {
    if (open != quote) {
      close();
      text.append(quote);
      open = quote;
    }
  }

  private void close() {
    if (open != NONE) {
      text.append(open);
      open = NONE;
    }
    afterName = false;
  }

  private void raw(String shell) {
    close();
    text.append(shell);
  }

  private void interpolate(Expr expr) {
    flush();
    pieces.add(expr);
  }

  private void flush() {
    if (text.length() > 0) {
      pieces.add(text.toString());
      text.setLength(0);
    }
  }
}
