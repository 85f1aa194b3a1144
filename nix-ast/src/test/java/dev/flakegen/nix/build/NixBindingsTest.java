package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.DslAssertions.canonical;
import static dev.flakegen.nix.build.DslAssertions.rejects;
import static dev.flakegen.nix.build.DslAssertions.rejectsNull;
import static dev.flakegen.nix.build.Nix.attr;
import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.dynamicAttr;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.let;
import static dev.flakegen.nix.build.Nix.set;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.AttrName;
import dev.flakegen.nix.ast.AttributeDefinition;
import dev.flakegen.nix.ast.AttributeSet;
import dev.flakegen.nix.ast.Binding;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Inherit;
import dev.flakegen.nix.ast.Let;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.testing.NixTest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link AttrSetBuilder} and {@link LetBuilder}. Every rejection with its exact message. */
@NixTest
class NixBindingsTest {

  private static final SourcePos NONE = SourcePos.NONE;

  static AttributeDefinition definition(List<AttrName> path, Expr value) {
    return new AttributeDefinition(path, value, NONE);
  }

  @Test
  void bindingsInOrder() {
    Variable pkgs = variable("pkgs");
    AttributeSet s = set().attr("b", integer(1)).attr(attrPath("a", "c"), integer(2))
        .attr(attr("if"), integer(3)).inherit("pkgs", "or").inheritFrom(pkgs, "hello")
        .build();
    assertThat(s).isEqualTo(new AttributeSet(false, List.<Binding>of(
        definition(List.of(attr("b")), integer(1)),
        definition(attrPath("a", "c"), integer(2)),
        definition(List.of(attr("if")), integer(3)),
        new Inherit(Optional.empty(), List.of(attr("pkgs"), attr("or")), NONE, NONE),
        new Inherit(Optional.of(pkgs), List.of(attr("hello")), NONE, NONE)), NONE));
    assertThat(canonical(lambda("pkgs", s))).isEqualTo("(pkgs: { a = { c = 2; }; b = 1;"
        + " hello = (pkgs).hello; \"if\" = 3; inherit or ; inherit pkgs ; })");
    assertThat(set().recursive().attr("a", integer(1)).build().recursive()).isTrue();
    assertThat(set().build()).isEqualTo(new AttributeSet(false, List.of(), NONE));
  }

  @Test
  void buildersAreImmutable() {
    AttrSetBuilder one = set().attr("a", integer(1));
    AttrSetBuilder two = one.attr("b", integer(2));
    AttrSetBuilder rec = one.recursive();
    assertThat(one.build().bindings()).hasSize(1);
    assertThat(two.build().bindings()).hasSize(2);
    assertThat(one.build().recursive()).isFalse();
    assertThat(rec.build().recursive()).isTrue();
    assertThat(one.attr("b", integer(3)).build()).isNotEqualTo(two.build());
  }

  @Test
  void pathsMergeAsInNix() {
    assertThat(canonical(set().attr(attrPath("a", "b"), integer(1))
        .attr(attrPath("a", "c"), integer(2)).build()))
        .isEqualTo("{ a = { b = 1; c = 2; }; }");
    assertThat(canonical(set().attr("a", set().attr("b", integer(1)).build())
        .attr(attrPath("a", "c"), integer(2)).build()))
        .isEqualTo("{ a = { b = 1; c = 2; }; }");
  }

  @Test
  void clashesAreRejected() {
    rejects(() -> set().attr("a", integer(1)).attr("a", integer(2)).build(),
        "set.bindings must not define an attribute twice, was 'a'");
    rejects(() -> set().attr("a", integer(1)).attr(attrPath("a", "b"), integer(2)).build(),
        "set.bindings must not define an attribute twice, was 'a.b'");
    rejects(() -> set().attr(attrPath("a", "if"), integer(1))
            .attr(attrPath("a", "if"), integer(2)).build(),
        "set.bindings must not define an attribute twice, was 'a.\"if\"'");
    rejects(() -> set().inherit("a").inheritFrom(variable("x"), "a").build(),
        "set.bindings must not define an attribute twice, was 'a'");
    rejects(() -> set().inherit("a", "a").build(),
        "set.bindings must not define an attribute twice, was 'a'");
  }

  @Test
  void setRejections() {
    rejects(() -> set().inherit(), "set.inherit.names must not be empty");
    rejects(() -> set().inheritFrom(variable("x")), "set.inheritFrom.names must not be empty");
    rejects(() -> set().attr(List.of(), integer(1)), "set.attr.path must not be empty");
    rejects(() -> set().attr("\0", integer(1)),
        "set.attr.name must not contain NUL (Nix cuts text at a NUL byte), was \"\\u0000\"");
    rejects(() -> set().inherit("a", "\0"), "set.inherit.names[1] must not contain NUL (Nix"
        + " cuts text at a NUL byte), was \"\\u0000\"");
    rejectsNull(() -> set().attr("a", null), "set.attr.value must not be null");
    rejectsNull(() -> set().inheritFrom(null, "a"), "set.inheritFrom.from must not be null");
    rejectsNull(() -> set().attr((AttrName) null, integer(1)), "set.attr.name must not be null");
  }

  @Test
  void lets() {
    Let l = let().attr("b", integer(1)).attr("a", variable("b")).inherit("x")
        .inheritFrom(variable("x"), "y").in(variable("a"));
    assertThat(l).isEqualTo(new Let(List.of(
        definition(List.of(attr("b")), integer(1)),
        definition(List.of(attr("a")), variable("b")),
        new Inherit(Optional.empty(), List.of(attr("x")), NONE, NONE),
        new Inherit(Optional.of(variable("x")), List.of(attr("y")), NONE, NONE)),
        variable("a"), NONE));
    // As nix-instantiate --parse prints it: x is interned by Nix at start-up and sorts late.
    assertThat(canonical(lambda("x", l)))
        .isEqualTo("(x: (let b = 1; a = b; y = (x).y; inherit x; in a))");
    assertThat(let().attr(List.of(attr("a"), dynamicAttr(string("b"))), integer(1))
        .in(variable("a")).bindings()).hasSize(1);
  }

  @Test
  void letRejections() {
    rejects(() -> let().attr(dynamicAttr(variable("x")), integer(1)),
        "let.attr.path[0] must be a static name (Nix: dynamic attributes not allowed in let),"
            + " was \"${x}\"");
    rejects(() -> let().attr(List.of(new StringName(string("a", variable("x")))), integer(1)),
        "let.attr.path[0] must be a static name (Nix: dynamic attributes not allowed in let),"
            + " was \"${(\"a\" + x)}\"");
    rejects(() -> let().attr("a", integer(1)).attr("a", integer(2)).in(variable("a")),
        "let.bindings must not define an attribute twice, was 'a'");
    rejects(() -> let().inherit(), "let.inherit.names must not be empty");
    rejectsNull(() -> let().in(null), "let.in.body must not be null");
    rejectsNull(() -> let().inheritFrom(null, "a"), "let.inheritFrom.from must not be null");
  }
}
