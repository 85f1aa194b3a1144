package dev.flakegen.testing;

import dev.flakegen.output.FileSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Evaluates a rendered flake with real Nix, without nixpkgs: {@code outputs} is called with a
 * stub package set (each package the string {@code /stub/NAME}) and a stub library as
 * {@code self.lib} that hands back, as data, the parameters it got and each description, with the
 * init applied to stub arguments ({@code pkgs} the stub set, {@code root} {@code /stub/root},
 * …). A resource called from an init gives the fragment of generator/README.md, "`lib.nix`" with stub paths:
 * {@code "$( /stub/setup ARGS )" || /stub/failure CODE}.
 *
 * <p>The result: {@code description}, {@code url}, {@code resources.SYSTEM.NAME} (with
 * {@code parameters} and {@code description}), {@code lifecycle.SYSTEM.NAME} (the lifecycle
 * packages: stub paths), {@code apps}, {@code checks.SYSTEM.NAME} (with
 * {@code parameters} and {@code arguments}) and {@code lib} (whether {@code lib} is a function).
 */
public final class FlakeHarness {

  static final String HARNESS = """
      let
        flake = import ./flake.nix;
        names = [ "bash" "buildFHSUserEnv" "coreutils" "diffutils" "findutils" "flock" "jq"
          "makeWrapper" "nix" "ps" "redis" "yq-go" "foreman" "gnupg" "pass" ];
        pkgs = builtins.listToAttrs (map (name: { inherit name; value = "/stub/" + name; }) names)
          // {
            lib.makeBinPath = "/stub/makeBinPath";
            stdenv.mkDerivation = "/stub/mkDerivation";
            buildFHSEnv = "/stub/buildFHSEnv";
            # a lib parameter (/stub/writeShellApplication) that also packages the model's
            # programs (/stub/program-NAME)
            writeShellApplication = {
              outPath = "/stub/writeShellApplication";
              __functor = _: { name, ... }: "/stub/program-" + name;
            };
          };
        fragment = description: call:
          let failure = call.failure or 64; in
          "\\"$( " + (call.setup or (s: s)) "/stub/setup" + " )\\" || "
          + (if builtins.isInt failure then "/stub/failure " + toString failure else failure);
        data = parameters: removeAttrs parameters [ "resources" ] // {
          resources = builtins.attrNames (parameters.resources or { });
        };
        applied = parameters: set: set // (if set ? init then {
          init = set.init {
            inherit pkgs;
            resources = parameters.resources or { };
            root = "/stub/root";
            sequential = "/stub/sequential";
            wrap = "/stub/wrap";
            pid = 1;
          };
        } else { });
        lib = parameters: {
          implementation = description: {
            __functor = self: fragment description;
            setup = {
              outPath = "/stub/setup";
              data = { parameters = data parameters; description = applied parameters description; };
            };
          };
          check = arguments: { parameters = data parameters; arguments = applied parameters arguments; };
          procfile = "/stub/procfile";
          release-listener = "/stub/release-listener";
          resolve-listener = "/stub/resolve-listener";
          services = { foreman }: "/stub/services-with-" + foreman;
        };
        lifecycle = [ "procfile" "release-listener" "resolve-listener" "services" ];
        stubs = { x86_64-linux = pkgs; aarch64-linux = pkgs; aarch64-darwin = pkgs; };
        outputs = flake.outputs { self = { inherit lib; }; nixpkgs = { legacyPackages = stubs; }; };
      in
      {
        description = flake.description;
        url = flake.inputs.nixpkgs.url;
        # the resources' packages carry data; the model's programs are stub paths
        resources = builtins.mapAttrs (system: packages: builtins.listToAttrs (builtins.concatMap (name: if builtins.isAttrs packages.${name} then [ { inherit name; value = packages.${name}.data; } ] else [ ]) (builtins.attrNames (removeAttrs packages lifecycle)))) outputs.packages;
        lifecycle = builtins.mapAttrs (system: packages: builtins.intersectAttrs (builtins.listToAttrs (map (name: { inherit name; value = null; }) lifecycle)) packages) outputs.packages;
        apps = outputs.apps;
        checks = outputs.checks;
        lib = builtins.isFunction outputs.lib;
      }
      """;

  private FlakeHarness() {}

  /** Writes {@code files} and the harness into {@code directory} and evaluates it. */
  public static Object evaluate(FileSet files, Path directory) {
    try {
      Files.createDirectories(directory);
      for (String path : files.paths()) {
        Files.write(directory.resolve(path), files.bytes(path));
      }
      Path harness = directory.resolve("harness.nix");
      Files.writeString(harness, HARNESS, StandardCharsets.UTF_8);
      return Tools.nixJson(harness);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
