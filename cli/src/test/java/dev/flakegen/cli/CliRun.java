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

  String out() {
    return new String(out, StandardCharsets.UTF_8);
  }

  static synchronized CliRun of(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = FlakegenCli.run(args);
      System.out.flush();
      System.err.flush();
      return new CliRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
