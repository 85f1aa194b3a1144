package dev.flakegen.nix.ast;

/**
 * A Nix expression. One record per construct of the language, immutable, each with its source
 * position. The tree keeps the source's structure (attribute paths, {@code inherit}, {@code or}
 * defaults, indented-string pieces, {@code @} patterns); parentheses are not nodes. What Nix itself
 * makes of it (merged attribute sets, desugared operators) is the canonical printer's business.
 */
public sealed interface Expr
    permits IntegerLiteral, FloatLiteral, StringLiteral, IndentedString, PathLiteral, SearchPath,
        Uri, Variable, CurrentPosition, Select, HasAttribute, AttributeSet, LegacyLet, ListLiteral,
        Lambda, Application, Let, With, Assert, If, Not, Negation, BinaryOperation, LegacyOr {

  /** Where this node starts in its source, or {@link SourcePos#NONE}. */
  SourcePos pos();
}
