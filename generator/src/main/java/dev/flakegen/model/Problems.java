package dev.flakegen.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the problems of independent validation steps, so that building a model reports every
 * one of them ({@link ModelException#problems()}) instead of the first. Public only for the
 * model's shell package ({@code dev.flakegen.model.shell}); not API.
 */
public final class Problems {

  private final List<ModelException.Problem> found = new ArrayList<>();

  /** No problems yet. */
  public Problems() {}

  /** Runs a step; its problems are collected. Whether it passed. */
  public boolean run(Runnable step) {
    try {
      step.run();
      return true;
    } catch (ModelException e) {
      found.addAll(e.problems());
      return false;
    }
  }

  /** The step's value, or null when it broke a rule (its problems are collected). */
  public <T> T get(Supplier<T> step) {
    try {
      return step.get();
    } catch (ModelException e) {
      found.addAll(e.problems());
      return null;
    }
  }

  public void add(String path, String rule) {
    found.add(new ModelException.Problem(path, rule));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** Throws every problem found, if any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ModelException(found);
    }
  }
}
