package dev.flakegen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NixOS module's service defaults: what is accepted, and the message for what is not. */
class ServicesTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:6379", "localhost:1", "[::1]:6380", "redis.example:65535",
      "/run/redis.sock"})
  void acceptsHostPortAndSocketPaths(String address) {
    assertThat(Services.DEFAULT.withRedisAddress(address).redisAddress()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "6379", "localhost", "localhost:", "localhost:65536", "a b:1", "relative.sock",
      "/"})
  void rejectsOtherAddresses(String address) {
    assertThatThrownBy(() -> Services.DEFAULT.withRedisAddress(address))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("services.redisAddress: must be HOST:PORT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Alice", "1user", "a b", "x$"})
  void rejectsAccountsThatAreNotNames(String user) {
    assertThatThrownBy(() -> Services.DEFAULT.runAs(user, "users"))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("services.user: must be a user or group name");
    assertThatThrownBy(() -> Services.DEFAULT.runAs("alice", user))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("services.group: must be a user or group name");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 3601})
  void rejectsIntervalsOutsideOneToAnHour(int seconds) {
    assertThatThrownBy(() -> Services.DEFAULT.withInterval(seconds))
        .isInstanceOf(ModelException.class)
        .hasMessage("services.interval: must be 1 to 3600 seconds, was " + seconds);
  }

  @ParameterizedTest
  @ValueSource(strings = {"procfile", "release-listener", "resolve-listener", "services"})
  void lifecycleOutputNamesAreReservedForResources(String name) {
    assertThatThrownBy(() -> Flake.builder()
        .parameters(LibParameters.builder().originatorPidVariable("X").resourcesDirectory("/r")
            .storeGarbageCollectionRoot("/g"))
        .addResource(name, Implementation.builder()).build())
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("flake.resources name: \"" + name + "\" is reserved");
  }
}
