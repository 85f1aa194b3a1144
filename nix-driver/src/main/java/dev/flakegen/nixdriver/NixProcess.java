package dev.flakegen.nixdriver;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one Nix command: standard input from {@code /dev/null}, standard output collected,
 * standard error collected and handed line by line to a listener, a timeout, and on timeout or
 * interruption the process and everything it started killed. Every call has its own process and
 * reader threads; nothing is shared between calls.
 */
final class NixProcess {

  /** How long Nix gets to stop its builds after SIGTERM before everything is killed. */
  private static final Duration GRACE = Duration.ofMillis(1500);
  /** At most this much of standard error is kept for the exception (the end of it). */
  private static final int KEEP_ERROR_CHARS = 1 << 20;

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
  private static final Pattern POSITION = Pattern.compile("^\\s*at (.+):(\\d+):(\\d+):$");

  private NixProcess() {}

  /** What a finished command printed, and its exit status. */
  record Completed(List<String> command, int status, String standardOutput,
      String standardError) {

    /** Standard output, when the status is 0. */
    String requireSuccess() {
      if (status != 0) {
        throw failure(command, status, standardError);
      }
      return standardOutput;
    }
  }

  static Completed run(List<String> command, Map<String, String> environment, Duration timeout,
      BuildLogListener listener) throws InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new NixDriverException(command.get(0) + ": could not start: " + e.getMessage(), e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    StringBuilder errors = new StringBuilder();
    Thread outputReader = reader(command, "stdout", () -> copy(process.getInputStream(), output));
    Thread errorReader = reader(command, "stderr",
        () -> lines(process.getErrorStream(), errors, listener));
    boolean finished;
    try {
      finished = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      killTree(process);
      closeQuietly(process);
      throw e;
    }
    if (!finished) {
      killTree(process);
      closeQuietly(process);
      throw new NixTimeoutException(command, timeout);
    }
    // A process Nix started and left behind could keep the pipes open: do not wait forever.
    outputReader.join(5000);
    errorReader.join(5000);
    closeQuietly(process);
    outputReader.join();
    errorReader.join();
    String standardError;
    synchronized (errors) {
      standardError = errors.toString();
    }
    String standardOutput;
    synchronized (output) {
      standardOutput = output.toString(StandardCharsets.UTF_8);
    }
    return new Completed(command, process.exitValue(), standardOutput, standardError);
  }

  private interface Work {
    void run() throws IOException;
  }

  private static Thread reader(List<String> command, String what, Work work) {
    Thread thread = new Thread(() -> {
      try {
        work.run();
      } catch (IOException e) {
        // The stream was closed under us (after a kill); what was read is kept.
      }
    }, "nix-" + what + "-" + command.get(command.size() > 1 ? 1 : 0));
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) >= 0; ) {
      synchronized (out) {
        out.write(buffer, 0, n);
      }
    }
  }

  private static void lines(InputStream in, StringBuilder errors, BuildLogListener listener)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    boolean listening = true;
    for (String line; (line = reader.readLine()) != null; ) {
      synchronized (errors) {
        errors.append(line).append('\n');
        if (errors.length() > 2 * KEEP_ERROR_CHARS) {
          errors.delete(0, errors.length() - KEEP_ERROR_CHARS);
        }
      }
      if (listening) {
        try {
          listener.line(ANSI.matcher(line).replaceAll(""));
        } catch (RuntimeException e) {
          listening = false; // a broken listener does not break the call
        }
      }
    }
  }

  private static void closeQuietly(Process process) {
    for (java.io.Closeable stream : new java.io.Closeable[] {
        process.getInputStream(), process.getErrorStream(), process.getOutputStream()}) {
      try {
        stream.close();
      } catch (IOException e) {
        // nothing left to do
      }
    }
  }

  /**
   * Stops {@code process} and everything it started. SIGTERM first: Nix then stops its builds
   * and kills their processes (builders run in their own sessions, under build users). After a
   * grace period, SIGKILL for whatever is left of the process tree as it was seen before and
   * after, including anything started meanwhile.
   */
  static void killTree(Process process) {
    boolean interrupted = Thread.interrupted();
    Map<Long, ProcessHandle> tree = new LinkedHashMap<>();
    tree.put(process.pid(), process.toHandle());
    process.descendants().forEach(handle -> tree.put(handle.pid(), handle));
    process.destroy();
    try {
      process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      interrupted = true;
    }
    for (int round = 0; round < 50; round++) {
      List<ProcessHandle> alive = new ArrayList<>();
      for (ProcessHandle handle : new ArrayList<>(tree.values())) {
        if (handle.isAlive()) {
          handle.descendants().forEach(child -> tree.putIfAbsent(child.pid(), child));
        }
      }
      for (ProcessHandle handle : tree.values()) {
        if (handle.isAlive()) {
          handle.destroyForcibly();
          alive.add(handle);
        }
      }
      if (alive.isEmpty()) {
        break;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The exception for a command that exited with {@code status}, from Nix's standard error. */
  static NixFailureException failure(List<String> command, int status, String standardError) {
    List<String> lines = standardError.lines().map(l -> ANSI.matcher(l).replaceAll("")).toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("error: ") || lines.get(i).equals("error:")) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      String last = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b)
          .orElse(command.get(0) + " exited with status " + status);
      return new NixFailureException(command, status, last.strip(), Optional.empty(),
          standardError);
    }
    if (lines.get(start).equals("error:")) {
      // Today's Nix: "error:", the trace ("… while calling the 'throw' builtin" and its
      // positions), then the message as an indented "error: MESSAGE" and its position.
      for (int i = start + 1; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith("error: ")) {
          start = i;
          break;
        }
        if (lines.get(i).startsWith("error")) {
          break;
        }
      }
    }
    StringBuilder message = new StringBuilder(lines.get(start).strip().substring(6).strip());
    int i = start + 1;
    for (; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || POSITION.matcher(line).matches()
          || line.startsWith("(use '--show-trace'")) {
        break;
      }
      message.append('\n').append(line.strip());
    }
    Optional<NixErrorPosition> position = Optional.empty();
    for (; i < lines.size(); i++) {
      Matcher matcher = POSITION.matcher(lines.get(i));
      if (matcher.matches()) {
        position = Optional.of(new NixErrorPosition(matcher.group(1),
            Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
        break;
      }
      if (lines.get(i).startsWith("error: ")) {
        break;
      }
    }
    return new NixFailureException(command, status, message.toString(), position, standardError);
  }
}
