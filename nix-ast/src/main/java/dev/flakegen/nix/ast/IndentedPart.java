package dev.flakegen.nix.ast;

/**
 * A piece of an indented string as the lexer sees it: {@link RawText} (indentation not yet
 * stripped), an {@link Escape}, or an {@link Interpolation}. Nix 2.8 keeps these boundaries, and
 * they show in its output, so the tree keeps them too.
 */
public sealed interface IndentedPart permits RawText, Escape, Interpolation {}
