package dev.flakegen.model;

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
 *     .run(command(pkg("coreutils", "/bin/echo"), "Hello, world!").toFile(mount("greeting")))
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

  /** The resources this script sets up through resource fragments, sorted. */
  public Set<String> resources() {
    Set<String> names = new TreeSet<>();
    for (Statement statement : statements) {
      if (statement instanceof Statement.Assignment a
          && a.value() instanceof Assigned.ResourceFragment f) {
        names.add(f.resource());
      }
    }
    return Collections.unmodifiableSet(names);
  }

  /**
   * Checks the script for a use: in an init ({@code init} true) everything is allowed; elsewhere
   * ({@code use} names it in messages) init's programs, folders and resources are not.
   */
  void validate(String path, boolean init, String use) {
    validate(path, init, init, use);
  }

  /**
   * As {@link #validate(String, boolean, String)}; {@code resources} allows resource fragments
   * outside init too (a program of the flake sets up resources, but has no /mount or wrap).
   */
  void validate(String path, boolean init, boolean resources, String use) {
    if (statements.isEmpty()) {
      throw Rules.fail(path, "must have at least one statement");
    }
    Problems problems = new Problems();
    boolean hasRaw = statements.stream().anyMatch(s -> s instanceof Statement.Raw);
    Map<String, Integer> assigned = new TreeMap<>();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      String at = path + ".statements[" + i + "]";
      Statement statement = statements.get(i);
      List<String> references = new ArrayList<>();
      problems.run(() -> statement(statement, at, init, resources, use, references));
      if (!hasRaw) {
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
      if (statement instanceof Statement.Assignment a && a.name() != null) {
        assigned.putIfAbsent(a.name(), i);
        if (a.export()) {
          used.add(a.name());
        }
      }
    }
    if (!hasRaw) {
      assigned.entrySet().stream().filter(e -> !used.contains(e.getKey()))
          .sorted(Map.Entry.comparingByValue()).forEach(unused -> problems.add(
              path + ".statements[" + unused.getValue() + "]", "assigns " + unused.getKey()
                  + ", which no later statement uses; use it or export it (shellcheck SC2034)"));
    }
    problems.throwIfAny();
  }

  private static void statement(Statement statement, String at, boolean init,
      boolean resources, String use,
      List<String> references) {
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
          throw Rules.fail(at + ".value", "a resource is only available in init and programs,"
              + " not in " + use);
        }
        Rules.outputName(f.resource(), at + ".value.resource");
        Rules.required(f.call(), at + ".value.call").validate(at + ".value.call");
      }
    } else if (statement instanceof Statement.Raw r) {
      Rules.text(r.text(), at + ".text");
      if (r.text().isBlank()) {
        throw Rules.fail(at + ".text", "must not be empty: raw text that runs nothing");
      }
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
