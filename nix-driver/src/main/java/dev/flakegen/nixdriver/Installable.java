package dev.flakegen.nixdriver;

import static dev.flakegen.nix.build.Nix.string;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.build.Nix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link NixDriver} call works on: a Nix expression built with the {@code nix-ast} DSL
 * ({@link #expression}), or an installable as the {@code nix} command takes it — a flake output
 * reference such as {@code path:/x#packages.x86_64-linux.hello} or a store path such as a
 * {@code .drv} ({@link #of}). Immutable: the {@code with…} methods return a new one.
 *
 * <p>Expressions are evaluated with {@code --impure} (so {@code builtins.currentSystem} and
 * files outside the store may be used); flake references are evaluated purely, as Nix does.
 * Arguments ({@link #withArg}, {@link #withArgString}) are applied to the value, which must then
 * be a function taking an attribute set, like {@code --arg}; input overrides
 * ({@link #withOverrideInput}) are {@code --override-input} for a flake reference.
 */
public final class Installable {

  private final Expr expression;
  private final String text;
  private final String reference;
  private final Map<String, Expr> arguments;
  private final Map<String, String> inputOverrides;

  private Installable(Expr expression, String text, String reference,
      Map<String, Expr> arguments, Map<String, String> inputOverrides) {
    this.expression = expression;
    this.text = text;
    this.reference = reference;
    this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    this.inputOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(inputOverrides));
  }

  /** The expression {@code expression} (printed with {@code ReadablePrinter} for Nix). */
  public static Installable expression(Expr expression) {
    Objects.requireNonNull(expression, "expression");
    return new Installable(expression, null, null, Map.of(), Map.of());
  }

  /**
   * The expression written in {@code nixText}, checked with flakegen's grammar and Nix's
   * parse-time checks ({@code Nix.parse}) and given to Nix as written, so that the positions of
   * evaluation errors are positions in {@code nixText} (except when realising with arguments,
   * where the call is printed around it).
   *
   * @throws IllegalArgumentException with Nix's message and position when Nix would reject it
   */
  public static Installable expression(String nixText) {
    return new Installable(Nix.parse(nixText), nixText, null, Map.of(), Map.of());
  }

  /**
   * The installable {@code reference}: a flake output ({@code path:/x#packages.x86_64-linux.a},
   * {@code .#a}) or a store path.
   *
   * @throws IllegalArgumentException when {@code reference} is blank, starts with {@code -} or
   *     has a line break
   */
  public static Installable of(String reference) {
    Objects.requireNonNull(reference, "reference");
    if (reference.isBlank() || reference.startsWith("-") || reference.indexOf('\n') >= 0
        || reference.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("not an installable: \"" + reference + "\"");
    }
    return new Installable(null, null, reference, Map.of(), Map.of());
  }

  /** The store path {@code path} as an installable (a {@code .drv} is built when realised). */
  public static Installable of(StorePath path) {
    return of(path.path());
  }

  /** This one with the argument {@code name} bound to {@code value} (like {@code --arg}). */
  public Installable withArg(String name, Expr value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("not an argument name: \"" + name + "\"");
    }
    Map<String, Expr> copy = new LinkedHashMap<>(arguments);
    copy.put(name, value);
    return new Installable(expression, text, reference, copy, inputOverrides);
  }

  /** This one with the argument {@code name} bound to the string {@code value} ({@code --argstr}). */
  public Installable withArgString(String name, String value) {
    return withArg(name, string(value));
  }

  /**
   * This one with the flake input {@code input} replaced by the flake {@code flakeReference}
   * ({@code --override-input}; for example {@code nixpkgs} by {@code path:/…/hostpkgs}).
   */
  public Installable withOverrideInput(String input, String flakeReference) {
    if (reference == null) {
      throw new IllegalStateException("input overrides apply to flake references, not expressions");
    }
    for (String text : new String[] {input, flakeReference}) {
      if (text.isBlank() || text.startsWith("-") || text.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("not an input or flake reference: \"" + text + "\"");
      }
    }
    Map<String, String> copy = new LinkedHashMap<>(inputOverrides);
    copy.put(input, flakeReference);
    return new Installable(expression, text, reference, arguments, copy);
  }

  /** The expression, when this is one. */
  public Optional<Expr> expression() {
    return Optional.ofNullable(expression);
  }

  /** The text of the expression, when it was given as text. */
  public Optional<String> expressionText() {
    return Optional.ofNullable(text);
  }

  /** The installable reference, when this is one. */
  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  /** The arguments, in the order given. */
  public Map<String, Expr> arguments() {
    return arguments;
  }

  /** The input overrides, in the order given. */
  public Map<String, String> inputOverrides() {
    return inputOverrides;
  }

  @Override
  public String toString() {
    return reference != null ? reference : "expression";
  }
}
