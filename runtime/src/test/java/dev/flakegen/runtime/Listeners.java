package dev.flakegen.runtime;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The listeners a test started, stopped after each test (with SIGTERM; what each printed goes to
 * the test report). Register it as a field: {@code @RegisterExtension final Listeners listeners =
 * new Listeners();}.
 */
final class Listeners implements AfterEachCallback {

  private final List<Run.Started> started = new ArrayList<>();

  /** Keeps {@code listener} to stop it after the test; returns it. */
  Run.Started add(Run.Started listener) {
    started.add(listener);
    return listener;
  }

  /** Stops every listener still running (a test that must stop them before something else). */
  void stopAll() {
    for (Run.Started listener : started) {
      if (listener.process.isAlive()) {
        System.out.println(Lifecycle.stop(listener));
      }
    }
    started.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopAll();
  }
}
