package dev.flakegen.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real {@code redis-server} for a test class: a parameter of type {@link LocalRedis} (of the
 * constructor, a {@code @BeforeAll}/{@code @BeforeEach} method or a test) gets the class's server,
 * started on a free loopback port at first use and stopped when the class is done. Register it with
 * {@code @RedisTest}, which also tags the class.
 *
 * <pre>{@code
 * @RedisTest
 * class EventsTest {
 *   @Test
 *   void aMissPublishesOneEvent(LocalRedis redis) throws Exception {
 *     try (RedisSubscription events = redis.subscribe("channel")) { … events.published() … }
 *   }
 * }
 * }</pre>
 */
public final class RedisExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalRedis.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ExtensionContext owner = classContext(context);
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("server", key -> new Server(start()), Server.class)
        .redis;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext at = context;
    while (at.getTestMethod().isPresent() && at.getParent().isPresent()) {
      at = at.getParent().get();
    }
    return at;
  }

  private static LocalRedis start() {
    try {
      Path directory = Files.createTempDirectory("flakegen-redis-");
      return LocalRedis.start(directory.resolve("redis.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start redis-server (scripts/prerequisites installs" + " it)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParameterResolutionException("interrupted starting redis-server", e);
    }
  }

  /** Stops the server when JUnit closes the class's store. */
  private record Server(LocalRedis redis) implements AutoCloseable {
    @Override
    public void close() {
      redis.close();
    }
  }
}
