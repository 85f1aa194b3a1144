package dev.flakegen.testing;

import dev.flakegen.testing.redis.RedisExtension;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that runs a real {@code redis-server}: tagged {@value #TAG}, it is
 * left out of the fast loop ({@code mvn -o test -Pfast}) and runs in the full one ({@code
 * scripts/test}). It registers {@link RedisExtension}: a parameter of type {@code LocalRedis} gets
 * a server of the test class's own, started once and stopped after the class.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(RedisTest.TAG)
@net.jqwik.api.Tag(RedisTest.TAG) // jqwik's properties carry their own tags
@ExtendWith(RedisExtension.class)
public @interface RedisTest {
  /** The JUnit tag. */
  String TAG = "redis";
}
