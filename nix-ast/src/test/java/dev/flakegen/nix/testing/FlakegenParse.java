package dev.flakegen.nix.testing;

import dev.flakegen.nix.ast.NixDialect;
import dev.flakegen.nix.ast.NixError;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.CanonicalPrinter;
import java.nio.file.Path;
import java.util.Optional;

/** flakegen's side of a differential test: what {@code flakegen parse --canonical} says of a file. */
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

  public static Outcome parse(Path file, NixDialect dialect) {
    ParsedSource parsed;
    try {
      parsed = SourceParser.parse(NixSource.ofFile(file), dialect);
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
}
