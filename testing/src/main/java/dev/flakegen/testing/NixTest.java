package dev.flakegen.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class or method that runs the real Nix ({@code nix}, {@code nix-instantiate}), on
 * the host or in the trixie root: tagged {@value #TAG}, it is left out of the fast loop ({@code mvn
 * -o test -Pfast}) and runs in the full one ({@code scripts/test}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(NixTest.TAG)
@net.jqwik.api.Tag(NixTest.TAG) // jqwik's properties carry their own tags
public @interface NixTest {
  /** The JUnit tag. */
  String TAG = "nix";
}
