package dev.flakegen.nix.ast;

/** A piece of a string or path: literal {@link Text} or an {@link Interpolation}. */
public sealed interface StringPart permits Text, Interpolation {}
