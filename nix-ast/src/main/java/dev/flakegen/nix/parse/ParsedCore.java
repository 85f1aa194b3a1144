package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.LineMap;
import dev.flakegen.nix.core.CoreExpr;
import dev.flakegen.nix.core.SymbolTable;

/**
 * A source Nix's parser accepts, as Nix's core view of it only (no AST): what the canonical printer
 * and the variable check work on, the symbols it interned, and its line map. {@link
 * SourceParser#parseCore} makes it.
 */
public record ParsedCore(NixSource source, CoreExpr core, SymbolTable symbols, LineMap lines) {}
