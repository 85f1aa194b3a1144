package dev.flakegen.nix.ast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Names#camelCase}: the one kebab-case to camel-case conversion. */
class NamesTest {

  @Test
  void kebabCaseBecomesLowerCamelCase() {
    assertThat(Names.camelCase("yq-go")).isEqualTo("yqGo");
    assertThat(Names.camelCase("store-garbage-collection-root"))
        .isEqualTo("storeGarbageCollectionRoot");
    assertThat(Names.camelCase("expected-setup-standard-error"))
        .isEqualTo("expectedSetupStandardError");
    assertThat(Names.camelCase("buildFHSUserEnv")).isEqualTo("buildFHSUserEnv");
  }

  @Test
  void primesLeadingDashesAndEmptyNames() {
    assertThat(Names.camelCase("x'")).isEqualTo("xPrime");
    assertThat(Names.camelCase("a'-b")).isEqualTo("aPrimeB");
    assertThat(Names.camelCase("-a")).isEqualTo("a");
    assertThat(Names.camelCase("a--b")).isEqualTo("aB");
    assertThat(Names.camelCase("_")).isEqualTo("_");
    assertThat(Names.camelCase("")).isEqualTo("_");
    assertThat(Names.camelCase("-")).isEqualTo("_");
  }
}
