package dev.flakegen.it;

import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.BubblewrapTest;
import static dev.flakegen.model.ModelFixtures.flake;
import static dev.flakegen.model.ModelFixtures.implementation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.output.FileSet;
import dev.flakegen.render.FlakeRenderer;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FHS environment inits run in (issue 18), evaluated by real Nix against the host package set
 * with the bundled {@code lib.nix}: one root file system for every init of a library (not one per
 * resource, nor the environment's bubblewrap launcher), and a package of that environment changed
 * gives every resource with an init another description hash.
 */
@NixTest
@BubblewrapTest
class InitEnvironmentTest {

  @TempDir
  Path dir;

  @BeforeEach
  void renderLibrary() throws IOException {
    FileSet files = FlakeRenderer.render(flake().addResource("a", implementation("x")).build());
    for (String file : List.of("lib.nix", "scripts.nix")) {
      Files.write(dir.resolve(file), files.bytes(file));
    }
  }

  /**
   * {@code lib.nix} applied to the host package set with OVERLAY (a nixpkgs overlay), three
   * resources with inits and one without; the value of {@code ATTRIBUTE} of the result below.
   */
  private String expression(String overlay) {
    return """
        let
          pkgs = import %s { overlays = [ (%s) ]; };
          lib = import ./lib.nix {
            inherit (pkgs) coreutils findutils flock jq makeWrapper nix ps redis
              writeShellApplication yq-go;
            inherit pkgs;
            buildFHSUserEnv = pkgs.buildFHSEnv;
            makeBinPath = pkgs.lib.makeBinPath;
            mkDerivation = pkgs.stdenv.mkDerivation;
            originator-pid-variable = "PID";
            resources-directory = "/r";
            store-garbage-collection-root = "/g";
          };
          echo = text: { pkgs, ... }: "${pkgs.coreutils}/bin/echo ${text}";
          resources = {
            one = lib.implementation { init = echo "one"; };
            two = lib.implementation { init = echo "two"; targets = [ ]; seed = 2; };
            three = lib.implementation { init = echo "three"; transient = true; };
            none = lib.implementation { };
          };
        in
        {
          hashes = builtins.mapAttrs (name: resource: resource.description-hash) resources;
          environments = builtins.mapAttrs
            (name: resource: if resource.environment == null then null
              else builtins.unsafeDiscardStringContext resource.environment.outPath) resources;
          inits = builtins.filter (init: init != null)
            (map (resource: resource.init) (builtins.attrValues resources));
          coreutils = builtins.unsafeDiscardStringContext pkgs.coreutils.outPath;
        }
        """.formatted(BuiltFlake.HOST_PACKAGES, overlay);
  }

  private Object evaluate(String overlay, String attribute) {
    Tools.Result result = Tools.run(List.of("nix-instantiate", "--eval", "--strict", "--json",
        "--expr", "(" + expression(overlay) + ")." + attribute), dir, null, Map.of())
        .ok("nix-instantiate --eval of lib.nix with the host package set");
    return Json.parse(result.out());
  }

  @Test
  void everyInitOfALibraryRunsInOneEnvironmentAndNoLauncherIsMade() {
    Map<?, ?> environments = (Map<?, ?>) evaluate("final: prev: { }", "environments");
    assertThat(environments.get("none")).isNull();
    List<Object> withInit = List.of(environments.get("one"), environments.get("two"),
        environments.get("three"));
    assertThat(withInit).doesNotContainNull().containsOnly(environments.get("one"));
    assertThat((String) environments.get("one")).endsWith("-resource-init-fhsenv-rootfs");

    // The derivations of the three inits (what setup realises on a miss), with everything they
    // need: one root file system, no bubblewrap launcher of an environment.
    Tools.Result derivations = Tools.run(List.of("nix-instantiate", "--expr",
        "(" + expression("final: prev: { }") + ").inits"), dir, null, Map.of())
        .ok("nix-instantiate of the inits");
    List<String> inits = Arrays.asList(derivations.out().strip().split("\n"));
    assertThat(inits).hasSize(3).doesNotHaveDuplicates()
        .allMatch(path -> path.endsWith("-resource-init.drv"));
    List<String> closure = new java.util.ArrayList<>(List.of("nix-store", "-qR"));
    closure.addAll(inits);
    List<String> all = Arrays.asList(Tools.run(closure, dir, null, Map.of())
        .ok("nix-store -qR of the inits").out().strip().split("\n"));
    assertThat(all.stream().filter(path -> path.endsWith("-fhsenv-rootfs.drv")))
        .as("root file systems among %s", all).hasSize(1);
    assertThat(all.stream().filter(path -> path.endsWith("-bwrap.drv")
        || path.endsWith("-init-init.drv"))).as("FHS launchers among %s", all).isEmpty();
  }

  @Test
  void aChangedPackageOfTheEnvironmentChangesTheHashOfEveryResourceWithAnInit() {
    // less is in the environment's base system, and nothing else of the library uses it.
    String changed = """
        final: prev: {
          less = prev.runCommand "less-changed" { } ''
            mkdir -p "$out/bin"
            ln -s ${prev.less}/bin/less "$out/bin/less"
          '';
        }""";
    Map<?, ?> before = (Map<?, ?>) evaluate("final: prev: { }", "hashes");
    Map<?, ?> again = (Map<?, ?>) evaluate("final: prev: { }", "hashes");
    Map<?, ?> after = (Map<?, ?>) evaluate(changed, "hashes");
    assertThat(again).isEqualTo(before);
    for (String name : List.of("one", "two", "three")) {
      assertThat(after.get(name)).as(name).isNotEqualTo(before.get(name));
    }
    assertThat(after.get("none")).isEqualTo(before.get("none"));
    assertThat(evaluate(changed, "environments.one"))
        .isNotEqualTo(evaluate("final: prev: { }", "environments.one"));
    assertThat(evaluate(changed, "coreutils")).isEqualTo(evaluate("final: prev: { }", "coreutils"));
  }
}
