package dev.flakegen.nix.testing;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedCore;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * flakegen's side of a differential test: what {@code flakegen parse --canonical} says of a file.
 */
public final class FlakegenParse {

  private FlakegenParse() {}

  /** The outcome: the canonical line, or the error; and how many new names the file interned. */
  public record Outcome(byte[] line, NixError error, int newNames) {
    public boolean accepted() {
      return error == null;
    }

    public String message() {
      return error == null ? "" : error.message();
    }

    public String position() {
      return error == null ? "" : error.pos().line() + ":" + error.pos().column();
    }
  }

  public static Outcome parse(Path file) {
    return parse(file, NixDialect.NIX_2_8);
  }

  /**
   * Parses as {@code flakegen parse} does, the core form only ({@link SourceParser#parseCore}), and
   * checks that the full parse ({@link SourceParser#parse}, the AST too, as the generator and
   * {@code fmt} use it) says exactly the same: the same line, or the same error at the same place.
   */
  public static Outcome parse(Path file, NixDialect dialect) {
    NixSource source = NixSource.ofFile(file);
    Outcome core = coreOnly(source, dialect);
    Outcome full = withAst(source, dialect);
    String coreText = describe(core);
    String fullText = describe(full);
    if (!coreText.equals(fullText)) {
      throw new AssertionError(
          "the parse without the AST and the full parse differ on "
              + file
              + "\ncore only: "
              + coreText
              + "\nwith AST:  "
              + fullText);
    }
    return core;
  }

  private static Outcome coreOnly(NixSource source, NixDialect dialect) {
    ParsedCore parsed;
    try {
      parsed = SourceParser.parseCore(source, dialect);
    } catch (NixErrorException e) {
      return new Outcome(null, e.error(), 0);
    }
    Optional<NixError> undefined = StaticChecks.undefinedVariable(parsed.core(), parsed.symbols());
    int newNames = parsed.symbols().newNameCount();
    if (undefined.isPresent()) {
      return new Outcome(null, undefined.get(), newNames);
    }
    return new Outcome(RawUtf8.encode(CanonicalPrinter.print(parsed)), null, newNames);
  }

  private static Outcome withAst(NixSource source, NixDialect dialect) {
    ParsedSource parsed;
    try {
      parsed = SourceParser.parse(source, dialect);
    } catch (NixErrorException e) {
      return new Outcome(null, e.error(), 0);
    }
    Optional<NixError> undefined = StaticChecks.undefinedVariable(parsed);
    int newNames = parsed.symbols().newNameCount();
    if (undefined.isPresent()) {
      return new Outcome(null, undefined.get(), newNames);
    }
    return new Outcome(RawUtf8.encode(CanonicalPrinter.print(parsed)), null, newNames);
  }

  private static String describe(Outcome outcome) {
    return outcome.accepted()
        ? "accepted, " + outcome.newNames() + " new names: " + Arrays.toString(outcome.line())
        : outcome.error().format("FILE") + " (" + outcome.newNames() + " new names)";
  }
}
