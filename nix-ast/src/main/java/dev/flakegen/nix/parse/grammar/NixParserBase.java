package dev.flakegen.nix.parse.grammar;

import dev.flakegen.nix.ast.NixVersion;
import java.util.ArrayList;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * What the Nix parser needs beyond ANTLR's rules.
 *
 * <p>Nix's two non-associative operator levels ({@code < > <= >=} and {@code == !=}): ANTLR has no
 * non-associativity, so a second operator of the same level is refused here, at the operator, where
 * bison refuses it too.
 *
 * <p>Parsing stops at the first error, as Nix's does: once one occurred, no more events reach the
 * parse listeners (the rule exits that unwinding triggers would show them half-built rules). An
 * exception a listener throws (Nix's parse-time errors) is kept as {@link #pendingError()} rather
 * than thrown from inside ANTLR's {@code finally} blocks, where it could hide an exception already
 * on its way out (a stack overflow on deep input, which must reach the caller unchanged).
 */
public abstract class NixParserBase extends Parser {

  /**
   * The deepest nesting of rules the parser enters, a backstop: Nix's own limit, followed on
   * bison's stack ({@link BisonStack}), stops the parse first, as one level of nesting takes at
   * least one entry there and at most about five rules here.
   */
  public static final int MAX_RULE_DEPTH = 80_000;

  /** Nix 2.8's GLR parser fails when its stack reaches this many entries. */
  static final int BISON_LIMIT_2_8 = 9_999;

  /** Nix 2.26's LALR parser fails when its stack reaches this many entries. */
  static final int BISON_LIMIT_2_26 = 10_000;

  private boolean failed;
  private int depth;
  private NixVersion version = NixVersion.NIX_2_8;
  private BisonStack bison = new BisonStack(BISON_LIMIT_2_8);
  private Token splitBrace;
  private NixParser.ExprContext splitExpr;
  private int splitToSlot;
  private int splitBase;
  private RuntimeException pendingError;

  /**
   * The last tokens the parser consumed, latest first: {@code LT(-1)}, {@code LT(-2)}, {@code
   * LT(-3)}. The token stream keeps no tokens behind the parser (SourceParser), so the hooks below
   * look back here; prediction, which moves the stream and seeks back, never consumes through the
   * parser, so this is the parse's own history. Fields, not an array: a store into a {@code
   * Token[]} checks the token's class against the interface, slowly on JVMs before 23.
   */
  private Token consumed1;

  private Token consumed2;
  private Token consumed3;
  private NixParserListener builder;

  protected NixParserBase(TokenStream input) {
    super(input);
  }

  /** Stops at the first syntax error, remembering that the parse failed. */
  public static final class StopAtFirstError extends BailErrorStrategy {
    @Override
    public void recover(Parser recognizer, RecognitionException e) {
      ((NixParserBase) recognizer).failed = true;
      super.recover(recognizer, e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
      ((NixParserBase) recognizer).failed = true;
      return super.recoverInline(recognizer);
    }
  }

  /** Parses as {@code version}'s Nix: its parser stack's limit. */
  public void setNixVersion(NixVersion version) {
    this.version = version;
    bison = new BisonStack(v26() ? BISON_LIMIT_2_26 : BISON_LIMIT_2_8);
  }

  private boolean v26() {
    return version.atLeast(NixVersion.NIX_2_26);
  }

  @Override
  public void reset() {
    super.reset();
    failed = false;
    pendingError = null;
    depth = 0;
    consumed1 = consumed2 = consumed3 = null;
    if (bison != null) {
      bison.reset();
    }
    splitBrace = null;
  }

  @Override
  public void enterRule(ParserRuleContext localctx, int state, int ruleIndex) {
    deeper();
    super.enterRule(localctx, state, ruleIndex);
    bison.enter();
    if (ruleIndex == NixParser.RULE_binds && !failed) {
      try {
        enterBinds();
      } catch (NestingLimitException e) {
        failed = true;
        throw e;
      }
    }
  }

  @Override
  public void enterRecursionRule(
      ParserRuleContext localctx, int state, int ruleIndex, int precedence) {
    deeper();
    super.enterRecursionRule(localctx, state, ruleIndex, precedence);
    bison.enter();
  }

  @Override
  public void exitRule() {
    depth--;
    exitBison(_ctx.getRuleIndex(), _ctx.parent);
    super.exitRule();
  }

  @Override
  public void unrollRecursionContexts(ParserRuleContext parentctx) {
    depth--;
    exitBison(NixParser.RULE_operation, parentctx);
    super.unrollRecursionContexts(parentctx);
  }

  /*
   * Bison's stack, followed (BisonStack). Nix's grammar differs from this one in shape: where a
   * rule here stands for a different number of bison symbols than one, it is said below. Empty
   * rules that bison reduces as soon as it enters a state with no other action (after `[`, `''`,
   * `rec {`, `let {`, and in 2.8 after `inherit (e)`) fail at the token read last; elsewhere
   * bison reads the next token first and fails there.
   */

  @Override
  public Token consume() {
    Token t = getCurrentToken();
    if (!failed) {
      try {
        if (t.getType() != Token.EOF) {
          shiftBison(t);
        } else if (!v26()) {
          splitEnds(t);
        }
      } catch (NestingLimitException e) {
        failed = true;
        throw e;
      }
    }
    consumed3 = consumed2;
    consumed2 = consumed1;
    consumed1 = t;
    return super.consume();
  }

  /** The token consumed {@code k} tokens back (1: the last), or null before the start. */
  private Token lookBehind(int k) {
    return switch (k) {
      case 1 -> consumed1;
      case 2 -> consumed2;
      case 3 -> consumed3;
      default -> null;
    };
  }

  private void shiftBison(Token t) {
    int type = t.getType();
    if (!v26()) {
      splitStacks(t);
    }
    if (_ctx instanceof NixParser.ExprContext expr
        && v26()
        && expr.pattern != null
        && (type == NixParser.COLON || type == NixParser.AT)
        && lookBehind(1).getType() == NixParser.RBRACE) {
      // 2.26: `{ formals }` is reduced to one formal_set before `:` or `@`.
      bison.set(expr.open != null ? 1 : 3);
    }
    bison.push(1, t);
    if (_ctx instanceof NixParser.SimpleContext
        && (type == NixParser.LBRACKET || type == NixParser.IND_STRING_OPEN)) {
      // The empty list / indented-string parts that items are then added to.
      bison.push(1, t);
    } else if (_ctx instanceof NixParser.BindingContext binding) {
      if (type == NixParser.INHERIT && _input.LT(2).getType() != NixParser.LPAREN) {
        bison.push(1, _input.LT(2));
      } else if (type == NixParser.RPAREN && binding.from != null) {
        bison.push(1, t);
      }
    }
  }

  /**
   * Nix 2.8's parser is a GLR parser, and after a `{` that may open a set or a lambda's formals
   * (where an expression starts) it follows both until one fails, on stacks that share its entries:
   * after `{ name` until the token after the name decides, after `{ }` until the token after that,
   * where the set's side first reduces as far as that token lets it (down through the bodies `{ }`
   * ends, before `:`).
   */
  private void splitStacks(Token t) {
    splitEnds(t);
    if (t.getType() == NixParser.LBRACE) {
      splitExpr = startingExpr(t);
      splitBrace = splitExpr != null ? t : null;
      splitToSlot = splitExpr != null ? reductionsToSlot() : 0;
      splitBase = bison.depth() + 1;
    }
  }

  private void splitEnds(Token t) {
    int type = t.getType();
    Token previous = lookBehind(1);
    if (previous == null || splitBrace == null) {
      return;
    }
    if (previous == splitBrace
        && !afterRecLetOrAt(-2)
        && (type == NixParser.ID || type == NixParser.RBRACE)) {
      bison.reach(splitBase + 2, t); // the empty binds (and formals, before `}`)
      bison.reach(splitBase + (type == NixParser.ID ? 4 : 6), t); // shifted on both stacks
      return;
    }
    if (lookBehind(2) != splitBrace || afterRecLetOrAt(-3)) {
      return;
    }
    int extra = 0;
    if (previous.getType() == NixParser.ID) {
      extra =
          switch (type) {
            case NixParser.ASSIGN, NixParser.DOT, NixParser.RBRACE -> 12;
            case NixParser.COMMA -> 10;
            case NixParser.QUESTION -> 8;
            default -> 0;
          };
    } else if (previous.getType() == NixParser.RBRACE) {
      // `{ }`, then the set's side reduces until it can shift t (the formals' side stops). That
      // side runs first (bison made its empty binds the default over the empty formals) and
      // reduces `{ }` before it reads t.
      int reductions = setReductionsBefore(type);
      if (reductions > 0) {
        bison.reach(splitBase + 8, previous);
        extra = 6 + 2 * reductions;
      }
    }
    if (extra > 0) {
      // (At the end of the file Nix reports the token read before.)
      Token at = type == Token.EOF ? previous : t;
      bison.reach(splitBase + extra, at); // both sides reduce
      bison.reach(splitBase + extra + 1, at); // the survivor shifts
    }
  }

  /**
   * How many rules the set's side reduces `{ }` by before it shifts {@code type} (or, before `:`
   * and `@`, before it fails), or 0 where not followed.
   */
  private int setReductionsBefore(int type) {
    switch (type) {
      case NixParser.DOT, NixParser.OR_KW:
        return 1; // expr_simple: then a selection
      case NixParser.ID,
      NixParser.INT,
      NixParser.FLOAT,
      NixParser.DQUOTE,
      NixParser.IND_STRING_OPEN,
      NixParser.PATH,
      NixParser.HPATH,
      NixParser.SPATH,
      NixParser.URI,
      NixParser.LPAREN,
      NixParser.LBRACKET,
      NixParser.LBRACE,
      NixParser.LET,
      NixParser.REC:
        return 3; // expr_simple, expr_select, expr_app: then an argument
      case NixParser.SEMICOLON,
      NixParser.RPAREN,
      NixParser.RBRACE,
      NixParser.THEN,
      NixParser.ELSE,
      NixParser.COMMA,
      NixParser.COLON,
      NixParser.AT,
      Token.EOF:
        return splitToSlot;
      default:
        return 4; // up to expr_op: then an operator
    }
  }

  /**
   * Up to expr_function (6 rules), then out of every body it ends (a lambda's, `with`'s,
   * `assert`'s, `let`'s: 1 rule each; an `else` branch: 3), then to the `expr` the enclosing rule
   * expects (1; at the top, `start` too).
   */
  private int reductionsToSlot() {
    int reductions = 6;
    NixParser.ExprContext expr = splitExpr;
    while (expr.parent instanceof NixParser.ExprContext parent) {
      // Run as `{` is read, when these rules are all in progress: the labels of the children
      // already complete tell where expr is.
      int kw = parent.kw == null ? 0 : parent.kw.getType();
      boolean body =
          kw == 0
              || kw == NixParser.WITH && parent.scope != null
              || kw == NixParser.ASSERT && parent.condition != null
              || kw == NixParser.LET && parent.b != null;
      boolean alternative = kw == NixParser.IF && parent.consequent != null;
      if (body) {
        reductions += 1;
      } else if (alternative) {
        reductions += 3;
      } else {
        break;
      }
      expr = parent;
    }
    return reductions + (expr.parent instanceof NixParser.FileContext ? 2 : 1);
  }

  /** The expression {@code t} starts, where a lambda's formals could start too, or null. */
  private NixParser.ExprContext startingExpr(Token t) {
    for (RuleContext up = _ctx;
        up instanceof ParserRuleContext rule && rule.start == t;
        up = up.parent) {
      if (rule instanceof NixParser.ExprContext expr) {
        return expr;
      }
    }
    return null;
  }

  private boolean afterRecLetOrAt(int k) {
    Token before = lookBehind(-k);
    return before != null
        && (before.getType() == NixParser.REC
            || before.getType() == NixParser.LET
            || before.getType() == NixParser.AT);
  }

  /** The empty binds (`binds: binds binding | %empty`) that bindings are added to. */
  private void enterBinds() {
    Token previous = lookBehind(1);
    Token first = _input.LT(1);
    boolean plainSet =
        previous.getType() == NixParser.LBRACE
            && !(lookBehind(2) != null
                && (lookBehind(2).getType() == NixParser.REC
                    || lookBehind(2).getType() == NixParser.LET));
    if (!v26()) {
      // 2.8: always; reduced at once (no token read) after `rec {`, `let {`, and `{` where no
      // lambda can start.
      boolean readsNext = previous.getType() != NixParser.LBRACE || previous == splitBrace;
      bison.push(1, readsNext ? first : previous);
      return;
    }
    // 2.26: only before a leading `inherit`, or for an empty body other than `{ }`.
    boolean empty = first.getType() == NixParser.IN || first.getType() == NixParser.RBRACE;
    if (first.getType() == NixParser.INHERIT || empty && !plainSet) {
      bison.push(1, first);
    }
  }

  private void exitBison(int rule, RuleContext parent) {
    if (failed) {
      return;
    }
    boolean emptyFormals =
        rule == NixParser.RULE_formals
            && !v26()
            && (bison.frame() == 0 || lookBehind(1).getType() == NixParser.COMMA);
    if (emptyFormals) {
      // 2.8's right-recursive formals end in an empty one, reduced at once.
      try {
        bison.check(1, _input.LT(1));
      } catch (NestingLimitException e) {
        failed = true;
        throw e;
      }
    }
    int frame = bison.exit();
    if (!(parent instanceof ParserRuleContext)) {
      return;
    }
    switch (rule) {
      case NixParser.RULE_select -> {
        if (parent instanceof NixParser.OperationContext) {
          bison.set(1); // expr_app: expr_app expr_select
        } else if (!(parent instanceof NixParser.SimpleContext)) {
          bison.add(1); // (list items join the list on the stack)
        }
      }
      case NixParser.RULE_indentedPart, NixParser.RULE_inheritedName -> {}
      case NixParser.RULE_binding -> bison.set(1);
      case NixParser.RULE_stringText, NixParser.RULE_pathText, NixParser.RULE_interpolation -> {
        if (parent instanceof NixParser.StringPartsContext
            || parent instanceof NixParser.PathPartsContext) {
          bison.set(1); // string_parts_interpolated, left-recursive
        } else {
          bison.add(1);
        }
      }
      case NixParser.RULE_attr -> {
        if (parent instanceof NixParser.AttrpathContext) {
          bison.set(1); // attrpath: attrpath '.' attr
        } else {
          bison.add(1);
        }
      }
      case NixParser.RULE_formal -> {
        if (v26()) {
          bison.set(1); // formals: formals ',' formal
        } else {
          bison.add(1); // formals: formal ',' formals
        }
      }
      case NixParser.RULE_formals -> bison.add(v26() ? frame : 1);
      case NixParser.RULE_binds -> bison.add(frame == 0 ? 0 : 1);
      default -> bison.add(1);
    }
  }

  private void deeper() {
    if (++depth > MAX_RULE_DEPTH && !failed) {
      failed = true;
      throw new NestingLimitException(getCurrentToken());
    }
  }

  /**
   * The one listener that builds the tree, told of every completed rule and of the start of {@code
   * binds} (the only rule whose start it needs), called directly rather than through ANTLR's
   * generic listener loop.
   */
  public void setBuilder(NixParserListener builder) {
    this.builder = builder;
    // ANTLR triggers rule events whenever this list is not null, but creates a parse-tree node
    // for every token whenever it is not empty: an empty list gives the events without the nodes.
    _parseListeners = new ArrayList<>(0);
  }

  /** The first exception a parse listener threw, which ended the parse in Nix's terms. */
  public RuntimeException pendingError() {
    return pendingError;
  }

  @Override
  public void pushNewRecursionContext(ParserRuleContext localctx, int state, int ruleIndex) {
    // The operator about to be matched, and the one of the operand to its left (if that operand is
    // an operation at this level, not a parenthesised or prefix one).
    if (!failed) {
      bison.set(1); // the left operand, reduced
    }
    int next = getCurrentToken().getType();
    if (_ctx instanceof NixParser.OperationContext previous
        && previous.op != null
        && sameNonAssociativeLevel(previous.op.getType(), next)) {
      failed = true;
      throw new NonAssociativeChainException(getCurrentToken());
    }
    if (next == NixParser.PIPE_INTO || next == NixParser.PIPE_FROM) {
      int other = next == NixParser.PIPE_INTO ? NixParser.PIPE_FROM : NixParser.PIPE_INTO;
      for (RuleContext up = _ctx;
          up instanceof NixParser.OperationContext operation;
          up = up.parent) {
        if (operation.op != null && operation.op.getType() == other) {
          failed = true;
          throw new NonAssociativeChainException(getCurrentToken());
        }
      }
    }
    super.pushNewRecursionContext(localctx, state, ruleIndex);
  }

  private static boolean sameNonAssociativeLevel(int a, int b) {
    return isComparison(a) && isComparison(b) || isEquality(a) && isEquality(b);
  }

  private static boolean isComparison(int type) {
    return type == NixParser.LT
        || type == NixParser.GT
        || type == NixParser.LEQ
        || type == NixParser.GEQ;
  }

  private static boolean isEquality(int type) {
    return type == NixParser.EQ || type == NixParser.NEQ;
  }

  @Override
  protected void triggerEnterRuleEvent() {
    if (!failed && _ctx instanceof NixParser.BindsContext binds) {
      try {
        builder.enterBinds(binds);
      } catch (RuntimeException e) {
        failed = true;
        pendingError = e;
      }
    }
  }

  @Override
  protected void triggerExitRuleEvent() {
    if (!failed) {
      try {
        _ctx.exitRule(builder);
      } catch (RuntimeException e) {
        failed = true;
        pendingError = e;
      }
    }
  }
}
