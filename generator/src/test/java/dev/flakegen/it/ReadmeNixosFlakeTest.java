package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.BubblewrapTest;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's NixOS system flake, as written there: it imports {@code examples/hello}'s
 * {@code nixosModules.default} with {@code hello.inputs.nixpkgs.follows = "nixpkgs"}, and its
 * {@code nixosConfigurations.machine} evaluates (nixpkgs and the example's URL overridden to the
 * host package set and the checked-in example) under the installed Nix 2.8 and under Debian
 * trixie's Nix 2.26 (the cached root of {@code scripts/debian-root}), with {@code hostpkgs}'
 * {@code lib.nixosSystem}, which checks unit names, {@code Type=} and {@code Restart=} as NixOS.
 */
@NixTest
@BubblewrapTest
class ReadmeNixosFlakeTest {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final String EXPRESSION = "services: builtins.mapAttrs (name: unit: {"
      + " inherit (unit) after wantedBy; inherit (unit.serviceConfig) ExecStart User Group Restart;"
      + " }) services";

  /** The first nix block after the README's sentence introducing it. */
  static String readmeFlake() throws IOException {
    String readme = Files.readString(REPOSITORY.resolve("README.md"));
    int intro = readme.indexOf("A NixOS system flake that uses a generated flake");
    assertThat(intro).as("the README introduces the system flake").isNotNegative();
    int start = readme.indexOf("```nix\n", intro) + "```nix\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  private static List<String> evaluation(Path flake) {
    return new ArrayList<>(List.of("nix", "eval", "--json", "--no-write-lock-file",
        "path:" + flake + "#nixosConfigurations.machine.config.systemd.services",
        "--apply", EXPRESSION,
        "--override-input", "nixpkgs", "path:" + REPOSITORY.resolve("hostpkgs"),
        "--override-input", "hello", "path:" + REPOSITORY.resolve("examples/hello")));
  }

  private static void assertServices(Tools.Result result) {
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Map<?, ?> services = (Map<?, ?>) Json.parse(result.out());
    assertThat(services.keySet().stream().map(Object::toString).toList())
        .containsExactlyInAnyOrder("resource-redis", "resource-release-listener",
            "resource-resolve-listener");
    Object release = services.get("resource-release-listener");
    assertThat(Json.at(release, "User")).isEqualTo("alice");
    assertThat(Json.at(release, "Group")).isEqualTo("users");
    assertThat(Json.at(release, "Restart")).isEqualTo("always");
    assertThat(Json.at(release, "after")).isEqualTo(List.of("resource-redis.service"));
    assertThat((String) Json.at(release, "ExecStart"))
        .matches("/nix/store/[a-z0-9]{32}-resource-release-listener/bin/resource-release-listener");
  }

  @Test
  void evaluatesWithNix28(@TempDir Path directory) throws IOException {
    Path flake = directory.resolve("system");
    Files.createDirectories(flake);
    Files.writeString(flake.resolve("flake.nix"), readmeFlake());
    assertThat(readmeFlake()).contains("hello.inputs.nixpkgs.follows = \"nixpkgs\";",
        "hello.nixosModules.default");
    assertServices(Tools.run(evaluation(flake), flake, null, Map.of(), Duration.ofMinutes(10)));
  }

  @Test
  void evaluatesWithTrixiesNix226(@TempDir Path directory) throws IOException {
    Path flake = directory.resolve("system");
    Files.createDirectories(flake);
    Files.writeString(flake.resolve("flake.nix"), readmeFlake());
    List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("scripts/in-root").toString(),
        "--bind", directory.toString(), "trixie", "--"));
    command.addAll(evaluation(flake));
    Tools.Result version = Tools.run(List.of(REPOSITORY.resolve("scripts/in-root").toString(),
        "trixie", "--", "nix", "--version"), null, null, Map.of(), Duration.ofMinutes(30));
    assertThat(version.out()).as(version.stderr()).startsWith("nix (Nix) 2.26");
    assertServices(Tools.run(command, flake, null, Map.of(), Duration.ofMinutes(10)));
  }
}
