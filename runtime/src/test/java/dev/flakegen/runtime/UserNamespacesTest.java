package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.BubblewrapTest;
import dev.flakegen.testing.RedisTest;
import dev.flakegen.testing.redis.LocalRedis;
import dev.flakegen.testing.redis.RedisSubscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where unprivileged user namespaces are blocked (Ubuntu 24.04+'s AppArmor restriction, NixOS'
 * hardened profile), bubblewrap cannot start init: setup publishes the invalid-init event and ends
 * through the failure program with one reason naming the cause and the remedy. Blocked for real
 * ({@code scripts/without-user-namespaces}): setup runs as {@code nobody} inside a user namespace
 * (identity-mapped, made by root) whose {@code user.max_user_namespaces} is 0, so the real,
 * unprivileged bwrap of the init launcher cannot create its own; the machine's setting is not
 * touched (the limit dies with the namespace).
 */
@RedisTest
@BubblewrapTest
class UserNamespacesTest {

  static LocalRedis redis;
  @TempDir static Path shared;

  @BeforeAll
  static void redis(LocalRedis server) {
    redis = server;
  }

  @Test
  void withoutUserNamespacesSetupFailsWithOneLineNamingCauseAndRemedy() throws Exception {
    String bwrap = Tools.require("bwrap");
    assertThat(Run.bash("/usr/bin/id -u").run().out().trim()).as("this test needs root").isEqualTo("0");
    // Where /proc/sys is read-only (inside bubblewrap's --proc) no namespace's limit can be set.
    Run.Result blockable = Run.of(Path.of("../scripts/without-user-namespaces").toAbsolutePath()
        .normalize()).args(List.of("65534", "65534", "/bin/true"))
        .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").run();
    Assumptions.assumeTrue(blockable.status == 0,
        "skipped: user namespaces cannot be blocked for one command here: " + blockable);
    // A folder every user can reach (JUnit's are 0700), the state owned by nobody.
    Path root = Files.createTempDirectory(Path.of("/tmp"), "flakegen-userns-");
    try {
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(Tools.folder(), PosixFilePermissions.fromString("rwxr-xr-x"));
      Fixture fixture = new Fixture(root, redis);
      Path launcher = Files2.script(root.resolve("launcher"), "exec " + Programs.quote(bwrap)
          + " --ro-bind / / --dev /dev --proc /proc --bind \"$RESOURCE_MOUNT\" \"$RESOURCE_MOUNT\""
          + " -- /bin/sh -c 'echo made > \"$RESOURCE_MOUNT/greeting\"'");
      fixture.targets("greeting").init(launcher);
      Path setup = fixture.setup();
      Path harness = Path.of("../scripts/without-user-namespaces").toAbsolutePath().normalize();
      Files.createDirectories(fixture.resources);
      Files.createDirectories(fixture.gcRoot);
      Run.bash("/bin/chown -R nobody:nogroup \"$1\" \"$2\"", fixture.resources.toString(),
          fixture.gcRoot.toString()).run();

      // As root, with namespaces, the same setup works: the launcher is sound.
      Fixture control = new Fixture(root.resolve("control"), redis);
      control.targets("greeting").init(launcher);
      Run.Result works = control.run().run();
      assertThat(works.status).as(works.toString()).isZero();

      try (RedisSubscription events = redis.subscribe(fixture.channel)) {
        Run.Result result = Run.of(harness)
            .args(List.of("65534", "65534", setup.toString()))
            .env("RESOURCE_REDIS", redis.address())
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .run();
        assertThat(result.status).as(result.toString()).isEqualTo(64);
        assertThat(result.out()).isEmpty();
        String hash = fixture.expectedHash(List.of(), null);
        assertThat(result.err()).matches(hash + "\n"
            + "init cannot start: bubblewrap cannot create its namespaces, unprivileged user"
            + " namespaces are blocked here \\(bwrap: [^\n]*namespace[^\n]*\\); allow them: [^\n]*"
            + "security.allowUserNamespaces = true \\(NixOS\\)[^\n]*\n");
        Map<String, Object> event = Events.only(events.published());
        assertThat(event.get("type")).isEqualTo("invalid-init");
        assertThat(event.get("status")).isEqualTo(1L);
        assertThat((String) event.get("standard-error")).startsWith("bwrap: ");
      }
      // The machine's own limit is untouched.
      assertThat(Files.readString(Path.of("/proc/sys/user/max_user_namespaces")).trim())
          .isNotEqualTo("0");
    } finally {
      Run.bash("/bin/rm -rf -- \"$1\"", root.toString()).run();
    }
  }
}
