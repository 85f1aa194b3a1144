package dev.flakegen.nix.ast;

/** A float literal such as {@code 1.5}; finite, not negative, and a normal double or zero. */
public record FloatLiteral(double value, SourcePos pos) implements Expr {
  public FloatLiteral {
    Nodes.require(Double.isFinite(value) && value >= 0 && (value == 0 || value >= Double.MIN_NORMAL)
            && Double.doubleToRawLongBits(value) != Double.doubleToRawLongBits(-0.0),
        "FloatLiteral.value", "must be a finite, non-negative normal double (Nix rejects the others)",
        value);
    Nodes.notNull(pos, "pos");
  }
}
