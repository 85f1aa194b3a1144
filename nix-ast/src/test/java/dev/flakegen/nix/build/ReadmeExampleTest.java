package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.pattern;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.validate;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.ReadablePrinter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's builder example, as written there, prints Nix that parses back to the same tree. */
class ReadmeExampleTest {

  @Test
  void theReadmeExampleBuildsValidatesAndPrints() {
    Expr flake = set()
        .attr("description", string("any text: ${not interpolated} \"quoted\" ''"))
        .attr(attrPath("inputs", "nixpkgs", "url"), string("github:NixOS/nixpkgs/nixos-unstable"))
        .attr("outputs", lambda(pattern().formal("self").formal("nixpkgs"),
            set().attr(attrPath("packages", "x86_64-linux", "default"),
                select(variable("nixpkgs"), "legacyPackages", "x86_64-linux", "hello")).build()))
        .build();
    validate(flake);
    String text = ReadablePrinter.print(flake);

    assertThat(text).contains("description = \"any text: \\${not interpolated} \\\"quoted\\\" ''\";");
    assertThat(SourceParser.parse(NixSource.ofString(text, Path.of("/tmp"))).expression())
        .isEqualTo(flake);
  }
}
