package dev.flakegen.it;

import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;

/**
 * {@link IntegrationModel} for {@code flakegen generate --model}, to look at (or run by hand) the
 * flake the integration tests build.
 */
public final class IntegrationFlakeModel implements FlakeModel {

  @Override
  public Flake flake() {
    return IntegrationModel.flake();
  }
}
