package dev.flakegen.nix.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixVersion;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.testing.AstArbitraries;
import dev.flakegen.nix.testing.CanonicalOrder;
import dev.flakegen.nix.testing.FlakegenParse;
import dev.flakegen.nix.testing.NixOracle;
import dev.flakegen.testing.NixTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random trees, printed readably and written to a file: flakegen's canonical print of the file
 * equals what the real {@code nix-instantiate --parse} prints for it, for Nix 2.8 (exactly up to
 * the order of let bindings and formals only beyond 19 new names) and Nix 2.26 (exactly). So Nix reads the readable layout as flakegen does, and flakegen
 * reads it as the tree it was printed from (the round-trip property).
 */
@NixTest
class ReadableNixOracleProperties {

  private static Path folder;

  @BeforeContainer
  static void createFolder() throws IOException {
    folder = Files.createTempDirectory("flakegen-readable-");
  }

  @AfterContainer
  static void deleteFolder() throws IOException {
    try (var files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(folder);
  }

  @Provide
  Arbitrary<Expr> trees() {
    return AstArbitraries.nixExpressions();
  }

  @Property(tries = 1000)
  void nixReadsTheReadableLayoutAsFlakegenDoes(@ForAll("trees") Expr tree) throws IOException {
    compare(tree, NixDialect.NIX_2_8);
  }

  /** The same against Nix 2.26 (the trixie root), whose canonical text is exact throughout. */
  @Property(tries = 1000)
  void nix226ReadsTheReadableLayoutAsFlakegenDoes(@ForAll("trees") Expr tree)
      throws IOException {
    compare(tree, NixDialect.NIX_2_26);
  }

  private static void compare(Expr tree, NixDialect dialect) throws IOException {
    String printed = ReadablePrinter.print(tree);
    Path file = folder.resolve("t-" + dialect.version().number() + ".nix");
    Files.write(file, RawUtf8.encode(printed));
    NixOracle.Result nix = NixOracle.parse(file, dialect);
    FlakegenParse.Outcome ours = FlakegenParse.parse(file, dialect);
    String context = "file:\n" + printed + "\nnix: " + nix.stderr();
    assertThat(ours.accepted()).as("flakegen accepts\n%s\n%s", context, ours.message()).isTrue();
    assertThat(nix.exitCode()).as("nix accepts\n%s", context).isZero();
    String expected = new String(nix.line(), StandardCharsets.ISO_8859_1);
    String actual = new String(ours.line(), StandardCharsets.ISO_8859_1);
    if (ours.newNames() > 19 && dialect.version() == NixVersion.NIX_2_8) {
      // Beyond 19 new names the order of let bindings and formals is Nix 2.8's heap's business:
      // compare up to that order, and only then.
      expected = CanonicalOrder.normalize(expected);
      actual = CanonicalOrder.normalize(actual);
    }
    if (!actual.equals(expected)) {
      int at = 0;
      while (at < actual.length() && at < expected.length()
          && actual.charAt(at) == expected.charAt(at)) {
        at++;
      }
      int from = Math.max(0, at - 200);
      Files.copy(file, Path.of(System.getProperty("java.io.tmpdir"), "flakegen-oracle-failure.nix"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      throw new AssertionError("canonical prints differ at " + at + ":\nnix:      …"
          + expected.substring(from, Math.min(expected.length(), at + 200)) + "\nflakegen: …"
          + actual.substring(from, Math.min(actual.length(), at + 200)) + "\n" + context);
    }
  }
}
