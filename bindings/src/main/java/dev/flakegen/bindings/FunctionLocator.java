package dev.flakegen.bindings;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.PathLiteral;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.Text;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the function at an attribute path of a Nix file without evaluating it: it follows
 * attribute sets (also {@code rec}, attribute paths {@code a.b = …}, {@code inherit}),
 * {@code let … in}, variables bound there, selections {@code x.a.b}, {@code with} and
 * {@code assert} bodies, the bodies of functions ({@code outputs = { self }: { lib = …; }}, also
 * when applied) and {@code import} of a path literal, which it parses. Anything that needs
 * evaluation (a function's parameter, {@code if}, an operator, a dynamic attribute) stops the
 * search with a message saying where.
 *
 * <p>One locator per search: it caches the files it parsed.
 */
final class FunctionLocator {

  private static final int MAX_STEPS = 100_000;

  /** A parsed file and the name it is shown by in messages. */
  record SourceFile(String displayName, ParsedSource parsed) {
    String at(SourcePos pos) {
      return displayName + ":" + pos.line() + ":" + pos.column();
    }
  }

  /** What the search found: the lambda and the file it is written in. */
  record Found(Lambda lambda, PatternParameter pattern, SourceFile file) {}

  /** A search failure, turned into a {@link BindingsException} naming the path. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient BindingsException parseError;

    Failure(String reason) {
      super(reason, null, false, false);
      this.parseError = null;
    }

    Failure(BindingsException parseError) {
      super(parseError.getMessage(), null, false, false);
      this.parseError = parseError;
    }
  }

  /** Something the search can stand on: an expression in its scope, or a set of bindings. */
  private sealed interface Node permits ExprNode, SetNode {}

  private record ExprNode(Expr expr, SourceFile file, Scope scope) implements Node {}

  /** The bindings of a set or a {@code let}, possibly the tails of {@code a.b = …} paths. */
  private record SetNode(List<Member> members, boolean dynamic, String where) implements Node {}

  private sealed interface Member permits Definition, Inherited {
    String name();
  }

  private record Definition(List<AttrName> path, Expr value, SourceFile file, Scope scope)
      implements Member {
    @Override
    public String name() {
      return path.get(0).staticName();
    }
  }

  private record Inherited(String name, Optional<Expr> from, SourceFile file, Scope scope)
      implements Member {}

  /** A deferred value of a name in scope. */
  @FunctionalInterface
  private interface Thunk {
    Node get();
  }

  /** The names in scope: each one's value, or a failure saying why it is not known. */
  private static final class Scope {
    private final Scope parent;
    private final Map<String, Thunk> names = new HashMap<>();

    Scope(Scope parent) {
      this.parent = parent;
    }

    Scope withUnknown(List<String> unknown, String why) {
      Scope scope = new Scope(this);
      for (String name : unknown) {
        scope.names.put(name, () -> {
          throw new Failure("'" + name + "' is " + why + "; its value is known only when"
              + " the function is called");
        });
      }
      return scope;
    }

    Thunk lookup(String name) {
      for (Scope s = this; s != null; s = s.parent) {
        Thunk thunk = s.names.get(name);
        if (thunk != null) {
          return thunk;
        }
      }
      return null;
    }
  }

  private final Map<String, SourceFile> files = new HashMap<>();
  private int steps;

  /**
   * The function at {@code path} (attribute names) of {@code root}.
   *
   * @throws BindingsException a parse error of an imported file, or why the path does not lead
   *     to a function with a set pattern (without the path, which the caller adds)
   */
  Found locate(SourceFile root, List<String> path) throws BindingsException {
    files.put(root.parsed().source().name(), root);
    try {
      Node node = follow(new ExprNode(root.parsed().expression(), root, new Scope(null)),
          new ArrayDeque<>(path));
      if (node instanceof SetNode set) {
        throw new Failure("the value is the attribute set at " + set.where()
            + ", not a function");
      }
      ExprNode reached = (ExprNode) node;
      String where = reached.file().at(reached.expr().pos());
      if (!(reached.expr() instanceof Lambda lambda)) {
        throw new Failure("the value is " + describe(reached.expr()) + " at " + where
            + ", not a function");
      }
      if (lambda.parameter() instanceof NamedParameter named) {
        throw new Failure("the function at " + where + " takes one argument '" + named.name()
            + "', not a set pattern { … }, so it has no formals to bind");
      }
      return new Found(lambda, (PatternParameter) lambda.parameter(), reached.file());
    } catch (Failure e) {
      if (e.parseError != null) {
        throw e.parseError;
      }
      throw new BindingsException(e.getMessage());
    }
  }

  /** Follows {@code node} until {@code path} is used up and nothing more can be unwrapped. */
  private Node follow(Node start, Deque<String> path) {
    Node node = start;
    while (true) {
      if (++steps > MAX_STEPS) {
        throw new Failure("the definitions are nested too deeply or refer to themselves");
      }
      if (node instanceof SetNode set) {
        if (path.isEmpty()) {
          return set;
        }
        node = attribute(set, path.removeFirst());
        continue;
      }
      ExprNode at = (ExprNode) node;
      Expr expr = at.expr();
      if (expr instanceof Lambda lambda) {
        if (path.isEmpty()) {
          return at;
        }
        node = body(lambda, at);
      } else if (expr instanceof AttributeSet set) {
        node = setNode(set, at);
      } else if (expr instanceof Let let) {
        Scope inner = new Scope(at.scope());
        SetNode bindings = members(let.bindings(), at.file(), inner, at.scope(),
            at.file().at(let.pos()));
        define(inner, bindings);
        node = new ExprNode(let.body(), at.file(), inner);
      } else if (expr instanceof Variable variable) {
        Thunk thunk = at.scope().lookup(variable.name());
        if (thunk == null) {
          throw new Failure("'" + variable.name() + "' at " + at.file().at(expr.pos())
              + " is not bound in the file (a builtin, or from a 'with'), so it cannot be"
              + " followed");
        }
        node = thunk.get();
      } else if (expr instanceof Select select) {
        if (select.fallback().isPresent()) {
          throw new Failure("the selection at " + at.file().at(expr.pos())
              + " has an 'or' default; which value it takes is known only by evaluating it");
        }
        List<AttrName> names = select.path();
        for (int i = names.size() - 1; i >= 0; i--) {
          String name = names.get(i).staticName();
          if (name == null) {
            throw new Failure("the selection at " + at.file().at(expr.pos())
                + " has a dynamic attribute");
          }
          path.addFirst(name);
        }
        node = new ExprNode(select.target(), at.file(), at.scope());
      } else if (expr instanceof Application application) {
        Optional<Node> imported = imported(application, at);
        if (imported.isPresent()) {
          node = imported.get();
        } else {
          Node function = follow(new ExprNode(application.function(), at.file(), at.scope()),
              new ArrayDeque<>());
          if (function instanceof ExprNode f && f.expr() instanceof Lambda lambda) {
            node = body(lambda, f);
          } else {
            throw new Failure("the application at " + at.file().at(expr.pos())
                + " does not apply a function written in the file");
          }
        }
      } else if (expr instanceof With with) {
        node = new ExprNode(with.body(), at.file(), at.scope());
      } else if (expr instanceof Assert assertion) {
        node = new ExprNode(assertion.body(), at.file(), at.scope());
      } else if (path.isEmpty()) {
        return at;
      } else {
        throw new Failure(describe(expr) + " at " + at.file().at(expr.pos())
            + " has no attribute '" + path.peekFirst() + "'");
      }
    }
  }

  /** The body of {@code lambda}, its parameters unknown. */
  private static ExprNode body(Lambda lambda, ExprNode at) {
    List<String> parameters = new ArrayList<>();
    if (lambda.parameter() instanceof NamedParameter named) {
      parameters.add(named.name());
    } else {
      PatternParameter pattern = (PatternParameter) lambda.parameter();
      pattern.formals().forEach(formal -> parameters.add(formal.name()));
      pattern.alias().ifPresent(parameters::add);
    }
    return new ExprNode(lambda.body(), at.file(), at.scope().withUnknown(parameters,
        "a parameter of the function at " + at.file().at(lambda.pos())));
  }

  private SetNode setNode(AttributeSet set, ExprNode at) {
    String where = at.file().at(set.pos());
    if (!set.recursive()) {
      return members(set.bindings(), at.file(), at.scope(), at.scope(), where);
    }
    Scope inner = new Scope(at.scope());
    SetNode node = members(set.bindings(), at.file(), inner, at.scope(), where);
    define(inner, node);
    return node;
  }

  /** Definitions see {@code inner}; inherits without a source see {@code outer}. */
  private static SetNode members(List<Binding> bindings, SourceFile file, Scope inner,
      Scope outer, String where) {
    List<Member> members = new ArrayList<>();
    boolean dynamic = false;
    for (Binding binding : bindings) {
      if (binding instanceof AttributeDefinition definition) {
        if (definition.path().get(0).staticName() == null) {
          dynamic = true;
        } else {
          members.add(new Definition(definition.path(), definition.value(), file, inner));
        }
      } else {
        Inherit inherit = (Inherit) binding;
        for (AttrName name : inherit.names()) {
          if (name.staticName() == null) {
            dynamic = true;
          } else {
            members.add(new Inherited(name.staticName(), inherit.from(), file,
                inherit.from().isPresent() ? inner : outer));
          }
        }
      }
    }
    return new SetNode(List.copyOf(members), dynamic, where);
  }

  /** Binds each name of {@code set} in {@code scope} (a {@code let} or a {@code rec} set). */
  private void define(Scope scope, SetNode set) {
    for (Member member : set.members()) {
      String name = member.name();
      scope.names.putIfAbsent(name, () -> attribute(set, name));
    }
  }

  private Node attribute(SetNode set, String name) {
    List<Member> matches = new ArrayList<>();
    for (Member member : set.members()) {
      if (member.name().equals(name)) {
        matches.add(member);
      }
    }
    if (matches.isEmpty()) {
      throw new Failure("there is no attribute '" + name + "' in the attribute set at "
          + set.where() + (set.dynamic() ? " (its dynamic attributes are not followed)" : ""));
    }
    Member first = matches.get(0);
    if (matches.size() == 1 && first instanceof Inherited inherited) {
      if (inherited.from().isEmpty()) {
        Thunk thunk = inherited.scope().lookup(name);
        if (thunk == null) {
          throw new Failure("'inherit " + name + ";' in the attribute set at " + set.where()
              + " takes a name that is not bound in the file (a builtin, or from a 'with')");
        }
        return thunk.get();
      }
      Deque<String> path = new ArrayDeque<>(List.of(name));
      return follow(new ExprNode(inherited.from().get(), inherited.file(), inherited.scope()),
          path);
    }
    if (matches.size() == 1 && ((Definition) first).path().size() == 1) {
      Definition definition = (Definition) first;
      return new ExprNode(definition.value(), definition.file(), definition.scope());
    }
    // a.b = …; a.c = …; and a = { b = …; }; a.c = …; merge into one set.
    List<Member> nested = new ArrayList<>();
    boolean dynamic = false;
    for (Member member : matches) {
      if (!(member instanceof Definition definition)) {
        throw new Failure("attribute '" + name + "' is defined more than once in the attribute"
            + " set at " + set.where());
      }
      if (definition.path().size() > 1) {
        List<AttrName> tail = definition.path().subList(1, definition.path().size());
        if (tail.get(0).staticName() == null) {
          dynamic = true;
        } else {
          nested.add(new Definition(List.copyOf(tail), definition.value(), definition.file(),
              definition.scope()));
        }
      } else if (definition.value() instanceof AttributeSet literal && !literal.recursive()) {
        SetNode inner = members(literal.bindings(), definition.file(), definition.scope(),
            definition.scope(), set.where());
        nested.addAll(inner.members());
        dynamic |= inner.dynamic();
      } else {
        throw new Failure("attribute '" + name + "' is defined more than once in the attribute"
            + " set at " + set.where());
      }
    }
    return new SetNode(List.copyOf(nested), dynamic, set.where());
  }

  /** {@code import ./x.nix} (also {@code builtins.import}): the file's value. */
  private Optional<Node> imported(Application application, ExprNode at) {
    Expr function = application.function();
    boolean isImport = function instanceof Variable variable && variable.name().equals("import")
        && at.scope().lookup("import") == null
        || function instanceof Select select && select.fallback().isEmpty()
            && select.target() instanceof Variable target && target.name().equals("builtins")
            && at.scope().lookup("builtins") == null && select.path().size() == 1
            && "import".equals(select.path().get(0).staticName());
    if (!isImport) {
      return Optional.empty();
    }
    Node argument = follow(new ExprNode(application.argument(), at.file(), at.scope()),
        new ArrayDeque<>());
    if (!(argument instanceof ExprNode path && path.expr() instanceof PathLiteral literal
        && literal.parts().size() == 1 && literal.parts().get(0) instanceof Text text
        && !literal.isHomePath())) {
      throw new Failure("the import at " + at.file().at(application.pos())
          + " does not import a path literal such as ./lib.nix, so it is not followed");
    }
    String head = text.text();
    String resolved = path.file().parsed().source().paths().resolve(head);
    SourceFile file = files.get(resolved);
    if (file == null) {
      String display = Path.of(path.file().displayName()).resolveSibling(head).normalize()
          .toString();
      NixSource source;
      try {
        source = NixSource.ofFile(Path.of(resolved));
      } catch (UncheckedIOException e) {
        IOException cause = e.getCause();
        throw new Failure("the file " + display + " imported at "
            + at.file().at(application.pos()) + " cannot be read: "
            + (cause instanceof NoSuchFileException ? "no such file" : cause.getMessage()));
      }
      if (!source.name().equals(resolved) && source.name().endsWith("/default.nix")) {
        display = display + "/default.nix";
      }
      try {
        file = new SourceFile(display, SourceParser.parse(source));
      } catch (NixErrorException e) {
        throw new Failure(new BindingsException(display, e.error(), e));
      }
      files.put(resolved, file);
    }
    return Optional.of(new ExprNode(file.parsed().expression(), file, new Scope(null)));
  }

  /** A few words for what an expression is. */
  static String describe(Expr expr) {
    return switch (expr.getClass().getSimpleName()) {
      case "IntegerLiteral" -> "an integer";
      case "FloatLiteral" -> "a float";
      case "StringLiteral", "IndentedString" -> "a string";
      case "PathLiteral", "SearchPath" -> "a path";
      case "Uri" -> "a URI";
      case "ListLiteral" -> "a list";
      case "If" -> "an if-then-else";
      case "Not", "Negation", "BinaryOperation", "HasAttribute", "LegacyOr" -> "an operation";
      case "LegacyLet" -> "a let { … } set";
      case "CurrentPosition" -> "__curPos";
      default -> "an expression";
    };
  }
}
