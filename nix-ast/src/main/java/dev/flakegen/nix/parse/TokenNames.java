package dev.flakegen.nix.parse;

import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.parse.grammar.NixLexer;

/** Token names as Nix's bison parser spells them in "unexpected …" messages. */
final class TokenNames {

  private TokenNames() {}

  /** The name in {@code version}'s messages (2.26 renamed three and added the pipes). */
  static String of(int type, NixVersion version) {
    if (version.atLeast(NixVersion.NIX_2_26)) {
      switch (type) {
        case NixLexer.INT:
          return "INT_LIT";
        case NixLexer.FLOAT:
          return "FLOAT_LIT";
        case NixLexer.IN:
          return "IN_KW";
        case NixLexer.PIPE_INTO:
          return "PIPE_INTO";
        case NixLexer.PIPE_FROM:
          return "PIPE_FROM";
        default:
          break;
      }
    }
    return of(type);
  }

  static String of(int type) {
    return switch (type) {
      case NixLexer.ID -> "ID";
      case NixLexer.INT -> "INT";
      case NixLexer.FLOAT -> "FLOAT";
      case NixLexer.STR, NixLexer.PATH_STR -> "STR";
      case NixLexer.IND_STR, NixLexer.IND_STR_DOLLAR, NixLexer.IND_STR_QUOTES,
          NixLexer.IND_STR_ESCAPE, NixLexer.IND_STR_QUOTE -> "IND_STR";
      case NixLexer.PATH -> "PATH";
      case NixLexer.HPATH -> "HPATH";
      case NixLexer.SPATH -> "SPATH";
      case NixLexer.PATH_END -> "PATH_END";
      case NixLexer.URI -> "URI";
      case NixLexer.IF -> "IF";
      case NixLexer.THEN -> "THEN";
      case NixLexer.ELSE -> "ELSE";
      case NixLexer.ASSERT -> "ASSERT";
      case NixLexer.WITH -> "WITH";
      case NixLexer.LET -> "LET";
      case NixLexer.IN -> "IN";
      case NixLexer.REC -> "REC";
      case NixLexer.INHERIT -> "INHERIT";
      case NixLexer.OR_KW -> "OR_KW";
      case NixLexer.ELLIPSIS -> "ELLIPSIS";
      case NixLexer.EQ -> "EQ";
      case NixLexer.NEQ -> "NEQ";
      case NixLexer.LEQ -> "LEQ";
      case NixLexer.GEQ -> "GEQ";
      case NixLexer.AND -> "AND";
      case NixLexer.OR -> "OR";
      case NixLexer.IMPL -> "IMPL";
      case NixLexer.UPDATE -> "UPDATE";
      case NixLexer.CONCAT -> "CONCAT";
      case NixLexer.DOLLAR_CURLY -> "DOLLAR_CURLY";
      case NixLexer.IND_STRING_OPEN -> "IND_STRING_OPEN";
      case NixLexer.IND_STRING_CLOSE -> "IND_STRING_CLOSE";
      case NixLexer.DQUOTE -> "'\"'";
      case NixLexer.LBRACE -> "'{'";
      case NixLexer.RBRACE -> "'}'";
      case NixLexer.LPAREN -> "'('";
      case NixLexer.RPAREN -> "')'";
      case NixLexer.LBRACKET -> "'['";
      case NixLexer.RBRACKET -> "']'";
      case NixLexer.SEMICOLON -> "';'";
      case NixLexer.COLON -> "':'";
      case NixLexer.COMMA -> "','";
      case NixLexer.DOT -> "'.'";
      case NixLexer.ASSIGN -> "'='";
      case NixLexer.QUESTION -> "'?'";
      case NixLexer.AT -> "'@'";
      case NixLexer.NOT -> "'!'";
      case NixLexer.PLUS -> "'+'";
      case NixLexer.MINUS -> "'-'";
      case NixLexer.STAR -> "'*'";
      case NixLexer.SLASH -> "'/'";
      case NixLexer.LT -> "'<'";
      case NixLexer.GT -> "'>'";
      default -> "invalid token";
    };
  }
}
