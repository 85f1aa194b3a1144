package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Check derivations (generator/README.md, "`lib.nix`") built by Nix: the generated flake's checks pass or fail with a
 * diff, and another flake uses the generated flake's {@code lib} exactly as the seed's usage
 * section shows, including its {@code lib.check} example.
 */
@NixTest
class ChecksTest extends BuiltFlakeTest {

  Tools.Result check(String name) {
    return flake.buildAttribute("checks.x86_64-linux." + name);
  }

  @Test
  void checksWhoseExpectationsHoldBuild() {
    check("record-passes").ok("record-passes");
    check("record-hit-passes").ok("record-hit-passes");
    // Expectations on init's input and output hold whether the events carry them or not.
    check("record-published-passes").ok("record-published-passes");
    check("exit-three-fails-as-expected").ok("exit-three-fails-as-expected");
  }

  @Test
  void aCheckWhoseExpectationsDoNotHoldFailsWithADiff() {
    Tools.Result result = check("wrong-expectation");
    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("resource-check-wrong-expectation")
        .contains("-index: 5\n").contains("+index: 0\n")
        .contains("-standard-output: \"not what init prints\"\n")
        .contains("+standard-output: \"recorded\"\n");
  }

  @Test
  void anotherFlakeUsesTheLibAsTheSeedShows(@TempDir Path consumer) throws Exception {
    Files.writeString(consumer.resolve("flake.nix"), """
        {
          inputs.nixpkgs.url = "path:%s";
          inputs.resource-flake.url = "path:%s";
          inputs.resource-flake.inputs.nixpkgs.follows = "nixpkgs";
          outputs = { self, nixpkgs, resource-flake }:
            let
              pkgs = nixpkgs.legacyPackages.x86_64-linux;
              lib = resource-flake.lib {
                inherit (pkgs) buildFHSUserEnv coreutils findutils flock jq makeWrapper nix ps
                  redis writeShellApplication yq-go;
                makeBinPath = pkgs.lib.makeBinPath;
                mkDerivation = pkgs.stdenv.mkDerivation;
                inherit pkgs;
                originator-pid-variable = "CONSUMER_ORIGINATOR_PID";
                resources-directory = "~/consumer-resources";
                store-garbage-collection-root = "~/.gc-roots";
              };
              hello = { pkgs, ... }: ''
                "${pkgs.coreutils}/bin/echo" hello world
              '';
            in
            {
              packages.x86_64-linux.hello = (lib.implementation { init = hello; }).setup;
              checks.x86_64-linux.seed-example = lib.check {
                init = hello;
                expected-standard-output = "hello world";
                arguments = [ "arg1" ];
                diffutils = pkgs.diffutils;
              };
              checks.x86_64-linux.seed-example-as-written = lib.check {
                expected-standard-output = "hello world";
                arguments = [ "arg1" ];
                diffutils = pkgs.diffutils;
              };
            };
        }
        """.formatted(BuiltFlake.HOST_PACKAGES, flake.directory()));
    String url = BuiltFlake.url(consumer);
    List<String> build = List.of("nix", "build", "--no-link");
    Tools.Result passing = Tools.run(concat(build, url + "#checks.x86_64-linux.seed-example"),
        consumer, null, Map.of(), Duration.ofMinutes(10));
    passing.ok("the seed's check example with an init that prints hello world");
    Tools.Result setup = Tools.run(concat(build, url + "#hello"), consumer, null,
        Map.of(), Duration.ofMinutes(10));
    setup.ok("the consumer's resource");
    // without an init nothing prints "hello world": the check fails and says why
    Tools.Result failing = Tools.run(concat(build,
        url + "#checks.x86_64-linux.seed-example-as-written"), consumer, null,
        Map.of(), Duration.ofMinutes(10));
    assertThat(failing.exitCode()).isNotZero();
    assertThat(failing.stderr()).contains("-standard-output: \"hello world\"\n")
        .contains("+standard-output: \"\"\n");
  }

  static List<String> concat(List<String> command, String argument) {
    return Stream.concat(command.stream(), Stream.of(argument))
        .toList();
  }
}
