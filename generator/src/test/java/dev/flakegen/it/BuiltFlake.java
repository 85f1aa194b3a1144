package dev.flakegen.it;

import dev.flakegen.model.Flake;
import dev.flakegen.output.FileSet;
import dev.flakegen.render.FlakeRenderer;
import dev.flakegen.testing.Tools;
import dev.flakegen.testing.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model rendered into a folder and its resources' setup programs built by real Nix, against the
 * offline host package set ({@code hostpkgs/}) as {@code nixpkgs}: what the integration tests run.
 * The init launchers are not built here: the first miss of each resource realises its own, as
 * setup does for a user.
 */
public final class BuiltFlake {

  /** The host package set, from the generator module's folder (where the tests run). */
  public static final Path HOST_PACKAGES = Path.of("..", "hostpkgs").toAbsolutePath().normalize();

  private static final Pattern DESCRIPTION_HASH =
      Pattern.compile("(?m)^RESOURCE_DESCRIPTION_HASH=([0-9a-f]{128})$");

  private final Path directory;
  private final Map<String, Path> setups;

  private final Map<?, ?> outPaths;

  private BuiltFlake(Path directory, Map<String, Path> setups, Map<?, ?> outPaths) {
    this.directory = directory;
    this.setups = setups;
    this.outPaths = outPaths;
  }

  /** Renders {@code flake} into {@code directory} and builds every resource's package. */
  public static BuiltFlake build(Flake flake, Path directory) {
    FileSet files = FlakeRenderer.render(flake);
    try {
      Files.createDirectories(directory);
      for (String path : files.paths()) {
        Files.write(directory.resolve(path), files.bytes(path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // nix build --json does not list results in the order of its arguments: evaluate the
    // output paths by name first
    Tools.Result evaluated = nix(List.of("nix", "eval", "--json",
        url(directory) + "#packages.x86_64-linux", "--apply",
        "builtins.mapAttrs (name: package: package.outPath)"), directory)
        .ok("nix eval of the resources' output paths");
    Map<?, ?> outPaths = (Map<?, ?>) Json.parse(evaluated.out());
    List<String> command = new ArrayList<>(List.of("nix", "build", "--no-link"));
    Map<String, Path> setups = new LinkedHashMap<>();
    for (String name : flake.resources().keySet()) {
      command.add(url(directory) + "#packages.x86_64-linux." + name);
      setups.put(name, Path.of((String) outPaths.get(name), "bin", "setup"));
    }
    nix(command, directory).ok("nix build of the resources");
    return new BuiltFlake(directory, setups, outPaths);
  }

  /** {@code nix build} of one attribute of the flake (e.g. a check); the result, not checked. */
  public Tools.Result buildAttribute(String attribute) {
    return nix(List.of("nix", "build", "--no-link", "--json", url(directory) + "#" + attribute),
        directory);
  }

  /**
   * The store path of {@code packages.x86_64-linux.NAME} (e.g. {@code release-listener}), built
   * now if it is not yet.
   */
  public Path lifecyclePackage(String name) {
    Object path = outPaths.get(name);
    if (path == null) {
      throw new IllegalArgumentException("no package " + name + " in " + outPaths.keySet());
    }
    buildAttribute("packages.x86_64-linux." + name).ok("nix build of " + name);
    return Path.of((String) path);
  }

  /** The folder the flake was written to. */
  public Path directory() {
    return directory;
  }

  /** {@code RESOURCE/bin/setup} in the store. */
  public Path setup(String resource) {
    Path setup = setups.get(resource);
    if (setup == null) {
      throw new IllegalArgumentException("no resource " + resource + " in " + setups.keySet());
    }
    return setup;
  }

  /** The description hash a resource's setup was built with (its prelude assigns it). */
  public String descriptionHash(String resource) {
    try {
      String text = Files.readString(setup(resource), StandardCharsets.UTF_8);
      Matcher matcher = DESCRIPTION_HASH.matcher(text);
      if (!matcher.find()) {
        throw new AssertionError("no RESOURCE_DESCRIPTION_HASH in " + setup(resource));
      }
      return matcher.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A plain value setup's prelude assigns ({@code NAME=value}, as lib.nix writes store paths,
   * hashes and empty values).
   */
  public String setupVariable(String resource, String name) {
    try {
      String text = Files.readString(setup(resource), StandardCharsets.UTF_8);
      Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + "=(.*)$").matcher(text);
      if (!matcher.find()) {
        throw new AssertionError("no " + name + " in " + setup(resource));
      }
      return matcher.group(1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String url(Path directory) {
    return "path:" + directory.toAbsolutePath().normalize();
  }

  static Tools.Result nix(List<String> command, Path directory) {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of("--override-input", "nixpkgs", "path:" + HOST_PACKAGES));
    return Tools.run(full, directory, null, Map.of(), Duration.ofMinutes(20));
  }
}
