package dev.flakegen.model.shell;

import dev.flakegen.model.Problems;
import dev.flakegen.model.Rules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A shell script built from Java: one statement per line, run with errexit, nounset and pipefail.
 * Used for an init (rendered into {@code { pkgs, resources, root, sequential, wrap, ... }: ''…''}),
 * a release, a resolution and a check's fixture. The renderer quotes every literal and every
 * expansion, so the script is shellcheck-clean as built; two rules shellcheck applies to variables
 * are checked here instead, where they can name the statement (unless the script has a
 * {@link #raw} statement, which may assign and use anything).
 *
 * <pre>{@code
 * ShellScript init = ShellScript.builder()
 *     .run(command(pkg("coreutils", "/bin/echo"), literal("Hello, world!"))
 *         .toFile(mount("greeting")))
 *     .build();
 * }</pre>
 */
public final class ShellScript {

  private static final Pattern SUB_PATH = Pattern.compile("(/[A-Za-z0-9._+-]+)*");
  private static final Pattern UPPER_CASE = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private final List<Statement> statements;

  private ShellScript(List<Statement> statements) {
    this.statements = List.copyOf(statements);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.statements.addAll(statements);
    return builder;
  }

  /**
   * A script of shell text written as it is: the escape hatch for what the builder cannot say.
   * Nothing quotes or checks it (but NUL, which no Nix string can hold).
   */
  public static ShellScript raw(String text) {
    return builder().raw(text).build();
  }

  public List<Statement> statements() {
    return statements;
  }

  /**
   * The resources this script sets up through resource fragments, in its own statements and
   * the bodies of its control flow, sorted: their keys ({@code NAME}, or {@code INPUT/NAME} for a
   * flake input's; {@link ResourceName#key()}).
   */
  public Set<String> resources() {
    Set<String> keys = new TreeSet<>();
    for (Assigned.ResourceFragment f : resourceUses("").values()) {
      keys.add(f.key());
    }
    return Collections.unmodifiableSet(keys);
  }

  /**
   * Where the script sets up resources: the path of each fragment ({@code
   * PATH.statements[2].body[0].value}) and the fragment, in script order.
   */
  public Map<String, Assigned.ResourceFragment> resourceUses(String path) {
    Map<String, Assigned.ResourceFragment> uses = new java.util.LinkedHashMap<>();
    resourceUses(statements, path + ".statements", uses);
    return Collections.unmodifiableMap(uses);
  }

  private static void resourceUses(List<Statement> statements, String path,
      Map<String, Assigned.ResourceFragment> out) {
    if (statements == null) {
      return;
    }
    for (int i = 0; i < statements.size(); i++) {
      String at = path + "[" + i + "]";
      Statement statement = statements.get(i);
      if (statement instanceof Statement.Assignment a
          && a.value() instanceof Assigned.ResourceFragment f && f.resource() != null) {
        out.put(at + ".value", f);
      } else if (statement instanceof Statement.Group g) {
        resourceUses(g.body(), at + ".body", out);
      } else if (statement instanceof Statement.For f) {
        resourceUses(f.body(), at + ".body", out);
      } else if (statement instanceof Statement.AndOr a) {
        resourceUses(a.items(), at + ".items", out);
      } else if (statement instanceof Statement.If f) {
        for (int b = 0; b < f.branches().size(); b++) {
          Statement.Branch branch = f.branches().get(b);
          if (branch != null) {
            resourceUses(branch.body(), at + ".branches[" + b + "].body", out);
          }
        }
        resourceUses(f.otherwise(), at + ".otherwise", out);
      }
    }
  }

  /**
   * Checks the script for a use: in an init ({@code init} true) everything is allowed; elsewhere
   * ({@code use} names it in messages) init's programs, folders and resources are not.
   */
  public void validate(String path, boolean init, String use) {
    validate(path, init, init, use);
  }

  /**
   * As {@link #validate(String, boolean, String)}; {@code resources} allows resource fragments
   * outside init too (a program of the flake sets up resources, but has no /mount or wrap).
   */
  public void validate(String path, boolean init, boolean resources, String use) {
    if (statements.isEmpty()) {
      throw Rules.fail(path, "must have at least one statement");
    }
    Problems problems = new Problems();
    Walk walk = new Walk(init, resources, use, problems, !rawPaths(path).isEmpty());
    walk.statements(statements, path + ".statements", true);
    if (!walk.hasRaw) {
      walk.assigned.entrySet().stream().filter(e -> !walk.used.contains(e.getKey()))
          .forEach(unused -> problems.add(unused.getValue(), "assigns " + unused.getKey()
              + ", which no later statement uses; use it or export it (shellcheck SC2034)"));
    }
    problems.throwIfAny();
  }

  /** The paths of the script's raw statements, also inside control flow. */
  public List<String> rawPaths(String path) {
    List<String> paths = new ArrayList<>();
    rawPaths(statements, path + ".statements", paths);
    return paths;
  }

  private static void rawPaths(List<Statement> statements, String path, List<String> out) {
    for (int i = 0; i < statements.size(); i++) {
      String at = path + "[" + i + "]";
      Statement statement = statements.get(i);
      if (statement instanceof Statement.Raw) {
        out.add(at);
      } else if (statement instanceof Statement.Group g) {
        rawPaths(g.body(), at + ".body", out);
      } else if (statement instanceof Statement.For f) {
        rawPaths(f.body(), at + ".body", out);
      } else if (statement instanceof Statement.AndOr a) {
        rawPaths(a.items(), at + ".items", out);
      } else if (statement instanceof Statement.If f) {
        for (int b = 0; b < f.branches().size(); b++) {
          Statement.Branch branch = f.branches().get(b);
          if (branch != null) {
            rawPaths(java.util.Arrays.asList(branch.condition()), at + ".branches[" + b
                + "].condition", out);
            rawPaths(branch.body(), at + ".branches[" + b + "].body", out);
          }
        }
        rawPaths(f.otherwise(), at + ".otherwise", out);
      }
    }
  }

  /**
   * One walk over a script's statements, in the order the shell reads them: checks each, and
   * follows which variables are assigned (where first) and used, for the shellcheck rules.
   */
  private static final class Walk {
    final boolean init;
    final boolean resources;
    final String use;
    final Problems problems;
    final boolean hasRaw;
    final Map<String, String> assigned = new java.util.LinkedHashMap<>();
    final Set<String> used = new HashSet<>();

    Walk(boolean init, boolean resources, String use, Problems problems, boolean hasRaw) {
      this.init = init;
      this.resources = resources;
      this.use = use;
      this.problems = problems;
      this.hasRaw = hasRaw;
    }

    void statements(List<Statement> list, String path, boolean top) {
      if (list == null) {
        problems.add(path, "must be set");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        statement(list.get(i), path + "[" + i + "]", top);
      }
    }

    /** A body of control flow: at least one statement. */
    void body(List<Statement> list, String path) {
      if (list != null && list.isEmpty()) {
        problems.add(path, "must have at least one statement");
        return;
      }
      statements(list, path, false);
    }

    void statement(Statement statement, String at, boolean top) {
      List<String> references = new ArrayList<>();
      problems.run(() -> ShellScript.statement(statement, at, init, resources, top, use,
          references));
      references(references, at);
      if (statement instanceof Statement.Assignment a && a.name() != null) {
        assigned.putIfAbsent(a.name(), at);
        if (a.export()) {
          used.add(a.name());
        }
      } else if (statement instanceof Statement.Group g) {
        body(g.body(), at + ".body");
      } else if (statement instanceof Statement.AndOr a) {
        if (a.items().size() < 2) {
          problems.add(at + ".items", "must have at least two items");
        } else if (a.operators().size() != a.items().size() - 1) {
          problems.add(at + ".operators", "must have one operator between each two items ("
              + (a.items().size() - 1) + "), has " + a.operators().size());
        }
        for (int i = 0; i < a.items().size(); i++) {
          Statement item = a.items().get(i);
          String itemPath = at + ".items[" + i + "]";
          if (item instanceof Statement.Run || item instanceof Statement.Group) {
            statement(item, itemPath, false);
          } else {
            problems.add(itemPath, "must be a pipeline or a group, was "
                + kind(item));
          }
        }
      } else if (statement instanceof Statement.If f) {
        if (f.branches().isEmpty()) {
          problems.add(at + ".branches", "must have at least one branch (the if)");
        }
        for (int b = 0; b < f.branches().size(); b++) {
          Statement.Branch branch = f.branches().get(b);
          String branchPath = at + ".branches[" + b + "]";
          if (branch == null) {
            problems.add(branchPath, "must be set");
            continue;
          }
          Statement condition = branch.condition();
          if (condition instanceof Statement.Run || condition instanceof Statement.AndOr) {
            statement(condition, branchPath + ".condition", false);
          } else {
            problems.add(branchPath + ".condition", "must be a pipeline or an and-or list, was "
                + kind(condition));
          }
          body(branch.body(), branchPath + ".body");
        }
        statements(f.otherwise(), at + ".otherwise", false);
      } else if (statement instanceof Statement.For f) {
        if (f.name() != null && Rules.SHELL_NAME.matcher(f.name()).matches()) {
          assigned.putIfAbsent(f.name(), at);
        }
        body(f.body(), at + ".body");
      }
    }

    private void references(List<String> references, String at) {
      if (hasRaw) {
        return;
      }
      for (String name : references) {
        if (assigned.containsKey(name)) {
          used.add(name);
        } else if (!UPPER_CASE.matcher(name).matches()) {
          problems.add(at, "uses the variable " + name + " before assigning it; only"
              + " environment variables, in upper case, may be used unassigned (shellcheck"
              + " SC2154)");
        }
      }
    }

    private static String kind(Statement statement) {
      return statement == null ? "null" : statement.getClass().getSimpleName();
    }
  }

  private static void statement(Statement statement, String at, boolean init,
      boolean resources, boolean top, String use, List<String> references) {
    if (statement instanceof Statement.Run run) {
      pipeline(run.pipeline(), at + ".pipeline", init, use, references);
    } else if (statement instanceof Statement.Assignment a) {
      Rules.shellName(a.name(), at + ".name");
      Assigned value = Rules.required(a.value(), at + ".value");
      if (value instanceof Word w) {
        word(w, at + ".value", init, use, references, false);
      } else if (value instanceof Assigned.CommandSubstitution c) {
        pipeline(c.pipeline(), at + ".value.pipeline", init, use, references);
      } else if (value instanceof Assigned.ResourceFragment f) {
        if (!resources) {
          throw Rules.fail(at + ".value", "a resource is only available in scripts of the"
              + " flake (init, release, resolutions, fixtures, programs), not in " + use);
        }
        Rules.outputName(f.resource(), at + ".value.resource");
        if (f.input() != null) {
          Rules.outputName(f.input(), at + ".value.input");
        }
        Rules.required(f.call(), at + ".value.call").validate(at + ".value.call");
      }
    } else if (statement instanceof Statement.Raw r) {
      Rules.text(r.text(), at + ".text");
      if (r.text().isBlank()) {
        throw Rules.fail(at + ".text", "must not be empty: raw text that runs nothing");
      }
    } else if (statement instanceof Statement.For f) {
      Rules.shellName(f.name(), at + ".name");
      Rules.copy(f.words(), at + ".words");
      if (f.words().isEmpty()) {
        throw Rules.fail(at + ".words", "must have at least one word");
      }
      for (int w = 0; w < f.words().size(); w++) {
        Word word = Rules.required(f.words().get(w), at + ".words[" + w + "]");
        String wordPath = at + ".words[" + w + "]";
        if (word.parts().size() > 1 && word.parts().stream()
            .anyMatch(p -> p instanceof WordPart.Arguments)) {
          throw Rules.fail(wordPath, "\"$@\" must be a word of its own (glued to other parts"
              + " it mixes a string and an array: shellcheck SC2145)");
        }
        word(word, wordPath, init, use, references, true);
      }
    } else if (statement instanceof Statement.HereDocument h) {
      Rules.text(h.text(), at + ".text");
      pipeline(java.util.Arrays.asList(h.command()), at + ".command", init, use, references);
    } else if (statement instanceof Statement.WriteFile w) {
      Rules.text(w.text(), at + ".text");
      word(w.path(), at + ".path", init, use, references, false);
    } else if (statement == null) {
      throw Rules.fail(at, "must be set");
    }
  }

  static void pipeline(List<Command> pipeline, String path, boolean init, String use,
      List<String> references) {
    Rules.copy(pipeline, path);
    if (pipeline.isEmpty()) {
      throw Rules.fail(path, "must have at least one command");
    }
    for (int i = 0; i < pipeline.size(); i++) {
      Command command = pipeline.get(i);
      String at = path + "[" + i + "]";
      Rules.copy(command.words(), at + ".words");
      if (command.words().isEmpty()) {
        throw Rules.fail(at + ".words", "must have at least one word (the program)");
      }
      for (int w = 0; w < command.words().size(); w++) {
        Word word = command.words().get(w);
        String wordPath = at + ".words[" + w + "]";
        if (word.parts().size() > 1 && word.parts().stream()
            .anyMatch(p -> p instanceof WordPart.Arguments)) {
          throw Rules.fail(wordPath, "\"$@\" must be a word of its own (glued to other parts"
              + " it mixes a string and an array: shellcheck SC2145)");
        }
        word(word, wordPath, init, use, references, true);
      }
      for (int r = 0; r < command.redirections().size(); r++) {
        word(command.redirections().get(r).target(), at + ".redirections[" + r + "]", init, use,
            references, false);
      }
    }
  }

  private static void word(Word word, String path, boolean init, String use,
      List<String> references, boolean commandWord) {
    Rules.copy(word.parts(), path + ".parts");
    if (word.parts().isEmpty()) {
      throw Rules.fail(path, "must have at least one part");
    }
    for (int i = 0; i < word.parts().size(); i++) {
      String at = path + ".parts[" + i + "]";
      WordPart part = word.parts().get(i);
      if (part instanceof WordPart.Literal l) {
        Rules.text(l.text(), at);
      } else if (part instanceof WordPart.PackagePath p) {
        if (p.attributePath().isEmpty()) {
          throw Rules.fail(at + ".attributePath", "must name a package");
        }
        for (int a = 0; a < p.attributePath().size(); a++) {
          Rules.nonEmptyText(p.attributePath().get(a), at + ".attributePath[" + a + "]");
        }
        if (!SUB_PATH.matcher(p.subPath()).matches()) {
          throw Rules.fail(at + ".subPath", Rules.show(p.subPath()) + " must be empty or"
              + " '/'-separated names of [A-Za-z0-9._+-] starting with '/'");
        }
      } else if (part instanceof WordPart.Program p) {
        if (!init) {
          throw Rules.fail(at, "the program " + p.name().formal() + " is only available in"
              + " init, not in " + use);
        }
      } else if (part instanceof WordPart.Variable v) {
        Rules.shellName(v.name(), at);
        references.add(v.name());
      } else if (part instanceof WordPart.Arguments && !commandWord) {
        throw Rules.fail(at, "\"$@\" may only be a word of a command (as a value or a file name it"
            + " would join the arguments: shellcheck SC2124)");
      } else if (part instanceof WordPart.Argument a) {
        if (a.index() < 1) {
          throw Rules.fail(at, a.index() + " must be at least 1 (argument 0 is the program)");
        }
      } else if (part instanceof WordPart.FolderPath f) {
        if (!init) {
          throw Rules.fail(at, f.folder().path() + " is only available in init, not in " + use);
        }
        Rules.text(f.subPath(), at + ".subPath");
        if (f.subPath().startsWith("/")) {
          throw Rules.fail(at + ".subPath", Rules.show(f.subPath()) + " must be relative to "
              + f.folder().path());
        }
      }
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShellScript s && statements.equals(s.statements);
  }

  @Override
  public int hashCode() {
    return statements.hashCode();
  }

  @Override
  public String toString() {
    return "ShellScript" + statements;
  }

  /** A mutable builder of statements; {@link #build()} validates. */
  public static final class Builder {
    private final List<Statement> statements = new ArrayList<>();

    private Builder() {}

    /** Adds a pipeline of one or more commands ({@code a | b}). */
    public Builder run(Command... pipeline) {
      statements.add(new Statement.Run(Arrays.asList(pipeline)));
      return this;
    }

    /**
     * Adds {@code NAME=VALUE}: a word, a pipeline's output ({@link Shell#output}) or a resource
     * ({@link Shell#resource}).
     */
    public Builder set(String name, Assigned value) {
      statements.add(new Statement.Assignment(name, value, false));
      return this;
    }

    /** Adds {@code NAME=VALUE} with literal text. */
    public Builder set(String name, String value) {
      return set(name, Shell.word(value));
    }

    /** Adds {@code NAME=VALUE} with one part (e.g. {@code Shell.pkg("gnupg", "/bin/gpg")}). */
    public Builder set(String name, WordPart value) {
      return set(name, Shell.word(value));
    }

    /** Adds {@code NAME=VALUE} and {@code export NAME}. */
    public Builder export(String name, Assigned value) {
      statements.add(new Statement.Assignment(name, value, true));
      return this;
    }

    /** Adds {@code NAME=VALUE} and {@code export NAME} with literal text. */
    public Builder export(String name, String value) {
      return export(name, Shell.word(value));
    }

    /** Adds {@code NAME=VALUE} and {@code export NAME} with one part. */
    public Builder export(String name, WordPart value) {
      return export(name, Shell.word(value));
    }

    /** Adds {@code if CONDITION; then THEN; fi} (see {@link Statement.If} for elif and else). */
    public Builder runIf(Command condition, ShellScript then) {
      return add(Statement.If.of(condition, then));
    }

    /** Adds {@code if CONDITION; then THEN; else OTHERWISE; fi}. */
    public Builder runIf(Command condition, ShellScript then, ShellScript otherwise) {
      return add(Statement.If.of(condition, then).orElse(otherwise));
    }

    /** Adds {@code if CONDITION; then THEN; fi}; the condition a pipeline or an and-or list. */
    public Builder runIf(Statement condition, ShellScript then) {
      return add(Statement.If.of(condition, then));
    }

    /** Adds {@code if CONDITION; then THEN; else OTHERWISE; fi}. */
    public Builder runIf(Statement condition, ShellScript then, ShellScript otherwise) {
      return add(Statement.If.of(condition, then).orElse(otherwise));
    }

    /** Adds {@code A && B && …} (see {@link Shell#and}). */
    public Builder and(Statement... items) {
      return add(Shell.and(items));
    }

    /** Adds {@code A || B || …} (see {@link Shell#or}). */
    public Builder or(Statement... items) {
      return add(Shell.or(items));
    }

    /** Adds {@code for NAME in WORDS; do BODY; done}. */
    public Builder forEach(String name, List<Word> words, ShellScript body) {
      return add(new Statement.For(name, words, body.statements()));
    }

    /** Adds {@code COMMAND <<'EOF'}: the command reads {@code text} exactly. */
    public Builder hereDocument(Command command, String text) {
      return add(new Statement.HereDocument(command, text));
    }

    /** Adds: write {@code text} to the file {@code path} exactly, replacing it. */
    public Builder writeFile(Word path, String text) {
      return add(new Statement.WriteFile(path, text, false));
    }

    /** Adds: write {@code text} to the file {@code path} (e.g. {@code Shell.mount("a")}). */
    public Builder writeFile(WordPart path, String text) {
      return writeFile(Shell.word(path), text);
    }

    /** Adds: write {@code text} to the file at the literal path {@code path}. */
    public Builder writeFile(String path, String text) {
      return writeFile(Shell.word(path), text);
    }

    /** Adds: append {@code text} to the file {@code path}. */
    public Builder appendFile(Word path, String text) {
      return add(new Statement.WriteFile(path, text, true));
    }

    /** Adds: append {@code text} to the file {@code path}. */
    public Builder appendFile(WordPart path, String text) {
      return appendFile(Shell.word(path), text);
    }

    /** Adds: append {@code text} to the file at the literal path {@code path}. */
    public Builder appendFile(String path, String text) {
      return appendFile(Shell.word(path), text);
    }

    /** Adds shell text as it is (see {@link ShellScript#raw}). */
    public Builder raw(String text) {
      statements.add(new Statement.Raw(text));
      return this;
    }

    /** Adds a statement. */
    public Builder add(Statement statement) {
      statements.add(statement);
      return this;
    }

    /**
     * The script. It is validated where it is used (an init, a release, a resolution, a failure,
     * a fixture), when the flake (or the implementation or check) is built, so that every
     * problem is reported with its full path ({@code flake.resources.x.init.statements[2]…}).
     */
    public ShellScript build() {
      return new ShellScript(statements);
    }
  }
}
