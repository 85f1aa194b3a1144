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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private {@code redis-server} on a free loopback port (and, if asked, a Unix socket), started
 * for a demo or a test and stopped on {@link #close()}: nothing is saved, nothing is listened to
 * beyond 127.0.0.1. Readiness and stop are polled, never slept for. Tests usually get one from
 * {@link RedisExtension} ({@code @RedisTest}).
 */
public final class LocalRedis implements AutoCloseable {

  private static final Duration READY = Duration.ofSeconds(20);

  private final int port;
  private final Path socket;
  private final Path log;
  private Process process;

  private LocalRedis(int port, Path socket, Path log) {
    this.port = port;
    this.socket = socket;
    this.log = log;
  }

  /** Starts a server whose log goes to {@code log}, and waits until it answers PING. */
  public static LocalRedis start(Path log) throws IOException, InterruptedException {
    return startOn(freePort(), log);
  }

  /** Starts a server on {@code port}, waiting for PING. */
  public static LocalRedis startOn(int port, Path log) throws IOException, InterruptedException {
    LocalRedis redis = new LocalRedis(port, null, log);
    redis.restart();
    return redis;
  }

  /** Starts a server on a free port that also listens on the Unix socket {@code socket} (0700). */
  public static LocalRedis startWithSocket(Path socket, Path log)
      throws IOException, InterruptedException {
    LocalRedis redis = new LocalRedis(freePort(), socket, log);
    redis.restart();
    return redis;
  }

  /** A port nothing listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
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

  /** The Unix socket (a server started with {@link #startWithSocket} only). */
  public Path socket() {
    if (socket == null) {
      throw new IllegalStateException("started without a Unix socket");
    }
    return socket;
  }

  /** (Re)starts the server on its port (and socket) after {@link #stop}, waiting for PING. */
  public void restart() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("redis-server on port " + port + " is running");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--logfile",
                log.toString()));
    if (socket != null) {
      command.addAll(List.of("--unixsocket", socket.toString(), "--unixsocketperm", "700"));
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long deadline = System.nanoTime() + READY.toNanos();
    while (!answers()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        stop();
        throw new IOException("redis-server on port " + port + " did not start (log: " + log + ")");
      }
      Thread.sleep(10);
    }
  }

  /** Whether the server answers PING now. */
  public boolean answers() {
    try (Socket connection = connect(port)) {
      connection.setSoTimeout(1000);
      OutputStream out = connection.getOutputStream();
      out.write(RedisSubscription.command("PING"));
      out.flush();
      InputStream in = connection.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  /** PUBLISH through a connection of its own; returns the number of receivers. */
  public long publish(String channel, String message) throws IOException {
    return publish(port, channel, message);
  }

  static long publish(int port, String channel, String message) throws IOException {
    try (Socket connection = connect(port)) {
      connection.setSoTimeout(20_000);
      OutputStream out = connection.getOutputStream();
      out.write(RedisSubscription.command("PUBLISH", channel, message));
      out.flush();
      StringBuilder reply = new StringBuilder();
      InputStream in = connection.getInputStream();
      for (int c = in.read(); c != '\r'; c = in.read()) {
        if (c < 0) {
          throw new IOException("PUBLISH: connection closed");
        }
        reply.append((char) c);
      }
      if (reply.charAt(0) != ':') {
        throw new IOException("PUBLISH: " + reply);
      }
      return Long.parseLong(reply.substring(1));
    }
  }

  /** Subscribes to {@code channel}; returns once Redis confirmed the subscription. */
  public RedisSubscription subscribe(String channel) throws IOException {
    return RedisSubscription.open(port, channel);
  }

  private static Socket connect(int port) throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL after five seconds) and waits for it; interrupted, it
   * kills the server and keeps the thread's interrupt flag set. {@link #restart} starts it again.
   */
  public void stop() {
    if (process == null) {
      return;
    }
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
    process = null;
  }

  /** {@link #stop}. */
  @Override
  public void close() {
    stop();
  }
}
