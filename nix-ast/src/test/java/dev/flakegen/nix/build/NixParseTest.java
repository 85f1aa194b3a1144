package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.DslAssertions.rejects;
import static dev.flakegen.nix.build.DslAssertions.rejectsNull;
import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.parse;
import static dev.flakegen.nix.build.Nix.parseFragment;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.NixErrorException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Nix#parse} and {@link Nix#parseFragment}. Every rejection with its exact message. */
class NixParseTest {

  @Test
  void parseGivesTheAstOfTheText() {
    Expr parsed = parse("x: \"a${x}\"");
    assertThat(parsed).isEqualTo(lambda("x", string("a", variable("x"))));
    assertThat(parsed.pos().line()).isEqualTo(1);
    assertThat(parse("{ inputs.nixpkgs.url = \"github:NixOS/nixpkgs\"; }")).isEqualTo(
        set().attr(attrPath("inputs", "nixpkgs", "url"), string("github:NixOS/nixpkgs"))
            .build());
  }

  @Test
  void parseFailuresCarryNixsMessageAndPosition() {
    rejects(() -> parse("1 +"), "parse.nixText must be valid Nix (1:3: syntax error,"
        + " unexpected end of file), was \"1 +\"");
    rejects(() -> parse("x"),
        "parse.nixText must be valid Nix (1:1: undefined variable 'x'), was \"x\"");
    rejects(() -> parse("let\n  a = 1;\nin b"), "parse.nixText must be valid Nix (3:4:"
        + " undefined variable 'b'), was \"let\\n  a = 1;\\nin b\"");
    rejects(() -> parse("{ a = 1; a = 2; }"), "parse.nixText must be valid Nix (1:10:"
        + " attribute 'a' already defined at (string):1:3), was \"{ a = 1; a = 2; }\"");
    rejects(() -> parse("{ a, a }: a"), "parse.nixText must be valid Nix (1:6: duplicate"
        + " formal function argument 'a'), was \"{ a, a }: a\"");
    rejects(() -> parse("\"a\0\""), "parse.nixText must not contain NUL (Nix cuts text at a"
        + " NUL byte), was \"\\\"a\\u0000\\\"\"");
    assertThatThrownBy(() -> parse("x")).hasCauseInstanceOf(NixErrorException.class);
    rejectsNull(() -> parse(null), "parse.nixText must not be null");
  }

  @Test
  void fragmentsMayUseTheirBoundNames() {
    assertThat(parseFragment("pkgs.hello", Set.of("pkgs")))
        .isEqualTo(select(variable("pkgs"), "hello"));
    rejects(() -> parseFragment("pkgs.hello lib", Set.of("pkgs")),
        "parseFragment.nixText must be valid Nix (1:12: undefined variable 'lib'), was"
            + " \"pkgs.hello lib\"");
    rejects(() -> parseFragment("x", Set.of("if")), "parseFragment.boundNames element must"
        + " not be a keyword (if then else assert with let in rec inherit), was \"if\"");
  }
}
