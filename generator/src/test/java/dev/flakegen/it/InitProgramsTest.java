package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The programs an init gets (generator/README.md, "`lib.nix`": {@code root}, {@code sequential}, {@code wrap}), called
 * from an init built by Nix and run by setup in bubblewrap: every wrap directive, each of wrap's
 * error cases, GC roots for a resource file and for a store path, and the counter.
 */
@NixTest
class InitProgramsTest extends BuiltFlakeTest {

  @Test
  void wrapRootAndSequentialWorkInsideInit() throws Exception {
    Path path = state.setup(flake.setup("programs")).path();

    Path run = path.resolve("bin/run");
    assertThat(ResourceState.read(run)).isEqualTo(IntegrationModel.WRAPPED);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run)))
        .isEqualTo("rwxr-xr-x");

    Path link = Path.of(ResourceState.read(path.resolve("root-link")));
    assertThat(link).isEqualTo(state.gcRoots().resolve("0/run"));
    assertThat(Files.readSymbolicLink(link)).isEqualTo(run);

    Path storeLink = Path.of(ResourceState.read(path.resolve("store-link")));
    assertThat(storeLink).isEqualTo(state.gcRoots().resolve("0/ls"));
    Path ls = Files.readSymbolicLink(storeLink);
    assertThat(ls.toString()).startsWith("/nix/store/").endsWith("/bin/ls");
    assertThat(Files.isExecutable(ls)).isTrue();
    List<Path> registered = new ArrayList<>();
    try (Stream<Path> roots = Files.list(Path.of("/nix/var/nix/gcroots/auto"))) {
      roots.forEach(root -> {
        try {
          registered.add(Files.readSymbolicLink(root));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    assertThat(registered).as("indirect Nix GC roots").contains(storeLink);

    assertThat(ResourceState.read(path.resolve("sequential"))).isEqualTo("1\n");
  }

  @Test
  void everyWrapErrorFailsWithOneLineAndWritesNothing() throws Exception {
    Path path = state.setup(flake.setup("wrap-errors")).path();
    assertThat(ResourceState.read(path.resolve("ok"))).isEqualTo("1 2\n");
    List<String> names = new ArrayList<>();
    Matcher attempt = Pattern.compile("(?m)^attempt (\\S+) ").matcher(IntegrationModel.WRAP_ERRORS);
    while (attempt.find()) {
      names.add(attempt.group(1));
    }
    assertThat(names).hasSize(15);
    try (Stream<Path> files = Files.list(path.resolve("errors"))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(names);
    }
    for (String name : names) {
      String text = ResourceState.read(path.resolve("errors/" + name));
      assertThat(text).as(name).matches("wrap: [^\\n]+\\n64\\n");
    }
    // the resource folder holds only its targets: no failed attempt wrote anything
    try (Stream<Path> entries = Files.list(path)) {
      assertThat(entries.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("errors",
          "ok");
    }
  }
}
