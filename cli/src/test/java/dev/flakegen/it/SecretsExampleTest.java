package dev.flakegen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.examples.SecretsExample;
import dev.flakegen.model.Flake;
import dev.flakegen.testing.NixTest;
import dev.flakegen.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code secrets} example with the real programs (Debian's GnuPG and pass, offered by the
 * host package set): its flake built by Nix, the chain secret key, GnuPG home, pass store set up
 * by running the flake's program {@code show-secret}, which prints the secret with
 * {@code pass show}.
 */
@NixTest
class SecretsExampleTest extends BuiltFlakeTest {

  @Override
  Flake model() {
    return new SecretsExample().flake();
  }

  @Override
  String channel() {
    return "resource";
  }

  @Test
  void theProgramShowsTheSecretOfThePassStoreEncryptedToTheKey() throws Exception {
    Path program = flake.lifecyclePackage("show-secret").resolve("bin/show-secret");
    ResourceState.Outcome first = state.setup(program);
    assertThat(first.status()).as(first.standardError()).isZero();
    assertThat(first.standardOutput()).isEqualTo(SecretsExample.SECRET + "\n");
    // the resources it set up: three, each once; a second run hits them all
    assertThat(state.list("mounts")).hasSize(3);
    assertThat(state.setup(program).standardOutput()).isEqualTo(first.standardOutput());
    assertThat(state.list("mounts")).hasSize(3);

    Path home = state.setup(flake.setup("gnupg-home")).path().resolve("gnupg");
    Path store = state.setup(flake.setup("password-store")).path().resolve("store");
    Path secret = store.resolve(SecretsExample.SECRET_NAME + ".gpg");
    assertThat(ResourceState.read(store.resolve(".gpg-id")).strip())
        .isEqualTo("secrets@example.invalid");
    // encrypted, not the text itself
    assertThat(new String(Files.readAllBytes(secret), StandardCharsets.ISO_8859_1))
        .doesNotContain(SecretsExample.SECRET);
    // to the key of the GnuPG home: the host's own gpg decrypts it with that home
    try {
      assertThat(gpg(home, "--batch", "--quiet", "--decrypt", secret.toString()).out())
          .isEqualTo(SecretsExample.SECRET + "\n");
      // and no other home can
      Path other = Files.createDirectories(state.home().resolve("other-gnupg"));
      Files.setPosixFilePermissions(other,
          PosixFilePermissions.fromString("rwx------"));
      assertThat(gpg(other, "--batch", "--quiet", "--decrypt", secret.toString()).exitCode())
          .isNotZero();
      kill(other);
    } finally {
      kill(home);
    }
  }

  private Tools.Result gpg(Path home, String... arguments) {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
    command.addAll(List.of(arguments));
    return Tools.run(command, state.home(), null, state.environment(), Duration.ofMinutes(2));
  }

  private void kill(Path home) {
    Tools.run(List.of("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent"),
        state.home(), null, state.environment(), Duration.ofMinutes(1));
  }
}
