/*
 * The Nix 2.8 grammar (after Nix's parser.y), accepting exactly the files Nix 2.8 parses.
 *
 * Operators use ANTLR's precedence climbing: earlier alternatives of `operation` bind tighter,
 * prefix alternatives take an operand of their own level, as bison's %prec does. Nix's two
 * non-associative levels are enforced in NixParserBase.pushNewRecursionContext, at the operator
 * where bison reports them.
 *
 * Each rule yields its AST in `ast` and Nix's own view of it in `core`, filled in by AstBuilder
 * as rules complete: the moment bison runs Nix's actions, and so when Nix's parse-time checks run.
 */
parser grammar NixParser;

options {
  tokenVocab = NixLexer;
  superClass = NixParserBase;
}

@header {
import dev.flakegen.nix.ast.*;
import dev.flakegen.nix.core.CoreExpr;
import java.util.List;
}

file returns [Expr ast, CoreExpr core]
  : inner=expr EOF ;

expr returns [Expr ast, CoreExpr core]
  : param=ID COLON body=expr                                               # SimpleLambda
  | open=LBRACE pattern=formals RBRACE ( AT alias=ID )? COLON body=expr    # PatternLambda
  | alias=ID AT LBRACE pattern=formals RBRACE COLON body=expr              # AliasFirstLambda
  | kw=ASSERT condition=expr SEMICOLON body=expr                           # Assert
  | kw=WITH scope=expr SEMICOLON body=expr                                 # With
  | kw=LET b=binds IN body=expr                                            # Let
  | kw=IF condition=expr THEN consequent=expr ELSE alternative=expr        # If
  | inner=operation                                                        # OperationExpr
  ;

operation returns [Expr ast, CoreExpr core]
  : op=MINUS operand=operation                                             # Negation
  | target=operation QUESTION path=attrpath                                # HasAttr
  | <assoc=right> left=operation op=CONCAT right=operation                 # Binary
  | left=operation op=( STAR | SLASH ) right=operation                     # Binary
  | left=operation op=( PLUS | MINUS ) right=operation                     # Binary
  | op=NOT operand=operation                                               # Not
  | <assoc=right> left=operation op=UPDATE right=operation                 # Binary
  | left=operation op=( LT | GT | LEQ | GEQ ) right=operation              # Comparison
  | left=operation op=( EQ | NEQ ) right=operation                         # Equality
  | left=operation op=AND right=operation                                  # Binary
  | left=operation op=OR right=operation                                   # Binary
  | <assoc=right> left=operation op=IMPL right=operation                   # Binary
  | inner=application                                                      # ApplicationExpr
  ;

// Functions and arguments are folded into `ast` as each select completes (no list).
application returns [Expr ast, CoreExpr core]
  : select+ ;

// The suffix is decided after `simple`, so that a set literal is never scanned twice.
select returns [Expr ast, CoreExpr core]
  : target=simple ( DOT path=attrpath ( OR_KW fallback=select )? | legacyOr=OR_KW )? ;

// Repeated children (list items, string and path pieces, bindings, names, formals) are collected
// into the parent's fields as each completes, rather than through ANTLR list labels.
simple returns [Expr ast, CoreExpr core, List<Expr> items, List<CoreExpr> cores, List<IndentedPart> parts]
  : ID                                                                     # Identifier
  | INT                                                                    # Integer
  | FLOAT                                                                  # Float
  | DQUOTE content=stringParts DQUOTE                                      # String
  | IND_STRING_OPEN indentedPart* IND_STRING_CLOSE                         # IndentedString
  | first=( PATH | HPATH ) rest=pathParts? PATH_END                        # Path
  | SPATH                                                                  # SearchPath
  | URI                                                                    # Uri
  | LPAREN inner=expr RPAREN                                               # Parenthesized
  | LET open=LBRACE b=binds RBRACE                                         # LegacyLet
  | REC open=LBRACE b=binds RBRACE                                         # RecursiveSet
  | open=LBRACE b=binds RBRACE                                             # Set
  | LBRACKET select* RBRACKET                                              # List
  ;

// As in Nix: two text pieces in a row are only allowed once an interpolation was seen.
stringParts returns [List<StringPart> parts, List<CoreExpr> cores]
  : stringText?
  | stringText? interpolation ( stringText | interpolation )*
  ;

stringText
  : STR ;

indentedPart returns [IndentedPart part, CoreExpr core]
  : piece=( IND_STR | IND_STR_DOLLAR | IND_STR_QUOTES | IND_STR_ESCAPE | IND_STR_QUOTE )
  | interp=interpolation
  ;

// As in Nix: at most one text piece between the first segment and the first interpolation.
pathParts returns [List<StringPart> parts, List<CoreExpr> cores]
  : pathText? interpolation ( pathText | interpolation )*
  ;

pathText
  : PATH_STR ;

interpolation returns [Expr ast, CoreExpr core]
  : DOLLAR_CURLY inner=expr RBRACE ;

binds returns [List<Binding> bindings, CoreExpr.Attrs attrs, SourcePos bindingsStart]
  : binding* ;

binding returns [Binding ast, List<AttrName> names, List<CoreExpr.AttrName> cores]
  : path=attrpath ASSIGN value=expr SEMICOLON                              # AttributeBinding
  | kw=INHERIT ( LPAREN from=expr close=RPAREN )? inheritedName* SEMICOLON # InheritBinding
  ;

inheritedName returns [AttrName ast, CoreExpr.AttrName core]
  : name=attr ;

attrpath returns [List<AttrName> names, List<CoreExpr.AttrName> cores]
  : attr ( DOT attr )* ;

attr returns [AttrName ast, CoreExpr.AttrName core]
  : ID                                                                     # IdentifierAttr
  | OR_KW                                                                  # OrAttr
  | DQUOTE content=stringParts DQUOTE                                      # StringAttr
  | interp=interpolation                                                   # DynamicAttr
  ;

formals returns [List<Formal> list, List<CoreExpr.Formal> cores]
  : ( formal COMMA )* ( formal | ellipsis=ELLIPSIS )? ;

formal returns [Formal ast, CoreExpr.Formal core]
  : name=ID ( QUESTION fallback=expr )? ;
