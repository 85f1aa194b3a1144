package dev.flakegen.cli;

import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.examples.Examples;
import dev.flakegen.generate.GenerateRequest;
import dev.flakegen.generate.Generation;
import dev.flakegen.nixdriver.Installable;
import dev.flakegen.nixdriver.NixDriver;
import dev.flakegen.nixdriver.NixStore;
import dev.flakegen.nixdriver.NixValue;
import dev.flakegen.nixdriver.Realisation;
import dev.flakegen.nixdriver.SignaturePolicy;
import dev.flakegen.nixdriver.StorePath;
import dev.flakegen.testing.NixTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Driving Nix from Java" example: generate, evaluate, build, copy. */
@NixTest
class ReadmeNixDriverExampleTest {

  @Test
  void generateEvaluateBuildCopy(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("hello");
    Path hostpkgs = Path.of("").toAbsolutePath().getParent().resolve("hostpkgs");
    Path cacheFolder = dir.resolve("cache");
    List<String> log = new CopyOnWriteArrayList<>();

    Generation.run(GenerateRequest.builder().model(Examples.get("hello").flake()).directory(out)
        .build());
    NixDriver nix = NixDriver.builder().timeout(Duration.ofMinutes(10)).build();
    Installable hello = Installable.of("path:" + out.toAbsolutePath() + "#hello")
        .withOverrideInput("nixpkgs", "path:" + hostpkgs);
    NixValue name = nix.observe(hello, "name");
    Realisation built = nix.realise(hello, log::add);
    StorePath setup = built.outputPath();
    nix.checkFlake(Installable.of("path:" + out.toAbsolutePath())
        .withOverrideInput("nixpkgs", "path:" + hostpkgs), log::add);
    NixStore cache = NixStore.fileCache(cacheFolder);
    nix.replicate(List.of(setup), NixStore.local(), cache, SignaturePolicy.CHECK);
    boolean there = nix.checkPath(cache, setup);
    nix.replicate(List.of(setup), cache, NixStore.local(), SignaturePolicy.DO_NOT_CHECK);
    NixValue sum = nix.evaluate(Installable.expression(parse("{ n }: [ n (n * 2) ]"))
        .withArg("n", integer(21)));

    assertThat(name).isEqualTo(new NixValue.StringValue("hello-setup"));
    assertThat(setup.name()).isEqualTo("hello-setup");
    assertThat(Files.isExecutable(Path.of(setup.path(), "bin", "setup"))).isTrue();
    assertThat(there).isTrue();
    assertThat(sum).isEqualTo(new NixValue.ListValue(List.of(
        new NixValue.IntegerValue(21), new NixValue.IntegerValue(42))));
  }
}
