package dev.flakegen.nix.ast;

/**
 * One element of an attribute path: a bare name ({@code a}, also {@code or}), a quoted string
 * ({@code "a b"}, possibly interpolated) or an interpolation ({@code ${e}}).
 */
public sealed interface AttrName permits IdentifierName, StringName, InterpolatedName {

  /**
   * The name when it is known without evaluation: identifiers, strings without interpolation, and
   * {@code ${"…"}} of a plain string; otherwise null (a dynamic attribute).
   */
  String staticName();
}
