package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.DslAssertions.rejects;
import static dev.flakegen.nix.build.DslAssertions.rejectsNull;
import static dev.flakegen.nix.build.Nix.attr;
import static dev.flakegen.nix.build.Nix.dynamicAttr;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.let;
import static dev.flakegen.nix.build.Nix.list;
import static dev.flakegen.nix.build.Nix.parse;
import static dev.flakegen.nix.build.Nix.parseFragment;
import static dev.flakegen.nix.build.Nix.pattern;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.validate;
import static dev.flakegen.nix.build.Nix.variable;
import static dev.flakegen.nix.build.Nix.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.SourcePos;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Nix#validate}. Every rejection with its exact message. */
class NixValidateTest {

  private static final SourcePos NONE = SourcePos.NONE;

  static AttributeDefinition define(String name, Expr value) {
    return new AttributeDefinition(List.of(attr(name)), value, NONE);
  }

  @Test
  void validExpressionsPass() {
    Expr e = lambda(pattern().formal("pkgs"), with(variable("pkgs"), list(variable("hello"))));
    assertThat(validate(e)).isSameAs(e);
    assertThat(validate(select(variable("pkgs"), "a"), Set.of("pkgs"))).isNotNull();
    validate(set().recursive().attr("a", integer(1)).attr("b", variable("a")).build());
    validate(let().attr("a", integer(1)).in(variable("a")));
  }

  @Test
  void undefinedVariables() {
    rejects(() -> validate(lambda("x", variable("y"))),
        "validate.expr must be valid Nix (undefined variable 'y')");
    rejects(() -> validate(set().attr("a", integer(1)).attr("b", variable("a")).build()),
        "validate.expr must be valid Nix (undefined variable 'a')");
    rejects(() -> validate(set().inherit("a").build()),
        "validate.expr must be valid Nix (undefined variable 'a')");
    rejects(() -> validate(variable("lib"), Set.of("pkgs")),
        "validate.expr must be valid Nix (undefined variable 'lib')");
    rejects(() -> validate(parseFragment("lib", Set.of("lib"))),
        "validate.expr must be valid Nix ((string):1:1: undefined variable 'lib')");
  }

  @Test
  void whatTheBuildersWouldRejectIsFoundInHandBuiltTrees() {
    rejects(() -> validate(new AttributeSet(false,
            List.of(define("a", integer(1)), define("a", integer(2))), NONE)),
        "validate.expr must be valid Nix (attribute 'a' already defined)");
    rejects(() -> validate(new Lambda(new PatternParameter(List.of(
            new Formal("a", Optional.empty(), NONE), new Formal("a", Optional.empty(), NONE)),
            false, Optional.empty(), false), integer(1), NONE)),
        "validate.expr must be valid Nix (duplicate formal function argument 'a')");
    rejects(() -> validate(new Lambda(new PatternParameter(List.of(
            new Formal("a", Optional.empty(), NONE)), false, Optional.of("a"), true),
            integer(1), NONE)),
        "validate.expr must be valid Nix (duplicate formal function argument 'a')");
    rejects(() -> validate(lambda("x", new Let(List.of(new AttributeDefinition(
            List.of(dynamicAttr(variable("x"))), integer(1), NONE)), integer(1), NONE))),
        "validate.expr must be valid Nix (dynamic attributes not allowed in let)");
    rejects(() -> validate(lambda("x", new AttributeSet(false, List.of(new Inherit(
            Optional.empty(), List.of(dynamicAttr(variable("x"))), NONE, NONE)), NONE))),
        "validate.expr must be valid Nix (dynamic attributes not allowed in inherit)");
  }

  @Test
  void errorsInParsedSubtreesCarryTheirPositions() {
    Binding a = ((AttributeSet) parse("{\n  a = 1;\n}")).bindings().get(0);
    rejects(() -> validate(new AttributeSet(false, List.of(a, a), NONE)),
        "validate.expr must be valid Nix ((string):2:3: attribute 'a' already defined at"
            + " (string):2:3)");
    assertThatThrownBy(() -> validate(new AttributeSet(false, List.of(a, a), NONE)))
        .hasCauseInstanceOf(NixErrorException.class);
  }

  @Test
  void validateRejections() {
    rejectsNull(() -> validate(null), "validate.expr must not be null");
    rejects(() -> validate(integer(1), Set.of("or")), "validate.boundNames element must not"
        + " be 'or' (Nix accepts it only as an attribute name), was \"or\"");
  }
}
