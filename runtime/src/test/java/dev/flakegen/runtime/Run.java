package dev.flakegen.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program for real: exact argument bytes (passed through a NUL-separated file and a bash
 * {@code exec}, so the program's parent is the test JVM), a clean environment, a chosen standard
 * input, standard output and error captured in files.
 */
final class Run {

  /** How standard input is given. */
  enum Input {
    /** Closed ({@code <&-}). */
    CLOSED,
    /** A terminal (under {@code script}). */
    TERMINAL,
    /** /dev/null (an empty input). */
    DEV_NULL,
    /** A pipe fed with bytes. */
    PIPE,
    /** A regular file. */
    FILE
  }

  /** What a finished program did. */
  static final class Result {
    final int status;
    final byte[] out;
    final byte[] err;

    Result(int status, byte[] out, byte[] err) {
      this.status = status;
      this.out = out;
      this.err = err;
    }

    String out() {
      return new String(out, StandardCharsets.UTF_8);
    }

    String err() {
      return new String(err, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return "status " + status + ", stdout «" + out() + "», stderr «" + err() + "»";
    }
  }

  private final Path program;
  private final List<byte[]> arguments = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private Input input = Input.CLOSED;
  private byte[] bytes = new byte[0];
  private Path file;
  private Path directory;
  private Duration timeout = Duration.ofSeconds(60);
  private String umask;

  private Run(Path program) {
    this.program = program;
  }

  static Run of(Path program) {
    return new Run(program);
  }

  /** bash -c SCRIPT bash ARG… */
  static Run bash(String script, String... arguments) {
    Run run = new Run(Path.of("/bin/bash"));
    run.args("-c", script, "bash");
    run.args(arguments);
    return run;
  }

  Run args(String... values) {
    for (String value : values) {
      arguments.add(value.getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  Run args(List<String> values) {
    return args(values.toArray(new String[0]));
  }

  Run argBytes(byte[] value) {
    arguments.add(value);
    return this;
  }

  Run env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Run env(Map<String, String> values) {
    env.putAll(values);
    return this;
  }

  Run closed() {
    input = Input.CLOSED;
    return this;
  }

  Run terminal() {
    input = Input.TERMINAL;
    return this;
  }

  Run devNull() {
    input = Input.DEV_NULL;
    return this;
  }

  Run pipe(byte[] value) {
    input = Input.PIPE;
    bytes = value;
    return this;
  }

  Run pipe(String value) {
    return pipe(value.getBytes(StandardCharsets.UTF_8));
  }

  Run file(Path value) {
    input = Input.FILE;
    file = value;
    return this;
  }

  Run in(Path value) {
    directory = value;
    return this;
  }

  /** Runs the program under this umask (octal), as a caller with that umask would. */
  Run umask(String value) {
    umask = value;
    return this;
  }

  Run timeout(Duration value) {
    timeout = value;
    return this;
  }

  Result run() {
    return start().await();
  }

  /** A started program. */
  final class Started {
    final Process process;
    private final Path out;
    private final Path err;
    private final Path argumentsFile;
    private final Thread feeder;

    private Started(Process process, Path out, Path err, Path argumentsFile, Thread feeder) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.argumentsFile = argumentsFile;
      this.feeder = feeder;
    }

    long pid() {
      return process.pid();
    }

    Result await() {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError(program + " did not end within " + timeout + "; stderr: "
              + new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
        }
        if (feeder != null) {
          feeder.join(timeout.toMillis());
        }
        Result result = new Result(process.exitValue(), Files.readAllBytes(out), Files.readAllBytes(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Files.deleteIfExists(argumentsFile);
        return result;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  Started start() {
    try {
      Path argumentsFile = Files.createTempFile("flakegen-arguments-", "");
      ByteArrayOutputStream joined = new ByteArrayOutputStream();
      for (byte[] argument : arguments) {
        for (byte b : argument) {
          if (b == 0) {
            throw new IllegalArgumentException("NUL in an argument");
          }
        }
        joined.writeBytes(argument);
        joined.write(0);
      }
      Files.write(argumentsFile, joined.toByteArray());
      Path out = Files.createTempFile("flakegen-stdout-", "");
      Path err = Files.createTempFile("flakegen-stderr-", "");
      String launcher;
      switch (input) {
        case CLOSED:
          launcher = "exec \"$program\" \"${arguments[@]}\" <&-";
          break;
        case TERMINAL:
          launcher = "exec " + Programs.quote(Tools.require("script"))
              + " -qec \"$(printf '%q ' \"$program\" \"${arguments[@]}\") >$(printf %q \"$3\") 2>$(printf %q \"$4\")\" /dev/null";
          break;
        default:
          launcher = "exec \"$program\" \"${arguments[@]}\"";
      }
      String wrapper = (umask == null ? "" : "umask " + umask + "; ")
          + "mapfile -d '' arguments < \"$1\"; program=$2; " + launcher;
      List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", wrapper, "bash",
          argumentsFile.toString(), program.toString(), out.toString(), err.toString()));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().clear();
      builder.environment().put("HOME", System.getProperty("java.io.tmpdir"));
      builder.environment().put("LANG", "C.UTF-8");
      builder.environment().put("PATH", "/nonexistent/flakegen-tests");
      builder.environment().put("SHELL", "/bin/bash");
      builder.environment().putAll(env);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      if (input == Input.TERMINAL) {
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
      } else {
        builder.redirectOutput(out.toFile());
        builder.redirectError(err.toFile());
      }
      switch (input) {
        case FILE:
          builder.redirectInput(file.toFile());
          break;
        case DEV_NULL:
        case CLOSED:
        case TERMINAL:
          builder.redirectInput(new java.io.File("/dev/null"));
          break;
        default:
          break;
      }
      Process process = builder.start();
      Thread feeder = null;
      if (input == Input.PIPE) {
        byte[] data = bytes;
        feeder = new Thread(() -> {
          try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(data);
          } catch (IOException ignored) {
            // the program may stop reading early; that shows in its result
          }
        }, "stdin feeder");
        feeder.start();
      }
      return new Started(process, out, err, argumentsFile, feeder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
