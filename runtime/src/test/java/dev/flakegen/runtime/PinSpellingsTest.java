package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 5: a GC-root link that resolves into a resource keeps it however it is spelled —
 * relative, with {@code ..}, with {@code //}, in a GC-root folder that is itself a symlink, or
 * through a resources directory reached by a symlink — and the resource goes once the link does
 * (so the listener provably looked). Links are made with {@code ln -s}, byte for byte as spelled
 * (Java's paths would normalise {@code //}).
 */
@RedisTest
class PinSpellingsTest {

  static LocalRedis redis;
  @TempDir static Path shared;
  @TempDir Path temporary;
  @RegisterExtension final Listeners listeners = new Listeners();

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }


  /** How a test spells the pin: given the fixture and the resource directory, the link's text. */
  interface Spelling {
    String target(Fixture fixture, Path resource, Path linkFolder);
  }

  private void pinned(Fixture fixture, Spelling spelling) throws Exception {
    fixture.plainHash().targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    fixture.lifecycle(Lifecycle.programs(fixture, temporary.resolve("programs"), "true", Map.of(), Map.of()));
    fixture.setup();
    listeners.add(Lifecycle.listener(fixture, "release-listener", Map.of()));
    Lifecycle.Originator originator = new Lifecycle.Originator(fixture);
    Path resource = Path.of(originator.path);
    // Another resource's root (index 9999), as root would place it.
    Path folder = fixture.gcRoot.resolve("9999");
    Files.createDirectories(folder);
    Path link = folder.resolve("pin");
    String target = spelling.target(fixture, resource, folder);
    Run.Result made = Run.of(Path.of(Tools.require("ln"))).args("-s", "--", target, link.toString()).run();
    assertThat(made.status).as(made.toString()).isZero();
    assertThat(link.toRealPath()).isEqualTo(resource.toRealPath().resolve("a"));
    originator.close();
    Thread.sleep(700);
    assertThat(resource).as("pinned by %s", target).isDirectory();
    Files.delete(link);
    Files2.await("the release", Duration.ofSeconds(20), () -> !Lifecycle.exists(resource));
  }

  private Fixture fixture() {
    return new Fixture(temporary, redis);
  }

  @Test
  void aRelativeLink() throws Exception {
    pinned(fixture(), (f, resource, folder) -> folder.relativize(resource.resolve("a")).toString());
  }

  @Test
  void aLinkWithDotDot() throws Exception {
    pinned(fixture(), (f, resource, folder) ->
        f.resources + "/mounts/../mounts/" + resource.getFileName() + "/./a");
  }

  @Test
  void aLinkWithDoubleSlashes() throws Exception {
    pinned(fixture(), (f, resource, folder) ->
        f.resources + "//mounts//" + resource.getFileName() + "//a");
  }

  @Test
  void aGcRootFolderThatIsASymlink() throws Exception {
    Fixture fixture = fixture();
    Path real = Files.createDirectories(temporary.resolve("gc-real"));
    fixture.gcRoot = Files.createSymbolicLink(temporary.resolve("gc-link"), real);
    pinned(fixture, (f, resource, folder) -> resource.resolve("a").toString());
  }

  @Test
  void aResourcesDirectoryReachedThroughASymlink() throws Exception {
    Fixture fixture = fixture();
    Path real = Files.createDirectories(temporary.resolve("resources-real"));
    fixture.resources(Files.createSymbolicLink(temporary.resolve("resources-link"), real));
    // The listener knows the folder by its link; the pin names the real path.
    pinned(fixture, (f, resource, folder) -> {
      try {
        return resource.toRealPath().resolve("a").toString();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
