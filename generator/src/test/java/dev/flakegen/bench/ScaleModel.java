package dev.flakegen.bench;

import dev.flakegen.model.Flake;
import dev.flakegen.model.FlakeModel;

/**
 * {@link RenderBenchmark#model} as a model for {@code flakegen generate --model}: as many
 * resources as the environment variable {@code FLAKEGEN_BENCH_RESOURCES} says (default 10).
 * {@code bench/nix-eval} renders it to time Nix's evaluation of flakes of growing size.
 */
public final class ScaleModel implements FlakeModel {

  @Override
  public Flake flake() {
    String count = System.getenv().getOrDefault("FLAKEGEN_BENCH_RESOURCES", "10");
    return RenderBenchmark.model(Integer.parseInt(count)).build();
  }
}
