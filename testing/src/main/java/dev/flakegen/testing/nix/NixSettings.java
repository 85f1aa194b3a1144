package dev.flakegen.testing.nix;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which Nix a test runs and with which settings: a name for messages, the command that prefixes
 * every Nix command (none on the host; {@code scripts/in-root trixie --} for the trixie root), and
 * the {@code NIX_CONFIG} text. The one place the tests' Nix configuration is written: flakes on, no
 * substituters (no network, and no 4.5 s per build retrying cache.nixos.org).
 *
 * @param name what the settings are called in messages, e.g. "Nix 2.8 on the host"
 * @param prefix the command that runs Nix in its place (empty on the host)
 * @param config the {@code NIX_CONFIG} text
 */
public record NixSettings(String name, List<String> prefix, String config) {

  /** The offline line: no binary cache is asked. */
  public static final String NO_SUBSTITUTERS = "substituters =";

  /** The {@code NIX_CONFIG} of every test, on the host and in the roots. */
  public static final String CONFIG =
      "experimental-features = nix-command flakes\n" + NO_SUBSTITUTERS;

  /** Debian bookworm's Nix 2.8, installed on the host. */
  public static final NixSettings HOST = new NixSettings("Nix 2.8 on the host", List.of(), CONFIG);

  /**
   * The host's Nix 2.8 with no experimental feature: the parser's oracle. Flakes add builtins
   * ({@code __getFlake}) and symbols, which changes what parses and the order {@code
   * nix-instantiate --parse} prints.
   */
  public static final NixSettings HOST_PLAIN =
      new NixSettings(
          "Nix 2.8 on the host, no experimental feature",
          List.of(),
          "experimental-features =\n" + NO_SUBSTITUTERS);

  public NixSettings {
    Objects.requireNonNull(name, "name");
    prefix = List.copyOf(prefix);
    Objects.requireNonNull(config, "config");
  }

  /**
   * Debian trixie's Nix 2.26 in the cached root, entered with {@code scripts/in-root} (which binds
   * the repository at its own path); its store is its own, and nobody builds as another user.
   */
  public static NixSettings trixie() {
    Path inRoot = repository().resolve("scripts/in-root");
    String config = CONFIG + "\nbuild-users-group =";
    return new NixSettings(
        "Nix 2.26 in the trixie root",
        List.of(inRoot.toString(), "--tmp", "trixie", "--", "env", "NIX_CONFIG=" + config),
        config);
  }

  /** These settings with the {@code experimental-features} line replaced by {@code features}. */
  public NixSettings withExperimentalFeatures(String features) {
    StringBuilder text = new StringBuilder();
    for (String line : config.split("\n")) {
      text.append(
              line.startsWith("experimental-features")
                  ? "experimental-features = " + features
                  : line)
          .append('\n');
    }
    String changed = text.toString().strip();
    List<String> command = new ArrayList<>();
    for (String part : prefix) {
      command.add(part.equals("NIX_CONFIG=" + config) ? "NIX_CONFIG=" + changed : part);
    }
    return new NixSettings(name + " (experimental-features = " + features + ")", command, changed);
  }

  /** {@code command} as these settings run it: the prefix, then the command. */
  public List<String> command(List<String> command) {
    List<String> all = new ArrayList<>(prefix);
    all.addAll(command);
    return all;
  }

  /**
   * The repository's top folder: the nearest folder above the working directory (a module's, when
   * Maven runs the tests) that holds {@code scripts/in-root}.
   */
  public static Path repository() {
    Path at = Path.of("").toAbsolutePath();
    for (Path folder = at; folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve("scripts/in-root"))) {
        return folder;
      }
    }
    throw new IllegalStateException("no scripts/in-root above " + at);
  }
}
