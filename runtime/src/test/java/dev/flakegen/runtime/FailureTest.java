package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** failure CODE [MESSAGE…]: CODE and each message, one per line, on standard error; exit 64. */
@RedisTest // the programs are assembled with redis-cli (Tools.folder)
class FailureTest {

  @TempDir Path temporary;

  @Test
  void printsCodeAndMessagesToStandardErrorAndExits64() {
    Path failure = Programs.assemble(temporary, "failure", Map.of());
    Run.Result result = Run.of(failure).args("1001", "first message", "$(second) 'message'").run();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.out).isEmpty();
    assertThat(result.err()).isEqualTo("1001\nfirst message\n$(second) 'message'\n");
  }

  @Test
  void withoutArgumentsStillExits64() {
    Path failure = Programs.assemble(temporary, "failure", Map.of());
    Run.Result result = Run.of(failure).run();
    assertThat(result.status).isEqualTo(64);
    assertThat(result.out).isEmpty();
    assertThat(result.err).isEmpty();
  }
}
