package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * root PATH [NAME]: a link in $RESOURCE_GC_ROOT/$RESOURCE_INDEX/, an indirect Nix GC root for
 * store paths (tested with a real store path made by nix-store --add), exit 64 on errors.
 */
@NixTest
class RootTest {

  @TempDir Path temporary;
  private Path gc;
  private Path root;
  private Path failure;

  @BeforeEach
  void assemble() {
    gc = temporary.resolve("gc roots");
    failure = Programs.assemble(temporary.resolve("bin"), "failure", Map.of());
    root = program(Tools.folder());
  }

  private Path program(Path tools) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("RESOURCE_GC_ROOT", gc.toString());
    env.put("RESOURCE_FAILURE", failure.toString());
    return Files2.executable(temporary.resolve("bin/root"), Programs.text("root", env, tools));
  }

  private Run root(String... args) {
    return Run.of(root).args(args).env("RESOURCE_INDEX", "42");
  }

  private Path file(String name) throws IOException {
    Path file = temporary.resolve("files").resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, name);
    return file;
  }

  @Test
  void linksAPathUnderTheIndexAndPrintsTheLink() throws IOException {
    Path target = file("data");
    Run.Result result = root(target.toString()).run();
    assertThat(result.status).as(result.toString()).isZero();
    Path link = gc.resolve("42/data");
    assertThat(result.out()).isEqualTo(link + "\n");
    assertThat(result.err).isEmpty();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
  }

  @Test
  void theDefaultNameIsMadeUniqueAndAnExplicitNameIsKept() throws IOException {
    Path one = file("a/same");
    Path two = file("b/same");
    Path three = file("c/same");
    assertThat(root(one.toString()).run().out()).isEqualTo(gc.resolve("42/same") + "\n");
    assertThat(root(two.toString()).run().out()).isEqualTo(gc.resolve("42/same-1") + "\n");
    assertThat(root(three.toString()).run().out()).isEqualTo(gc.resolve("42/same-2") + "\n");
    assertThat(Files.readSymbolicLink(gc.resolve("42/same-1"))).isEqualTo(two);
    assertThat(root(one.toString(), "my name").run().out()).isEqualTo(gc.resolve("42/my name") + "\n");
    Run.Result taken = root(two.toString(), "my name").run();
    assertThat(taken.status).isEqualTo(64);
    assertThat(taken.err()).startsWith("root\ncannot create");
    assertThat(Files.readSymbolicLink(gc.resolve("42/my name"))).isEqualTo(one);
  }

  @Test
  void aRelativePathIsLinkedAbsolutely() throws IOException {
    Path target = file("relative");
    Run.Result result = root("relative").in(target.getParent()).run();
    assertThat(result.status).as(result.toString()).isZero();
    assertThat(Files.readSymbolicLink(gc.resolve("42/relative"))).isEqualTo(target);
  }

  @Test
  void failsWithoutAnIndexOrAnExistingPath() throws IOException {
    Run.Result noIndex = Run.of(root).args(file("x").toString()).run();
    assertThat(noIndex.status).isEqualTo(64);
    assertThat(noIndex.err()).isEqualTo("root\nRESOURCE_INDEX is not set (root runs inside init)\n");
    Run.Result missing = root(temporary.resolve("missing").toString()).run();
    assertThat(missing.status).isEqualTo(64);
    assertThat(missing.err()).isEqualTo("root\nno such path: " + temporary.resolve("missing") + "\n");
    Run.Result usage = root().run();
    assertThat(usage.status).isEqualTo(64);
    assertThat(gc).doesNotExist();
  }

  @Test
  void aStorePathBecomesAnIndirectNixGcRoot() throws IOException {
    String nixStore = Tools.assume("nix-store");
    Path source = file("store-file-" + System.nanoTime());
    String storePath = Run.of(Path.of(nixStore)).args("--add", source.toString()).run().out().trim();
    assertThat(storePath).startsWith("/nix/store/");
    Run.Result result = root(storePath).run();
    assertThat(result.status).as(result.toString()).isZero();
    Path link = gc.resolve("42").resolve(Path.of(storePath).getFileName());
    assertThat(result.out()).isEqualTo(link + "\n");
    assertThat(result.err).isEmpty();
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of(storePath));
    assertThat(autoRootsPointingAt(link)).isTrue();
  }

  @Test
  void aPathInsideAStorePathIsLinkedAsGivenAndRooted() throws IOException {
    String nixStore = Tools.assume("nix-store");
    Path folder = temporary.resolve("tree-" + System.nanoTime());
    Files.createDirectories(folder.resolve("bin"));
    Files.writeString(folder.resolve("bin/tool"), "tool");
    String storePath = Run.of(Path.of(nixStore)).args("--add", folder.toString()).run().out().trim();
    Path inside = Path.of(storePath, "bin/tool");
    Run.Result result = root(inside.toString()).run();
    assertThat(result.status).as(result.toString()).isZero();
    Path link = gc.resolve("42/tool");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(inside);
    assertThat(autoRootsPointingAt(link)).isTrue();
  }

  @Test
  void whereNixRefusesTheRootThePlainLinkStaysAndOnlyVerboseModeSaysSo() throws IOException {
    // A nix-store that fails as it does inside a Nix build.
    Path tools = Files.createDirectories(temporary.resolve("tools"));
    try (Stream<Path> all = Files.list(Tools.folder())) {
      for (Path tool : (Iterable<Path>) all::iterator) {
        if (!tool.getFileName().toString().equals("nix-store")) {
          Files.createSymbolicLink(tools.resolve(tool.getFileName()),
              Files.isSymbolicLink(tool) ? Files.readSymbolicLink(tool) : tool);
        }
      }
    }
    Files2.executable(tools.resolve("nix-store"), "#!/bin/sh\necho 'error: cannot add a root here' >&2\nexit 1\n");
    root = program(tools);
    String storePath = Run.of(Path.of(Tools.assume("nix-store")))
        .args("--add", file("refused-" + System.nanoTime()).toString()).run().out().trim();
    Run.Result quiet = root(storePath).run();
    assertThat(quiet.status).as(quiet.toString()).isZero();
    assertThat(quiet.err).isEmpty();
    Path link = gc.resolve("42").resolve(Path.of(storePath).getFileName());
    assertThat(quiet.out()).isEqualTo(link + "\n");
    assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of(storePath));
    Run.Result verbose = root(storePath, "again").env("RESOURCE_VERBOSE", "1").run();
    assertThat(verbose.status).isZero();
    assertThat(verbose.err()).startsWith("root: " + gc.resolve("42/again") + " is a plain link, not a Nix GC root: ")
        .contains("cannot add a root here");
    assertThat(Files.readSymbolicLink(gc.resolve("42/again"))).isEqualTo(Path.of(storePath));
  }

  @Test
  void expandsTildeAndHonoursTheOverride() throws IOException {
    Path home = Files.createDirectories(temporary.resolve("home"));
    gc = Path.of("~/roots");
    root = program(Tools.folder());
    Path target = file("t");
    assertThat(root(target.toString()).env("HOME", home.toString()).run().out())
        .isEqualTo(home.resolve("roots/42/t") + "\n");
    Path override = temporary.resolve("override");
    assertThat(root(target.toString()).env("HOME", home.toString())
        .env("RESOURCE_GC_ROOT_OVERRIDE", override.toString()).run().out())
        .isEqualTo(override.resolve("42/t") + "\n");
  }

  private static boolean autoRootsPointingAt(Path link) throws IOException {
    Path auto = Path.of("/nix/var/nix/gcroots/auto");
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(auto)) {
      for (Path entry : entries) {
        if (Files.isSymbolicLink(entry) && Files.readSymbolicLink(entry).equals(link)) {
          return true;
        }
      }
    }
    return false;
  }
}
