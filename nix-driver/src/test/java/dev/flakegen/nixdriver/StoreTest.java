package dev.flakegen.nixdriver;

import static dev.flakegen.nixdriver.Fixtures.NIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NixDriver#checkPath} and {@link NixDriver#replicate}, with a {@code file://} store. */
@NixTest
class StoreTest {

  private static final StorePath NEVER_BUILT =
      StorePath.of("/nix/store/00000000000000000000000000000000-flakegen-never-built");

  @Test
  void checkPathInTheLocalStoreAndInABinaryCache(@TempDir Path cache)
      throws InterruptedException {
    StorePath built = NIX.realise(Installable.expression(
        Fixtures.derivation(Fixtures.unique("valid"), "echo > $out"))).outputPath();
    assertThat(NIX.checkPath(NixStore.local(), built)).isTrue();
    assertThat(NIX.checkPath(NixStore.local(), NEVER_BUILT)).isFalse();
    assertThat(NIX.checkPath(NixStore.fileCache(cache), built)).isFalse();
    assertThat(NIX.validPaths(NixStore.local(), List.of(built, NEVER_BUILT)))
        .containsExactly(built);
    assertThatThrownBy(() -> NIX.checkPath(NixStore.of("bogus://x"), built))
        .isInstanceOfSatisfying(NixFailureException.class, e -> assertThat(e.nixMessage())
            .isIn("don't know how to open Nix store 'bogus://x'", // Nix 2.8
                "don't know how to open Nix store with scheme 'bogus'")); // Nix 2.26
  }

  @Test
  void aClosureGoesToAFileStoreAndComesBackAfterItWasDeleted(@TempDir Path cache)
      throws IOException, InterruptedException {
    // Two new paths, one referring to the other: nothing else refers to them, so deleting is safe.
    String name = Fixtures.unique("replicated");
    var dependency = Fixtures.derivation(name + "-message", "echo copied back > $out");
    var program = Fixtures.derivation(name, String.join("\n",
        "/bin/mkdir -p $out/bin",
        "printf '#!/bin/sh\\nexec /bin/cat %s\\n' \"$message\" > $out/bin/show",
        "/bin/chmod +x $out/bin/show"), Map.of("message", dependency));
    StorePath top = NIX.realise(Installable.expression(program)).outputPath();
    StorePath message = StorePath.of(
        ((NixValue.StorePathValue) NIX.evaluate(Installable.expression(dependency))).path());
    assertThat(NIX.closure(NixStore.local(), List.of(top))).containsExactlyInAnyOrder(top, message);

    NixStore binaryCache = NixStore.fileCache(cache);
    Replication out = NIX.replicate(List.of(top), NixStore.local(), binaryCache,
        SignaturePolicy.CHECK);
    assertThat(out.closure()).containsExactlyInAnyOrder(top, message);
    assertThat(NIX.checkPath(binaryCache, top)).isTrue();
    assertThat(Files.exists(cache.resolve("nix-cache-info"))).isTrue();

    Fixtures.nixStore("--delete", top.path(), message.path());
    assertThat(NIX.validPaths(NixStore.local(), List.of(top, message))).isEmpty();

    // Built here, so unsigned: the local store refuses them unless told not to check.
    assertThatThrownBy(() -> NIX.replicate(List.of(top), binaryCache, NixStore.local(),
        SignaturePolicy.CHECK))
        .isInstanceOfSatisfying(NixFailureException.class,
            e -> assertThat(e.nixMessage()).containsAnyOf("lacks a valid signature", // Nix 2.8
                "lacks a signature by a trusted key")); // Nix 2.26
    Replication back = NIX.replicate(List.of(top), binaryCache, NixStore.local(),
        SignaturePolicy.DO_NOT_CHECK);
    assertThat(back.closure()).containsExactlyInAnyOrder(top, message);
    assertThat(NIX.validPaths(NixStore.local(), List.of(top, message)))
        .containsExactlyInAnyOrder(top, message);
    assertThat(Fixtures.run(List.of(Path.of(top.path(), "bin", "show").toString())))
        .isEqualTo("copied back\n");
  }

  @Test
  void aDerivationFileIsReplicatedAsAFileWithoutBuildingIt(@TempDir Path cache)
      throws InterruptedException {
    Installable derivation = Installable.expression(
        Fixtures.derivation(Fixtures.unique("unbuilt"), "exit 1"));
    StorePath drv = StorePath.of(
        ((NixValue.StringValue) NIX.observe(derivation, "drvPath")).value());
    Replication copied = NIX.replicate(List.of(drv), NixStore.local(), NixStore.fileCache(cache),
        SignaturePolicy.CHECK);
    assertThat(copied.closure()).contains(drv);
    assertThat(NIX.checkPath(NixStore.fileCache(cache), drv)).isTrue();
  }

  @Test
  void replicatingAPathTheSourceDoesNotHaveFails(@TempDir Path cache) {
    assertThatThrownBy(() -> NIX.replicate(List.of(NEVER_BUILT), NixStore.local(),
        NixStore.fileCache(cache), SignaturePolicy.CHECK))
        .isInstanceOfSatisfying(NixFailureException.class, e -> assertThat(e.nixMessage())
            .isEqualTo("path '" + NEVER_BUILT + "' is not valid in auto"));
  }

  @Test
  void storePathsAreChecked() {
    assertThatThrownBy(() -> StorePath.of("/tmp/x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StorePath.of("/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(StorePath.of("/nix/store/00000000000000000000000000000000-a-1.0").name())
        .isEqualTo("a-1.0");
  }
}
