package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.BubblewrapTest;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A generated setup where unprivileged user namespaces are blocked (Ubuntu 24.04+, NixOS'
 * hardened profile): its init launcher (the FHS environment, bubblewrap) cannot start, and setup
 * publishes the invalid-init event and ends through the failure program with one reason that
 * names the cause and the remedy. Blocked for real by {@code scripts/without-user-namespaces}:
 * setup runs as {@code nobody} in a user namespace whose {@code user.max_user_namespaces} is 0.
 */
@NixTest
@BubblewrapTest
class BlockedUserNamespacesTest extends BuiltFlakeTest {

  private static final Path WITHOUT_USER_NAMESPACES =
      Path.of("../scripts/without-user-namespaces").toAbsolutePath().normalize();

  @Test
  void setupFailsThroughTheFailureProgramWithOneLineNamingCauseAndRemedy() throws Exception {
    // Inside bubblewrap (scripts/in-root, the Nix 2.26 runs) /proc/sys is read-only, so no
    // namespace's limit can be set there: the host's run (Nix 2.8) proves this behaviour, which
    // is the runtime's and not Nix's.
    Tools.Result blockable = Tools.run(List.of(WITHOUT_USER_NAMESPACES.toString(), "65534",
        "65534", "/bin/true"), null, null, Map.of());
    Assumptions.assumeTrue(blockable.exitCode() == 0,
        "skipped: user namespaces cannot be blocked for one command here: " + blockable.stderr());
    // As root, where bubblewrap works, the same setup succeeds (and realises its init).
    state.setup(flake.setup("record")).path();

    Path root = Files.createTempDirectory(Path.of("/tmp"), "flakegen-userns-");
    try {
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
      ResourceState blocked = new ResourceState(root, redis.address());
      Files.createDirectories(blocked.resources());
      Files.createDirectories(blocked.gcRoots());
      Tools.run(List.of("chown", "-R", "nobody:nogroup", root.toString()), null, null, Map.of())
          .ok("chown");
      Events events = events();
      List<String> command = new ArrayList<>(List.of(WITHOUT_USER_NAMESPACES.toString(),
          "65534", "65534", "bash", "-c", "exec \"$0\" <&-", flake.setup("record").toString()));
      Tools.Result result = Tools.run(command, blocked.home(), null, blocked.environment(),
          Duration.ofMinutes(5));
      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(64);
      assertThat(result.out()).isEmpty();
      String[] lines = result.stderr().split("\n", -1);
      assertThat(lines).as(result.stderr()).hasSize(3);
      assertThat(lines[0]).matches("[0-9a-f]{128}");
      assertThat(lines[1]).startsWith("init cannot start: bubblewrap cannot create its namespaces,"
              + " unprivileged user namespaces are blocked here (bwrap: ")
          .contains("security.allowUserNamespaces = true (NixOS)",
              "sysctl kernel.apparmor_restrict_unprivileged_userns=0");
      assertThat(lines[2]).isEmpty();
      Map<String, Object> event = events.next();
      assertThat(event).containsEntry("type", "invalid-init").containsEntry("status", 1L)
          .containsEntry("hash", lines[0]);
      assertThat((String) event.get("standard-error")).startsWith("bwrap: ");
      assertThat(Files.readString(Path.of("/proc/sys/user/max_user_namespaces")).trim())
          .isNotEqualTo("0");
    } finally {
      Tools.run(List.of("rm", "-rf", "--", root.toString()), null, null, Map.of());
    }
  }
}
