package dev.flakegen.nixdriver;

import java.time.Duration;
import java.util.List;

/** Nix did not finish within the call's timeout; it and every process it started were killed. */
public final class NixTimeoutException extends NixDriverException {

  private static final long serialVersionUID = 1L;

  private final Duration timeout;

  /** {@code command} was killed after {@code timeout}. */
  public NixTimeoutException(List<String> command, Duration timeout) {
    super(String.join(" ", command) + ": did not finish within " + timeout.toMillis()
        + " ms (killed)");
    this.timeout = timeout;
  }

  /** The timeout that ran out. */
  public Duration timeout() {
    return timeout;
  }
}
