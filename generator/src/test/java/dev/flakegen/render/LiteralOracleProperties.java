package dev.flakegen.render;

import static dev.flakegen.model.shell.Shell.command;
import static dev.flakegen.model.shell.Shell.literal;
import static dev.flakegen.model.shell.Shell.pkg;
import static dev.flakegen.model.shell.Shell.variable;
import static dev.flakegen.model.shell.Shell.word;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.model.shell.Piece;
import dev.flakegen.model.shell.Shell;
import dev.flakegen.model.shell.ShellScript;
import dev.flakegen.testing.ShellScripts;
import dev.flakegen.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Literal text through the init builder, with real Nix and bash as the oracle: each try renders
 * an init that prints a batch of random hostile literals (as words, glued to a variable and to an
 * argument, and as an exported value), Nix evaluates the init function, bash runs it, and the bytes the program
 * received must be exactly the literals. All the texts are then given to shellcheck at once.
 */
class LiteralOracleProperties {

  private static final List<String> TEXTS = Collections.synchronizedList(new ArrayList<>());

  private static final List<String> PIECES = List.of("'", "''", "'''", "\"", "\\", "$", "${",
      "$(", "`", "}", ")", "{", "$${", "''$", "''\\", "\n", "\r", "\t", " ", "  ", "#", "!", "*",
      "?", "[", "~", "=", "-", ";", "|", "&", "<", ">", "é", "中", "😀", "\u00a0", "\u2028",
      "“", "”", "‘", "’", "″", "‶", "a", "b", "HOME", "x1", "%s", "\\n", "\\0");

  @Provide
  Arbitrary<List<String>> literals() {
    Arbitrary<String> fromPieces = Arbitraries.of(PIECES).list().ofMaxSize(8)
        .map(pieces -> String.join("", pieces));
    Arbitrary<String> anyText = Arbitraries.strings().withCharRange('\u0001', '\uD7FF')
        .ofMaxLength(6);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, fromPieces), net.jqwik.api.Tuple.of(1, anyText))
        .list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 150, afterFailure = AfterFailureMode.SAMPLE_FIRST)
  void literalsReachTheProgramExactly(@ForAll("literals") List<String> literals)
      throws IOException {
    Path dir = Files.createTempDirectory("flakegen-literals");
    try {
      List<Piece> words = new ArrayList<>();
      words.add(pkg("coreutils", "/bin/printf"));
      words.add(literal("%s\\0"));
      literals.forEach(s -> words.add(literal(s)));
      words.add(word(literal(literals.get(0)), variable("V"),
          literal(literals.get(literals.size() - 1))));
      words.add(word(Shell.argument(1), literal(literals.get(0))));
      ShellScript script = ShellScript.builder()
          .export("V", literal(String.join("", literals)))
          .run(command(words).toFile("printed"))
          .build();
      Path init = dir.resolve("init.nix");
      Files.write(init, CheckedNix.print("init.nix", FlakeRenderer.init(script), List.of()));
      String text = InitShellTest.apply(init, "{ }");
      TEXTS.add(text);
      String last = literals.get(literals.size() - 1);
      Tools.bash(ShellScripts.write(dir.resolve("run.sh"), text), List.of(last), null)
          .ok("bash");
      List<String> expected = new ArrayList<>(literals);
      expected.add(literals.get(0) + String.join("", literals) + last);
      expected.add(last + literals.get(0));
      assertThat(Files.readAllBytes(dir.resolve("printed")))
          .isEqualTo(ShellScripts.nulJoined(expected));
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @AfterProperty
  void shellcheckAcceptsEveryText() throws IOException {
    Path dir = Files.createTempDirectory("flakegen-shellcheck");
    try {
      List<Path> files = new ArrayList<>();
      synchronized (TEXTS) {
        for (int i = 0; i < TEXTS.size(); i++) {
          files.add(ShellScripts.write(dir.resolve("init-" + i + ".sh"), TEXTS.get(i)));
        }
      }
      assertThat(files).isNotEmpty();
      Tools.Result shellcheck = Tools.shellcheck(files);
      assertThat(shellcheck.out()).isEmpty();
      assertThat(shellcheck.exitCode()).isZero();
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      TEXTS.clear();
    }
  }
}
