package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.DslAssertions.canonical;
import static dev.flakegen.nix.build.DslAssertions.rejects;
import static dev.flakegen.nix.build.DslAssertions.rejectsNull;
import static dev.flakegen.nix.build.Nix.attr;
import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.dynamicAttr;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The name builders of {@link Nix}: variables and attribute names. Every rejection with its exact message. */
class NixNamesTest {

  private static final SourcePos NONE = SourcePos.NONE;

  @ParameterizedTest
  @ValueSource(strings = {"x", "true", "null", "__add", "a-b", "a'", "_", "if-x", "inherits"})
  void variables(String name) {
    assertThat(variable(name)).isEqualTo(Variable.of(name));
  }

  @Test
  void variableRejections() {
    rejects(() -> variable("if"), "variable.name must not be a keyword (if then else assert"
        + " with let in rec inherit), was \"if\"");
    rejects(() -> variable("inherit"), "variable.name must not be a keyword (if then else"
        + " assert with let in rec inherit), was \"inherit\"");
    rejects(() -> variable("or"), "variable.name must not be 'or' (Nix accepts it only as an"
        + " attribute name), was \"or\"");
    rejects(() -> variable("__curPos"), "variable.name must not be __curPos (Nix reads it as"
        + " the current position, not as a variable), was \"__curPos\"");
    rejects(() -> variable("a b"),
        "variable.name must be an identifier [A-Za-z_][A-Za-z0-9_'-]*, was \"a b\"");
    rejects(() -> variable(""),
        "variable.name must be an identifier [A-Za-z_][A-Za-z0-9_'-]*, was \"\"");
    rejects(() -> variable("1a"),
        "variable.name must be an identifier [A-Za-z_][A-Za-z0-9_'-]*, was \"1a\"");
    rejectsNull(() -> variable(null), "variable.name must not be null");
  }

  @Test
  void attributeNamesAreBareOnlyWhenSafe() {
    assertThat(attr("a")).isEqualTo(new IdentifierName("a"));
    assertThat(attr("or")).isEqualTo(new IdentifierName("or"));
    assertThat(attr("true")).isEqualTo(new IdentifierName("true"));
    assertThat(attr("__curPos")).isEqualTo(new IdentifierName("__curPos"));
    assertThat(attr("x86_64-linux")).isEqualTo(new IdentifierName("x86_64-linux"));
    for (String quoted : List.of("if", "then", "else", "assert", "with", "let", "in", "rec",
        "inherit", "", "a b", "a.b", "1x", "-a", "'a", "${x}", "é")) {
      assertThat(attr(quoted)).as(quoted)
          .isEqualTo(new StringName(StringLiteral.of(quoted)));
    }
  }

  @Test
  void attributeNameRejections() {
    rejects(() -> attr("a\0"),
        "attr.name must not contain NUL (Nix cuts text at a NUL byte), was \"a\\u0000\"");
    rejectsNull(() -> attr(null), "attr.name must not be null");
    rejects(() -> attrPath(), "attrPath.names must not be empty");
    rejects(() -> attrPath("a", "\0"), "attrPath.names[1] must not contain NUL (Nix cuts text"
        + " at a NUL byte), was \"\\u0000\"");
  }

  @Test
  void attributePaths() {
    assertThat(attrPath("a", "if", "or")).containsExactly(new IdentifierName("a"),
        new StringName(StringLiteral.of("if")), new IdentifierName("or"));
    assertThat(dynamicAttr(variable("x"))).isEqualTo(new InterpolatedName(variable("x"), NONE));
    rejectsNull(() -> dynamicAttr(null), "dynamicAttr.expr must not be null");
  }

  @Test
  void keywordsAreQuotedInTheCanonicalText() {
    Expr e = select(set().attr("if", integer(1)).attr("then", integer(2)).build(), "if");
    assertThat(canonical(e)).isEqualTo("({ \"if\" = 1; then = 2; }).\"if\"");
  }
}
