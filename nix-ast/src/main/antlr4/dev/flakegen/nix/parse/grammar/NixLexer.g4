/*
 * The Nix 2.8 lexer.
 *
 * Input is the file's bytes, each byte one char (ISO-8859-1), so that columns count bytes as Nix
 * does and every byte >= 0x80 outside strings is an invalid token, as in Nix.
 *
 * Rules are listed in the priority order of Nix's own scanner: the longest match wins, and on equal
 * length the earlier rule. Modes mirror Nix's start conditions: DEFAULT (also pushed by '{' and
 * '${'), STRING, IND_STRING and IN_PATH (Nix's INPATH and INPATH_SLASH; which of the two is a flag
 * in NixLexerBase). '}' pops whatever mode is on top; at the outermost level it pops nothing.
 */
lexer grammar NixLexer;

options { superClass = NixLexerBase; }

tokens { PATH_END, PATH_STR, LEXER_ERROR }

IF       : 'if' ;
THEN     : 'then' ;
ELSE     : 'else' ;
ASSERT   : 'assert' ;
WITH     : 'with' ;
LET      : 'let' ;
IN       : 'in' ;
REC      : 'rec' ;
INHERIT  : 'inherit' ;
OR_KW    : 'or' ;
ELLIPSIS : '...' ;

EQ     : '==' ;
NEQ    : '!=' ;
LEQ    : '<=' ;
GEQ    : '>=' ;
AND    : '&&' ;
OR     : '||' ;
IMPL   : '->' ;
UPDATE : '//' ;
CONCAT : '++' ;
// Nix 2.24 and newer (2.8 reads '|' as an invalid token and '<' '|' as two tokens). Without the
// pipe-operators feature, NixLexerBase turns them into Nix's "feature is disabled" error.
PIPE_INTO : '|>' {pipeTokens()}? { pipeOperator(); } ;
PIPE_FROM : '<|' {pipeTokens()}? { pipeOperator(); } ;

ID    : [a-zA-Z_] [a-zA-Z0-9_'-]* ;
INT   : [0-9]+ { checkInteger(); } ;
FLOAT : ( [1-9] [0-9]* '.' [0-9]* | '0'? '.' [0-9]+ ) ( [Ee] [+-]? [0-9]+ )? { checkFloat(); } ;

DOLLAR_CURLY : '${' -> pushMode(DEFAULT_MODE) ;
LBRACE       : '{' -> pushMode(DEFAULT_MODE) ;
RBRACE       : '}' -> popMode ;

DQUOTE          : '"' -> pushMode(STRING) ;
IND_STRING_OPEN : '\'\'' ( ' '* '\n' )? -> pushMode(IND_STRING) ;

// A first path segment directly followed by '${'. Nix matches the segment together with the
// '${', gives the '${' back and re-reads the segment as a path; the action does the same.
PATH_SEGMENT_INTERPOLATION : PATH_CHAR* '/' '${' { pathBeforeInterpolation(PATH); } ;
HPATH_START_INTERPOLATION  : '~/${' { pathBeforeInterpolation(HPATH); } ;

PATH  : PATH_CHAR* ( '/' PATH_CHAR+ )+ '/'? { enterPath(); } ;
HPATH : '~' ( '/' PATH_CHAR+ )+ '/'? { enterPath(); } ;
SPATH : '<' PATH_CHAR+ ( '/' PATH_CHAR+ )* '>' ;
URI   : [a-zA-Z] [a-zA-Z0-9+.-]* ':' [a-zA-Z0-9%/?:@&=+$,_.!~*'-]+ ;

WHITESPACE    : [ \t\r\n]+ -> skip ;
LINE_COMMENT  : '#' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;

LPAREN    : '(' ;
RPAREN    : ')' ;
LBRACKET  : '[' ;
RBRACKET  : ']' ;
SEMICOLON : ';' ;
COLON     : ':' ;
COMMA     : ',' ;
DOT       : '.' ;
ASSIGN    : '=' ;
QUESTION  : '?' ;
AT        : '@' ;
NOT       : '!' ;
PLUS      : '+' ;
MINUS     : '-' ;
STAR      : '*' ;
SLASH     : '/' ;
LT        : '<' ;
GT        : '>' ;

// NUL outside strings and comments: Nix's scanner hands the parser token 0, the end of input.
NUL : '\u0000' { endOfInputAtNul(); } ;

// Any other byte: Nix returns it as a character the grammar does not know ("invalid token").
INVALID : . ;

fragment PATH_CHAR : [a-zA-Z0-9._+-] ;

mode STRING;

// Runs of text. '$' followed by '{' starts an interpolation; '$$' is a literal pair.
STR : ( ~[$"\\] | '$' ~[{"\\] | '\\' . | '$' '\\' . )+ { takeDollarBeforeClosingQuote(); stringText(); } ;
// A '$' or '\' that no run can take: a '$' right before the closing quote (Nix's trailing-context
// rule, which the STR action also applies to the end of a run), or anything at the end of input.
STR_LONE : ( '$' | '\\' | '$\\' ) { loneInString(); } ;
STRING_DOLLAR_CURLY : '${' -> type(DOLLAR_CURLY), pushMode(DEFAULT_MODE) ;
STRING_CLOSE : '"' -> type(DQUOTE), popMode ;

mode IND_STRING;

IND_STR           : ( ~[$'] | '$' ~[{'] | '\'' ~['$] )+ { indentedText(); } ;
IND_STR_DOLLAR    : ( '\'\'$' | '$' ) ;
IND_STR_QUOTES    : '\'\'\'' ;
IND_STR_ESCAPE    : '\'\'\\' . { indentedText(); } ;
IND_STR_QUOTE     : '\'' ;
IND_DOLLAR_CURLY  : '${' -> type(DOLLAR_CURLY), pushMode(DEFAULT_MODE) ;
IND_STRING_CLOSE  : '\'\'' -> popMode ;

// After a path token: more path text and interpolations may follow directly. IN_PATH_SLASH is
// the same after text that ends in '/', where anything else is the trailing-slash error.
mode IN_PATH;

IN_PATH_DOLLAR_CURLY : '${' { interpolationInPath(); } -> type(DOLLAR_CURLY) ;
IN_PATH_TEXT         : PATH_TEXT { textInPath(); } -> type(PATH_STR) ;
IN_PATH_END          : . { endOfPath(); } ;

mode IN_PATH_SLASH;

IN_PATH_SLASH_DOLLAR_CURLY : '${' { interpolationInPath(); } -> type(DOLLAR_CURLY) ;
IN_PATH_SLASH_TEXT         : PATH_TEXT { textInPath(); } -> type(PATH_STR) ;
IN_PATH_SLASH_END          : . { trailingSlash(); } ;

// Nix's {PATH}|{PATH_SEG}|{PATH_CHAR}+ : the longest of the three.
fragment PATH_TEXT : PATH_CHAR* ( '/' PATH_CHAR+ )+ '/'? | PATH_CHAR* '/' | PATH_CHAR+ ;
