package dev.flakegen.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process with captured standard output and error. */
final class CliRun {

  final int status;
  final byte[] out;
  final String err;

  private CliRun(int status, byte[] out, String err) {
    this.status = status;
    this.out = out;
    this.err = err;
  }

  /** Status, standard output and standard error, to compare two runs. */
  String all() {
    return status + "\n" + out() + "\n" + err;
  }

  String out() {
    return new String(out, StandardCharsets.UTF_8);
  }

  static CliRun of(String... args) {
    return of(FlakegenCli::run, args);
  }

  /** The way a run enters the CLI: {@code FlakegenCli::run} or one of its variants. */
  interface Entry {
    int run(String... args);
  }

  static synchronized CliRun of(Entry entry, String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = entry.run(args);
      System.out.flush();
      System.err.flush();
      return new CliRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
