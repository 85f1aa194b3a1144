package dev.flakegen.nix.build;

import static dev.flakegen.nix.build.DslAssertions.canonical;
import static dev.flakegen.nix.build.DslAssertions.rejects;
import static dev.flakegen.nix.build.DslAssertions.rejectsNull;
import static dev.flakegen.nix.build.Nix.and;
import static dev.flakegen.nix.build.Nix.apply;
import static dev.flakegen.nix.build.Nix.assertion;
import static dev.flakegen.nix.build.Nix.attrPath;
import static dev.flakegen.nix.build.Nix.binary;
import static dev.flakegen.nix.build.Nix.dynamicAttr;
import static dev.flakegen.nix.build.Nix.eq;
import static dev.flakegen.nix.build.Nix.hasAttr;
import static dev.flakegen.nix.build.Nix.ifThenElse;
import static dev.flakegen.nix.build.Nix.integer;
import static dev.flakegen.nix.build.Nix.lambda;
import static dev.flakegen.nix.build.Nix.negate;
import static dev.flakegen.nix.build.Nix.not;
import static dev.flakegen.nix.build.Nix.pattern;
import static dev.flakegen.nix.build.Nix.plus;
import static dev.flakegen.nix.build.Nix.select;
import static dev.flakegen.nix.build.Nix.selectOr;
import static dev.flakegen.nix.build.Nix.string;
import static dev.flakegen.nix.build.Nix.update;
import static dev.flakegen.nix.build.Nix.variable;
import static dev.flakegen.nix.build.Nix.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Application;
import dev.flakegen.nix.ast.Assert;
import dev.flakegen.nix.ast.BinaryOperation;
import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.Formal;
import dev.flakegen.nix.ast.HasAttribute;
import dev.flakegen.nix.ast.IdentifierName;
import dev.flakegen.nix.ast.If;
import dev.flakegen.nix.ast.InterpolatedName;
import dev.flakegen.nix.ast.Lambda;
import dev.flakegen.nix.ast.NamedParameter;
import dev.flakegen.nix.ast.Negation;
import dev.flakegen.nix.ast.Not;
import dev.flakegen.nix.ast.Operator;
import dev.flakegen.nix.ast.PatternParameter;
import dev.flakegen.nix.ast.Select;
import dev.flakegen.nix.ast.SourcePos;
import dev.flakegen.nix.ast.StringLiteral;
import dev.flakegen.nix.ast.StringName;
import dev.flakegen.nix.ast.Variable;
import dev.flakegen.nix.ast.With;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The structural builders of {@link Nix}: selection, application, operators, functions. Every rejection with its exact message. */
class NixStructureTest {

  private static final SourcePos NONE = SourcePos.NONE;

  final Variable x = variable("x");

  @Test
  void selects() {
    assertThat(select(x, "a", "if")).isEqualTo(new Select(x,
        List.of(new IdentifierName("a"), new StringName(StringLiteral.of("if"))),
        Optional.empty(), NONE));
    assertThat(selectOr(x, integer(1), "a")).isEqualTo(new Select(x,
        List.of(new IdentifierName("a")), Optional.of(integer(1)), NONE));
    assertThat(selectOr(x, attrPath("a"), integer(1))).isEqualTo(selectOr(x, integer(1), "a"));
    assertThat(select(x, List.of(dynamicAttr(variable("y")))).path())
        .containsExactly(new InterpolatedName(variable("y"), NONE));
    assertThat(hasAttr(x, "a", "b")).isEqualTo(new HasAttribute(x,
        List.of(new IdentifierName("a"), new IdentifierName("b")), NONE));
    assertThat(canonical(lambda("x", selectOr(x, hasAttr(x, "c"), "a", "b"))))
        .isEqualTo("(x: (x).a.b or (((x) ? c)))");
  }

  @Test
  void selectRejections() {
    rejects(() -> select(x), "select.path must not be empty");
    rejects(() -> select(x, List.of()), "select.path must not be empty");
    rejects(() -> selectOr(x, integer(1)), "selectOr.path must not be empty");
    rejects(() -> hasAttr(x), "hasAttr.path must not be empty");
    rejects(() -> select(x, "a", "\0"),
        "select.path[1] must not contain NUL (Nix cuts text at a NUL byte), was \"\\u0000\"");
    rejectsNull(() -> select(null, "a"), "select.target must not be null");
    rejectsNull(() -> selectOr(x, null, "a"), "selectOr.fallback must not be null");
    rejectsNull(() -> hasAttr(null, "a"), "hasAttr.target must not be null");
  }

  @Test
  void applicationsNestToTheLeft() {
    Variable f = variable("f");
    assertThat(apply(f, integer(1), integer(2))).isEqualTo(new Application(
        new Application(f, integer(1), NONE), integer(2), NONE));
    assertThat(canonical(lambda("f", apply(f, integer(1), integer(2)))))
        .isEqualTo("(f: (f 1 2))");
    rejects(() -> apply(f), "apply.arguments must not be empty");
    rejectsNull(() -> apply(f, integer(1), null), "apply.arguments[1] must not be null");
    rejectsNull(() -> apply(null, integer(1)), "apply.function must not be null");
  }

