/*
 * The Nix 2.8 grammar (after Nix's parser.y), accepting exactly the files Nix 2.8 parses.
 *
 * Operators use ANTLR's precedence climbing: earlier alternatives of `operation` bind tighter,
 * prefix alternatives take an operand of their own level, as bison's %prec does. Nix's two
 * non-associative levels are enforced in NixParserBase.pushNewRecursionContext, at the operator
 * where bison reports them.
 *
 * Alternatives are not labelled: a labelled alternative costs a second context object, and there
 * are millions of contexts in a large corpus. AstBuilder tells them apart by their first token or
 * by which labels are set.
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
  : param=ID COLON body=expr
  | open=LBRACE pattern=formals RBRACE ( AT alias=ID )? COLON body=expr
  | alias=ID AT LBRACE pattern=formals RBRACE COLON body=expr
  | kw=ASSERT condition=expr SEMICOLON body=expr
  | kw=WITH scope=expr SEMICOLON body=expr
  | kw=LET b=binds IN body=expr
  | kw=IF condition=expr THEN consequent=expr ELSE alternative=expr
  | inner=operation
  ;

// The pipe operators (Nix 2.24+, lexed only then) bind loosest; NixParserBase refuses mixing them
// without parentheses, as Nix's grammar does.
// The last alternative is application: the function and its arguments are folded into `ast`
// as each select completes.
operation returns [Expr ast, CoreExpr core]
  : op=MINUS operand=operation
  | target=operation QUESTION path=attrpath
  | <assoc=right> left=operation op=CONCAT right=operation
  | left=operation op=( STAR | SLASH ) right=operation
  | left=operation op=( PLUS | MINUS ) right=operation
  | op=NOT operand=operation
  | <assoc=right> left=operation op=UPDATE right=operation
  | left=operation op=( LT | GT | LEQ | GEQ ) right=operation
  | left=operation op=( EQ | NEQ ) right=operation
  | left=operation op=AND right=operation
  | left=operation op=OR right=operation
  | <assoc=right> left=operation op=IMPL right=operation
  | left=operation op=PIPE_INTO right=operation
  | <assoc=right> left=operation op=PIPE_FROM right=operation
  | select+
  ;

// The suffix is decided after `simple`, so that a set literal is never scanned twice.
select returns [Expr ast, CoreExpr core]
  : target=simple ( DOT path=attrpath ( OR_KW fallback=select )? | legacyOr=OR_KW )? ;

// Repeated children (list items, indented-string pieces) are collected into the fields as each
// completes, rather than through ANTLR list labels.
simple returns [Expr ast, CoreExpr core, List<Expr> items, List<CoreExpr> cores, List<IndentedPart> parts]
  : ID
  | INT
  | FLOAT
  | DQUOTE content=stringParts DQUOTE
  | IND_STRING_OPEN indentedPart* IND_STRING_CLOSE
  | first=( PATH | HPATH ) rest=pathParts? PATH_END
  | SPATH
  | URI
  | LPAREN inner=expr RPAREN
  | LET open=LBRACE b=binds RBRACE
  | REC open=LBRACE b=binds RBRACE
  | open=LBRACE b=binds RBRACE
  | LBRACKET select* RBRACKET
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

binding returns [Binding ast, List<AttrName> names, List<CoreExpr.AttrName> cores, List<SourcePos> positions]
  : path=attrpath ASSIGN value=expr SEMICOLON
  | kw=INHERIT ( LPAREN from=expr close=RPAREN )? inheritedName* SEMICOLON
  ;

inheritedName returns [AttrName ast, CoreExpr.AttrName core]
  : name=attr ;

attrpath returns [List<AttrName> names, List<CoreExpr.AttrName> cores]
  : attr ( DOT attr )* ;

attr returns [AttrName ast, CoreExpr.AttrName core]
  : ID
  | OR_KW
  | DQUOTE content=stringParts DQUOTE
  | interp=interpolation
  ;

formals returns [List<Formal> list, List<CoreExpr.Formal> cores]
  : ( formal COMMA )* ( formal | ellipsis=ELLIPSIS )? ;

formal returns [Formal ast, CoreExpr.Formal core]
  : name=ID ( QUESTION fallback=expr )? ;
