package dev.flakegen.nix.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The compiled module descriptor of nix-ast exports exactly its user-facing packages: not the
 * generated ANTLR lexer and parser, not the printer's layout engine. The tests themselves run on
 * the class path, as every flakegen module that uses nix-ast does.
 */
class ModuleExportsTest {

  @Test
  void exportsOnlyTheUserFacingPackages() {
    ModuleDescriptor descriptor = ModuleFinder.of(Path.of("target", "classes"))
        .find("dev.flakegen.nix").orElseThrow().descriptor();
    Set<String> exported = descriptor.exports().stream()
        .peek(export -> assertThat(export.isQualified()).as(export.source()).isFalse())
        .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(exported).containsExactlyInAnyOrder("dev.flakegen.nix.ast",
        "dev.flakegen.nix.build", "dev.flakegen.nix.check", "dev.flakegen.nix.core",
        "dev.flakegen.nix.parse", "dev.flakegen.nix.print");
    assertThat(descriptor.packages()).contains("dev.flakegen.nix.parse.grammar",
        "dev.flakegen.nix.print.layout");
    assertThat(descriptor.opens()).isEmpty();
    assertThat(descriptor.requires().stream().map(ModuleDescriptor.Requires::name))
        .contains("org.antlr.antlr4.runtime");
  }
}
