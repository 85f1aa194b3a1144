package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * lib.nix's compact ({@link Programs#compact}, its mirror here) drops only what bash ignores: for
 * each runtime file, bash's own print of the text as a function body ({@code declare -f}, which has
 * no comments and keeps strings and here-documents as they are) is the same before and after.
 */
class CompactTest {

  /** bash's print of TEXT as the body of a function. */
  private static String asBashParsesIt(String text) {
    Run.Result result = Run.bash("compacted() {\n" + text + "\n}\ndeclare -f compacted").run();
    assertThat(result.status).as(result.toString()).isZero();
    return result.out();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("dev.flakegen.runtime.Programs#FILES")
  void bashParsesEachRuntimeFileTheSameWithoutItsCommentLines(String file) {
    String source = Programs.source(file);
    String compacted = Programs.compact(source);
    assertThat(compacted).as("%s has comment lines to drop", file).isNotEqualTo(source);
    assertThat(asBashParsesIt(compacted)).isEqualTo(asBashParsesIt(source));
  }

  @Test
  void blankAndCommentLinesGoDirectivesAndCodeStay() {
    String text =
        """
        # shellcheck shell=bash
        # a comment

          # an indented one
        \t
        echo a # a comment after code stays
        # shellcheck disable=SC2086 # a reason
        echo $b
        #no space
        """;
    assertThat(Programs.compact(text))
        .isEqualTo(
            """
            # shellcheck shell=bash
            echo a # a comment after code stays
            # shellcheck disable=SC2086 # a reason
            echo $b
            """);
  }

  /** What the check above would catch: a comment-like line inside a string is data. */
  @Test
  void aCommentLikeLineInsideAStringWouldChangeTheProgram() {
    String text = "x='\n# data, not a comment\n'\necho \"$x\"\n";
    assertThat(asBashParsesIt(Programs.compact(text))).isNotEqualTo(asBashParsesIt(text));
  }
}
