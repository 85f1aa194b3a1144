package dev.flakegen.nix.ast;

/** What a {@link Lambda} takes: one name, or a pattern of formals. */
public sealed interface Parameter permits NamedParameter, PatternParameter {}
