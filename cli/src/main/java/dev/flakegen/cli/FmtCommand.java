package dev.flakegen.cli;

import dev.flakegen.nix.ast.Expr;
import dev.flakegen.nix.ast.NixErrorException;
import dev.flakegen.nix.ast.RawUtf8;
import dev.flakegen.nix.check.StaticChecks;
import dev.flakegen.nix.parse.NixSource;
import dev.flakegen.nix.parse.ParsedSource;
import dev.flakegen.nix.parse.SourceParser;
import dev.flakegen.nix.print.ReadablePrinter;
import dev.flakegen.nix.print.SourceComments;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flakegen fmt [--check] FILE…}: the readable layout.
 *
 * <p>The AST has no comments, so a file with comments would lose them: such files are refused,
 * except for a header of {@code #} lines before the first token (the header generated files
 * carry), which is kept. Comment support proper would replace {@link SourceComments#scan} and
 * the header with comments attached to the tree.
 */
@Command(name = "fmt", mixinStandardHelpOptions = true,
    description = {
        "Print each FILE in flakegen's readable (nixfmt-like) layout, or check it.",
        "A rejected file prints FILE:LINE:COL: error: MESSAGE on standard error; the run goes on.",
        "Files with comments (other than a header of # lines at the top) are refused, since the"
            + " layout would drop them.",
        "Exit status: 0 if every file was accepted (and, with --check, already in the layout),"
            + " 1 otherwise, 2 on usage errors."})
final class FmtCommand implements Callable<Integer> {

  @Option(names = "--check",
      description = "Print nothing; report each FILE that is not in the layout "
          + "(FILE: not formatted) on standard error.")
  private boolean check;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Nix files.")
  private List<Path> files;

  @Override
  public Integer call() {
    boolean failed = false;
    OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
    PrintStream err = System.err;
    try {
      for (Path file : files) {
        String name = file.toString();
        try {
          NixSource source = NixSource.ofFile(file);
          Optional<byte[]> formatted = format(name, source, err);
          if (formatted.isEmpty()) {
            failed = true;
            out.flush();
          } else if (check) {
            if (!Arrays.equals(formatted.get(), source.bytes())) {
              failed = true;
              err.println(name + ": not formatted");
            }
          } else {
            out.write(formatted.get());
          }
        } catch (NixErrorException e) {
          failed = true;
          out.flush();
          err.println(e.error().format(name));
        } catch (UncheckedIOException e) {
          failed = true;
          out.flush();
          err.println(name + ": error: cannot read: " + e.getCause().getMessage());
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return failed ? 1 : 0;
  }

  /** The file in the readable layout, or empty after reporting why it cannot be formatted. */
  private static Optional<byte[]> format(String name, NixSource source, PrintStream err) {
    ParsedSource parsed = SourceParser.parse(source);
    StaticChecks.requireDefined(parsed);
    SourceComments.Scan comments = SourceComments.scan(source);
    Optional<List<String>> header = comments.header();
    if (header.isEmpty()) {
      SourceComments.Comment comment = comments.firstUnsupported().orElseThrow();
      err.println(name + ":" + comment.pos().line() + ":" + comment.pos().column()
          + ": error: fmt does not support comments yet (only a header of # lines before the"
          + " code is kept); formatting would drop this one");
      return Optional.empty();
    }
    Expr expression = parsed.expression();
    byte[] bytes = RawUtf8.encode(ReadablePrinter.print(expression, header.get()));
    // Never hand out a layout that means something else (nixfmt's --verify, always on).
    Expr reparsed;
    try {
      reparsed = SourceParser.parse(new NixSource(source.name(), bytes, source.paths()))
          .expression();
    } catch (NixErrorException e) {
      reparsed = null;
    }
    if (!expression.equals(reparsed)) {
      err.println(name + ": error: internal error: the readable layout of this file does not"
          + " parse back to the same expression; please report it");
      return Optional.empty();
    }
    return Optional.of(bytes);
  }
}
