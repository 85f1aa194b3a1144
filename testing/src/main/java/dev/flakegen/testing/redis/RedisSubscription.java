package dev.flakegen.testing.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A subscription to one Redis channel over RESP: the messages published on it after {@link #open}
 * returns, in order, as raw bytes ({@link #next}, {@link #drain}) or, up to now, as text ({@link
 * #published}).
 */
public final class RedisSubscription implements AutoCloseable {

  private final int port;
  private final String channel;
  private final Socket socket;
  private final InputStream input;
  private final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();

  private RedisSubscription(int port, String channel, Socket socket, InputStream input) {
    this.port = port;
    this.channel = channel;
    this.socket = socket;
    this.input = input;
  }

  /** Subscribes to {@code channel} on the server at 127.0.0.1:{@code port}. */
  public static RedisSubscription open(int port, String channel) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    OutputStream out = socket.getOutputStream();
    out.write(command("SUBSCRIBE", channel));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    List<byte[]> confirmation = readArray(in);
    if (confirmation.size() != 3
        || !"subscribe".equals(new String(confirmation.get(0), StandardCharsets.UTF_8))) {
      socket.close();
      throw new IOException("unexpected reply to SUBSCRIBE");
    }
    RedisSubscription subscription = new RedisSubscription(port, channel, socket, in);
    Thread reader = new Thread(subscription::read, "redis-subscription");
    reader.setDaemon(true);
    reader.start();
    return subscription;
  }

  private void read() {
    try {
      while (true) {
        List<byte[]> message = readArray(input);
        if (message.size() == 3
            && "message".equals(new String(message.get(0), StandardCharsets.UTF_8))) {
          messages.add(message.get(2));
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** The next message, or null if none arrives within {@code timeout}. */
  public byte[] next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The messages that arrived so far and were not taken yet. */
  public List<byte[]> drain() {
    List<byte[]> taken = new ArrayList<>();
    messages.drainTo(taken);
    return taken;
  }

  /**
   * Every message published on the channel since the last call, oldest first, as UTF-8 text,
   * including those published just before this call: it publishes a sentinel through another
   * connection and collects up to it (Redis keeps the order in which it took the PUBLISH commands,
   * and a program's PUBLISH was answered before the program ended). Fails after 60 seconds without
   * the sentinel.
   */
  public List<String> published() throws IOException, InterruptedException {
    String sentinel = "sentinel " + UUID.randomUUID();
    LocalRedis.publish(port, channel, sentinel);
    List<String> out = new ArrayList<>();
    while (true) {
      byte[] message = messages.poll(60, TimeUnit.SECONDS);
      if (message == null) {
        throw new IOException("no sentinel on " + channel + " within 60 s; got " + out);
      }
      String text = new String(message, StandardCharsets.UTF_8);
      if (text.equals(sentinel)) {
        return out;
      }
      out.add(text);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One RESP command: an array of bulk strings. */
  static byte[] command(String... words) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(("*" + words.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String word : words) {
      byte[] data = word.getBytes(StandardCharsets.UTF_8);
      bytes.writeBytes(("$" + data.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      bytes.writeBytes(data);
      bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    return bytes.toByteArray();
  }

  private static List<byte[]> readArray(InputStream in) throws IOException {
    String header = readLine(in);
    if (!header.startsWith("*")) {
      throw new IOException("expected a RESP array, got " + header);
    }
    int count = Integer.parseInt(header.substring(1));
    List<byte[]> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String item = readLine(in);
      if (item.startsWith("$")) {
        int length = Integer.parseInt(item.substring(1));
        byte[] data = in.readNBytes(length);
        readLine(in);
        if (data.length != length) {
          throw new IOException("connection closed");
        }
        items.add(data);
      } else {
        items.add(item.substring(1).getBytes(StandardCharsets.UTF_8));
      }
    }
    return items;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        return line.toString();
      }
      line.append((char) c);
    }
    throw new IOException("connection closed");
  }
}
