package dev.flakegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.Flake;
import dev.flakegen.output.FileSet;
import dev.flakegen.render.FlakeRenderer;
import org.junit.jupiter.api.Test;

/** The benchmark's model is valid and renders (timings are JMH's business, not a test's). */
class RenderBenchmarkTest {

  @Test
  void theBenchmarkModelRenders() {
    Flake flake = RenderBenchmark.model(100).build();
    assertThat(flake.resources()).hasSize(100);
    assertThat(flake.resources().get("resource-99").dependencies())
        .containsExactly("resource-49");
    FileSet files = FlakeRenderer.render(flake);
    assertThat(files.paths()).containsExactly("flake.nix", "lib.nix", "module.nix", "scripts.nix");
  }
}
