package dev.flakegen.testing.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a free loopback port, started for a demo or a test and stopped
 * on {@link #close()}: nothing is saved, nothing is listened to beyond 127.0.0.1.
 */
public final class LocalRedis implements AutoCloseable {

  private final Process process;
  private final int port;

  private LocalRedis(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts a server whose log goes to {@code log}, and waits until it answers PING. */
  public static LocalRedis start(Path log) throws IOException, InterruptedException {
    return startOn(freePort(), log);
  }

  /** Starts a server on {@code port} (e.g. again after {@link #close()}), waiting for PING. */
  public static LocalRedis startOn(int port, Path log) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no",
        "--logfile", log.toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    LocalRedis redis = new LocalRedis(process, port);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!redis.answersPing()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        redis.close();
        throw new IOException("redis-server on port " + port + " did not start (log: " + log
            + ")");
      }
      Thread.sleep(10);
    }
    return redis;
  }

  /** A port nothing listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:PORT}, the form {@code RESOURCE_REDIS} takes. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  private boolean answersPing() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL after five seconds) and waits for it; interrupted, it
   * kills the server and keeps the thread's interrupt flag set.
   */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
