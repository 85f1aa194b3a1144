package dev.flakegen.runtime;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A private redis-server on loopback (a free port, no persistence), plus a minimal RESP client:
 * {@link #publish} and {@link Subscriber}. Readiness and stop are polled, never slept for.
 */
final class Redis implements Closeable {

  private static final Duration READY = Duration.ofSeconds(20);

  final int port;
  private final Path socket;
  private final Path log;
  private Process process;

  private Redis(int port, Path socket, Path log) {
    this.port = port;
    this.socket = socket;
    this.log = log;
  }

  /** Starts a server on a free loopback port; with {@code socket} also on that Unix socket. */
  static Redis start(Path directory, boolean withSocket) throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Redis redis =
        new Redis(port, withSocket ? directory.resolve("redis.sock") : null, directory.resolve("redis.log"));
    redis.start();
    return redis;
  }

  /** The RESOURCE_REDIS value: HOST:PORT. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /** The Unix socket path (a server started with a socket only). */
  Path socket() {
    if (socket == null) {
      throw new IllegalStateException("started without a Unix socket");
    }
    return socket;
  }

  /** (Re)starts the server on its port. */
  void start() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Tools.require("redis-server"),
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no"));
    if (socket != null) {
      command.addAll(List.of("--unixsocket", socket.toString(), "--unixsocketperm", "700"));
    }
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + READY.toNanos();
    while (true) {
      try (Socket s = connect()) {
        if (command(s, "PING").equals("+PONG")) {
          return;
        }
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IOException("redis-server exited: " + Files.readString(log));
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("redis-server not ready after " + READY + ": " + Files.readString(log));
      }
      Thread.sleep(10);
    }
  }

  /** Stops the server and waits until it no longer accepts connections. */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(20, TimeUnit.SECONDS);
    }
    process = null;
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the server answers PING now. */
  boolean answers() {
    try (Socket s = connect()) {
      return command(s, "PING").equals("+PONG");
    } catch (IOException down) {
      return false;
    }
  }

  /** PUBLISH through a connection of its own; returns the number of receivers. */
  long publish(String channel, String message) throws IOException {
    try (Socket s = connect()) {
      String reply = command(s, "PUBLISH", channel, message);
      if (!reply.startsWith(":")) {
        throw new IOException("PUBLISH: " + reply);
      }
      return Long.parseLong(reply.substring(1));
    }
  }

  /** Subscribes to CHANNEL; returns once Redis confirmed the subscription. */
  Subscriber subscribe(String channel) throws IOException {
    return new Subscriber(this, channel);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    s.setSoTimeout(20_000);
    return s;
  }

  private static String command(Socket s, String... parts) throws IOException {
    send(s.getOutputStream(), parts);
    return line(s.getInputStream());
  }

  private static void send(OutputStream out, String... parts) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + parts.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      request.writeBytes(bytes);
      request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    out.write(request.toByteArray());
    out.flush();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  /** One RESP value: strings (simple, bulk, error with its '-'), integers, arrays. */
  private static Object read(InputStream in) throws IOException {
    String line = line(in);
    char type = line.charAt(0);
    String rest = line.substring(1);
    switch (type) {
      case '+':
      case ':':
        return rest;
      case '-':
        return line;
      case '$': {
        int length = Integer.parseInt(rest);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(rest);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return items;
      }
      default:
        throw new IOException("unexpected RESP: " + line);
    }
  }

  /**
   * Messages of one channel, in order. {@link #drain} returns everything published before the
   * call: it publishes a sentinel through another connection and collects up to it (Redis keeps
   * the order in which it took the PUBLISH commands, and a program's PUBLISH was answered before
   * the program ended).
   */
  static final class Subscriber implements Closeable {

    private final Redis redis;
    private final String channel;
    private final Socket socket;
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final Thread reader;

    private Subscriber(Redis redis, String channel) throws IOException {
      this.redis = redis;
      this.channel = channel;
      this.socket = redis.connect();
      socket.setSoTimeout(0);
      send(socket.getOutputStream(), "SUBSCRIBE", channel);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      Object confirmation = read(in);
      if (!(confirmation instanceof List) || !"subscribe".equals(((List<?>) confirmation).get(0))) {
        throw new IOException("SUBSCRIBE: " + confirmation);
      }
      reader = new Thread(() -> {
        try {
          while (true) {
            Object message = read(in);
            if (message instanceof List && ((List<?>) message).size() == 3
                && "message".equals(((List<?>) message).get(0))) {
              messages.add(((List<?>) message).get(2));
            }
          }
        } catch (IOException | RuntimeException end) {
          messages.add(end);
        }
      }, "subscriber " + channel);
      reader.setDaemon(true);
      reader.start();
    }

    /** Every message published on the channel since the last drain, oldest first. */
    List<String> drain() throws IOException, InterruptedException {
      String sentinel = "sentinel " + UUID.randomUUID();
      redis.publish(channel, sentinel);
      List<String> out = new ArrayList<>();
      while (true) {
        Object message = messages.poll(60, TimeUnit.SECONDS);
        if (message == null) {
          throw new IOException("no sentinel on " + channel + " within 60 s; got " + out);
        }
        if (message instanceof Exception) {
          throw new IOException("subscriber ended", (Exception) message);
        }
        if (message.equals(sentinel)) {
          return out;
        }
        out.add((String) message);
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
