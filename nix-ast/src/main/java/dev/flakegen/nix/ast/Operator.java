package dev.flakegen.nix.ast;

/**
 * Nix's binary operators with their Nix 2.8 precedence (a larger number binds tighter) and
 * associativity. Unary {@code -} binds tighter than all of these; {@code !} sits between
 * {@code +} and {@code //}.
 */
public enum Operator {
  CONCAT_LISTS("++", 11, Associativity.RIGHT),
  MULTIPLY("*", 10, Associativity.LEFT),
  DIVIDE("/", 10, Associativity.LEFT),
  ADD("+", 9, Associativity.LEFT),
  SUBTRACT("-", 9, Associativity.LEFT),
  UPDATE("//", 7, Associativity.RIGHT),
  LESS_THAN("<", 6, Associativity.NONE),
  GREATER_THAN(">", 6, Associativity.NONE),
  LESS_OR_EQUAL("<=", 6, Associativity.NONE),
  GREATER_OR_EQUAL(">=", 6, Associativity.NONE),
  EQUAL("==", 5, Associativity.NONE),
  NOT_EQUAL("!=", 5, Associativity.NONE),
  AND("&&", 4, Associativity.LEFT),
  OR("||", 3, Associativity.LEFT),
  IMPLIES("->", 2, Associativity.RIGHT);

  /** Precedence of {@code !}: between {@code +}/{@code -} and {@code //}. */
  public static final int NOT_PRECEDENCE = 8;
  /** Precedence of {@code ?}: tighter than {@code ++}. */
  public static final int HAS_ATTRIBUTE_PRECEDENCE = 12;
  /** Precedence of unary {@code -}: the tightest operator. */
  public static final int NEGATION_PRECEDENCE = 13;

  private final String symbol;
  private final int precedence;
  private final Associativity associativity;

  Operator(String symbol, int precedence, Associativity associativity) {
    this.symbol = symbol;
    this.precedence = precedence;
    this.associativity = associativity;
  }

  public String symbol() {
    return symbol;
  }

  public int precedence() {
    return precedence;
  }

  public Associativity associativity() {
    return associativity;
  }

  /** The operator written {@code symbol}. */
  public static Operator ofSymbol(String symbol) {
    for (Operator op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    throw new IllegalArgumentException("not a Nix binary operator: " + symbol);
  }

  /** How a chain of operators of one level groups. */
  public enum Associativity { LEFT, RIGHT, NONE }
}