  static Stream<Arguments> operators() {
    return Stream.of(
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::plus, Operator.ADD),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::minus, Operator.SUBTRACT),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::times, Operator.MULTIPLY),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::divide, Operator.DIVIDE),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::concat, Operator.CONCAT_LISTS),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::update, Operator.UPDATE),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::eq, Operator.EQUAL),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::neq, Operator.NOT_EQUAL),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::lt, Operator.LESS_THAN),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::le, Operator.LESS_OR_EQUAL),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::gt, Operator.GREATER_THAN),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::ge, Operator.GREATER_OR_EQUAL),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::and, Operator.AND),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::or, Operator.OR),
        Arguments.of((BiFunction<Expr, Expr, Expr>) Nix::implies, Operator.IMPLIES));
  }

  @ParameterizedTest
  @MethodSource("operators")
  void binaryOperators(BiFunction<Expr, Expr, Expr> method, Operator operator) {
    assertThat(method.apply(x, integer(1)))
        .isEqualTo(new BinaryOperation(operator, x, integer(1), NONE))
        .isEqualTo(binary(operator, x, integer(1)));
  }

  @Test
  void operatorRejections() {
    rejectsNull(() -> plus(null, x), "plus.left must not be null");
    rejectsNull(() -> update(x, null), "update.right must not be null");
    rejectsNull(() -> binary(null, x, x), "binary.operator must not be null");
    rejectsNull(() -> not(null), "not.operand must not be null");
    rejectsNull(() -> negate(null), "negate.operand must not be null");
  }

  @Test
  void unaryOperators() {
    assertThat(not(x)).isEqualTo(new Not(x, NONE));
    assertThat(negate(x)).isEqualTo(new Negation(x, NONE));
    assertThat(canonical(lambda("x", and(not(x), eq(negate(x), integer(1))))))
        .isEqualTo("(x: ((! x) && ((__sub 0 x) == 1)))");
  }

  @Test
  void conditionalsScopesAssertions() {
    assertThat(ifThenElse(x, integer(1), integer(2)))
        .isEqualTo(new If(x, integer(1), integer(2), NONE));
    assertThat(with(x, variable("y"))).isEqualTo(new With(x, variable("y"), NONE));
    assertThat(assertion(x, integer(1))).isEqualTo(new Assert(x, integer(1), NONE));
    rejectsNull(() -> ifThenElse(x, null, x), "ifThenElse.consequent must not be null");
    rejectsNull(() -> with(null, x), "with.scope must not be null");
    rejectsNull(() -> assertion(x, null), "assertion.body must not be null");
  }

  @Test
  void lambdas() {
    assertThat(lambda("x", x)).isEqualTo(new Lambda(new NamedParameter("x"), x, NONE));
    rejects(() -> lambda("let", x), "lambda.parameter must not be a keyword (if then else"
        + " assert with let in rec inherit), was \"let\"");
    rejects(() -> lambda("or", x), "lambda.parameter must not be 'or' (Nix accepts it only as"
        + " an attribute name), was \"or\"");
    rejects(() -> lambda("a b", x),
        "lambda.parameter must be an identifier [A-Za-z_][A-Za-z0-9_'-]*, was \"a b\"");
    rejectsNull(() -> lambda("x", null), "lambda.body must not be null");
  }

  @Test
  void patternLambdas() {
    Lambda f = lambda(pattern().formal("self").formal("system", string("x86_64-linux"))
        .ellipsis().alias("args"), x);
    assertThat(f).isEqualTo(new Lambda(new PatternParameter(List.of(
        new Formal("self", Optional.empty(), NONE),
        new Formal("system", Optional.of(string("x86_64-linux")), NONE)), true,
        Optional.of("args"), false), x, NONE));
    assertThat(((PatternParameter) lambda(pattern().aliasFirst("a"), x).parameter())
        .aliasFirst()).isTrue();
    assertThat(canonical(lambda(pattern().formal("b", variable("c")).formal("c", integer(1)),
        variable("b")))).isEqualTo("({ c ? 1, b ? c }: b)");
    assertThat(canonical(lambda(pattern(), integer(1)))).isEqualTo("({  }: 1)");
  }

  @Test
  void patternsAreImmutable() {
    PatternBuilder base = pattern().formal("a");
    PatternBuilder more = base.formal("b").ellipsis();
    assertThat(base.build().formals()).hasSize(1);
    assertThat(base.build().ellipsis()).isFalse();
    assertThat(more.build().formals()).hasSize(2);
  }

  @Test
  void patternRejections() {
    rejects(() -> pattern().formal("a").formal("a"), "pattern.formal.name must not repeat a"
        + " formal (Nix: duplicate formal function argument), was \"a\"");
    rejects(() -> pattern().formal("a").alias("a"), "pattern.alias.name must differ from the"
        + " formals (Nix: duplicate formal function argument), was \"a\"");
    rejects(() -> pattern().aliasFirst("a").formal("a"), "pattern.formal.name must differ from"
        + " the alias (Nix: duplicate formal function argument), was \"a\"");
    rejects(() -> pattern().formal("if"), "pattern.formal.name must not be a keyword (if then"
        + " else assert with let in rec inherit), was \"if\"");
    rejects(() -> pattern().alias("or"), "pattern.alias.name must not be 'or' (Nix accepts it"
        + " only as an attribute name), was \"or\"");
    rejectsNull(() -> pattern().formal("a", null), "pattern.formal.fallback must not be null");
    rejectsNull(() -> lambda((PatternBuilder) null, x), "lambda.pattern must not be null");
  }
}
