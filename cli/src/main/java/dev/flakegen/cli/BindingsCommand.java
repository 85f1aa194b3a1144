package dev.flakegen.cli;

import dev.flakegen.bindings.BindingsException;
import dev.flakegen.bindings.BindingsGenerator;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flakegen bindings FILE --function ATTRPATH --package P --out DIR [--class NAME]}: typed
 * Java bindings for the formals of a Nix function (see {@link BindingsGenerator}).
 */
@Command(name = "bindings", mixinStandardHelpOptions = true,
    description = {
        "Generate a Java class with a builder for the formals of the Nix function at ATTRPATH"
            + " of FILE, and write it under DIR (only when its bytes change).",
        "A file Nix rejects prints FILE:LINE:COL: error: MESSAGE on standard error.",
        "Exit status: 0 on success, 1 if reading or writing failed, 2 on usage and input"
            + " errors (a parse error, a path that leads to no function with a set pattern)."})
final class BindingsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "FILE", description = "The Nix file.")
  Path file;

  @Option(names = "--function", paramLabel = "ATTRPATH", defaultValue = "",
      description = "The function's attribute path, e.g. outputs.lib (names with dots in double"
          + " quotes); empty (the default) for the file's own value.")
  String function;

  @Option(names = "--package", paramLabel = "P", required = true,
      description = "The Java package of the class.")
  String packageName;

  @Option(names = "--class", paramLabel = "NAME",
      description = "The class's simple name (default: from the path's last name, e.g."
          + " LibArguments).")
  String className;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "The source folder to write into (the package's folders are created).")
  Path out;

  @Override
  public Integer call() {
    try {
      BindingsGenerator.Written written =
          BindingsGenerator.write(file, function, packageName, className, out);
      System.out.println((written.changed() ? "written " : "unchanged ") + written.file());
      return 0;
    } catch (BindingsException e) {
      System.err.println(e.nixError().isPresent() ? e.getMessage()
          : "bindings: error: " + e.getMessage());
      return 2;
    } catch (NoSuchFileException e) {
      System.err.println("bindings: error: " + e.getFile() + ": no such file");
      return 1;
    } catch (IOException e) {
      System.err.println("bindings: error: " + e);
      return 1;
    }
  }
}
