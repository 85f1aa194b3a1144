package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.LineMap;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.SymbolTable;

/**
 * A source Nix's parser accepts: the AST, Nix's core view of it (what the canonical printer and
 * the variable check work on), the symbols it interned, and its line map.
 */
public record ParsedSource(NixSource source, Expr expression, CoreExpr core, SymbolTable symbols,
    LineMap lines) {}
