package dev.flakegen.nix.parse.grammar;

import java.util.ArrayList;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;

/**
 * What the Nix parser needs beyond ANTLR's rules.
 *
 * <p>Nix's two non-associative operator levels ({@code < > <= >=} and {@code == !=}): ANTLR has
 * no non-associativity, so a second operator of the same level is refused here, at the operator,
 * where bison refuses it too.
 *
 * <p>Parsing stops at the first error, as Nix's does: once one occurred, no more events reach the
 * parse listeners (the rule exits that unwinding triggers would show them half-built rules). An
 * exception a listener throws (Nix's parse-time errors) is kept as {@link #pendingError()} rather
 * than thrown from inside ANTLR's {@code finally} blocks, where it could hide an exception already
 * on its way out (a stack overflow on deep input, which must reach the caller unchanged).
 */
public abstract class NixParserBase extends Parser {

  private boolean failed;
  private RuntimeException pendingError;
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

  @Override
  public void reset() {
    super.reset();
    failed = false;
    pendingError = null;
  }

  /**
   * The one listener that builds the tree, told of every completed rule and of the start of
   * {@code binds} (the only rule whose start it needs), called directly rather than through
   * ANTLR's generic listener loop.
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
    int next = getCurrentToken().getType();
    if (_ctx instanceof NixParser.OperationContext previous && previous.op != null
        && sameNonAssociativeLevel(previous.op.getType(), next)) {
      failed = true;
      throw new NonAssociativeChainException(getCurrentToken());
    }
    if (next == NixParser.PIPE_INTO || next == NixParser.PIPE_FROM) {
      int other = next == NixParser.PIPE_INTO ? NixParser.PIPE_FROM : NixParser.PIPE_INTO;
      for (org.antlr.v4.runtime.RuleContext up = _ctx;
          up instanceof NixParser.OperationContext operation; up = up.parent) {
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
    return type == NixParser.LT || type == NixParser.GT || type == NixParser.LEQ
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
