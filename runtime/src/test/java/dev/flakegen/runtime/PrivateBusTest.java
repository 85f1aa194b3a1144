package dev.flakegen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flakegen.testing.RedisTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, row 2 (the bus): resource-redis makes a password (in the resources directory, 0600)
 * and every client needs it; setup, publish and the listeners send it only while the recorded
 * server lives, so a stand-in on the port learns nothing; an ACL user works too. The cross-user
 * part (another local user cannot subscribe, publish, shut the server down or read the password)
 * needs root and is skipped otherwise, saying so.
 */
@RedisTest
class PrivateBusTest {

  @TempDir Path temporary;
  Fixture fixture;
  int port;
  Run.Started server;
  @RegisterExtension final Listeners listeners = new Listeners();

  @BeforeEach
  void setUp() throws IOException {
    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
    fixture = new Fixture(temporary, null).plainHash();
    fixture.targets("a").initScript("echo made > \"$RESOURCE_MOUNT/a\"");
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    fixture.env.put("RESOURCE_REDIS", address());
  }

  @AfterEach
  void tearDown() {
    listeners.stopAll(); // before the server they talk to
    stopServer();
  }

  private String address() {
    return "127.0.0.1:" + port;
  }

  private void startServer(Map<String, String> env) {
    server = Run.of(fixture.program("redis")).env("RESOURCE_REDIS", address()).env(env)
        .timeout(Duration.ofMinutes(5)).start();
    Files2.await("resource-redis", Duration.ofSeconds(20), () -> {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return socket.isConnected();
      } catch (IOException notYet) {
        return false;
      }
    });
  }

  private void stopServer() {
    if (server != null && server.process.isAlive()) {
      server.process.destroy();
      server.await();
    }
  }

  private Run.Started listener() {
    Path program = Files2.executable(fixture.root.resolve("bin/release-listener"),
        Programs.text("release-listener", fixture.runtimeEnv()));
    Run.Started listener = Run.of(program).env("RESOURCE_REDIS", address())
        .env("RESOURCE_LISTENER_INTERVAL", "0.1").timeout(Duration.ofSeconds(60)).start();
    listeners.add(listener);
    return listener;
  }

  private String password() {
    return Files2.read(fixture.resources.resolve("redis/password")).strip();
  }

  /** A RESP connection. */
  static final class Client implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Client(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    void send(String... parts) throws IOException {
      StringBuilder request = new StringBuilder("*" + parts.length + "\r\n");
      for (String part : parts) {
        request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
            .append(part).append("\r\n");
      }
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    /** One reply line (a bulk string's text for $, the header otherwise). */
    String line() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int previous = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        if (previous == '\r' && b == '\n') {
          byte[] bytes = line.toByteArray();
          return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
        }
        line.write(b);
        previous = b;
      }
    }

    String command(String... parts) throws IOException {
      send(parts);
      return line();
    }

    /** The next published message on a subscribed connection. */
    String message() throws IOException {
      while (true) {
        String header = line();
        if (header == null) {
          return null;
        }
        if (header.equals("$7") && "message".equals(line())) {
          line();
          line();
          line();
          return line();
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aPasswordIsMadeAndEveryClientNeedsIt() throws Exception {
    startServer(Map.of());
    Path file = fixture.resources.resolve("redis/password");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(password()).matches("[A-Za-z0-9]{64}");
    // Not on the server's command line.
    assertThat(Files2.read(Path.of("/proc/" + server.process.pid() + "/cmdline"))).doesNotContain(password());
    try (Client anyone = new Client(port)) {
      assertThat(anyone.command("SUBSCRIBE", fixture.channel)).startsWith("-NOAUTH");
      assertThat(anyone.command("PUBLISH", fixture.channel, "{}")).startsWith("-NOAUTH");
      assertThat(anyone.command("SHUTDOWN")).startsWith("-NOAUTH");
    }
    try (Client subscriber = new Client(port)) {
      assertThat(subscriber.command("AUTH", password())).isEqualTo("+OK");
      subscriber.send("SUBSCRIBE", fixture.channel);
      Run.Result miss = fixture.run().closed().run();
      assertThat(miss.status).as(miss.toString()).isZero();
      assertThat(subscriber.message()).startsWith("{\"type\":\"valid\"");
      Run.Result hit = fixture.run().closed().run();
      assertThat(hit.status).isZero();
      assertThat(subscriber.message()).startsWith("{\"type\":\"stale\"");
    }
    assertThat(fixture.resources.resolve("spool/events")).doesNotExist();
  }

  @Test
  void theListenersSubscribeWithThePassword() throws Exception {
    startServer(Map.of());
    fixture.setup();
    listener();
    try (Client admin = new Client(port)) {
      assertThat(admin.command("AUTH", password())).isEqualTo("+OK");
      Files2.await("the listener's subscription", Duration.ofSeconds(20), () -> {
        try {
          admin.send("PUBSUB", "NUMSUB", fixture.channel);
          admin.line();
          admin.line();
          admin.line();
          return admin.line().equals(":1");
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
  }

  @Test
  void aStandInOnThePortLearnsNothing() throws Exception {
    startServer(Map.of());
    assertThat(fixture.run().closed().run().status).isZero();
    stopServer();
    // Another program takes the port and records every byte it is sent.
    ByteArrayOutputStream heard = new ByteArrayOutputStream();
    try (ServerSocket standIn = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      standIn.setSoTimeout(200);
      Thread thread = new Thread(() -> {
        while (!standIn.isClosed()) {
          try (Socket socket = standIn.accept()) {
            socket.setSoTimeout(1000);
            synchronized (heard) {
              heard.write("(connection)".getBytes(StandardCharsets.UTF_8));
            }
            byte[] buffer = new byte[4096];
            int n;
            while ((n = socket.getInputStream().read(buffer)) > 0) {
              synchronized (heard) {
                heard.write(buffer, 0, n);
              }
            }
          } catch (SocketTimeoutException idle) {
            // look again
          } catch (IOException end) {
            // closed
          }
        }
      });
      thread.setDaemon(true);
      thread.start();
      Run.Result hit = fixture.run().closed().run();
      assertThat(hit.status).as(hit.toString()).isZero();
      Run.Result published = Run.of(fixture.program("publish")).args("{\"secret\":1}")
          .env("RESOURCE_REDIS", address()).run();
      assertThat(published.status).isZero();
      Run.Started listener = listener();
      Thread.sleep(1500);
      Lifecycle.stop(listener);
    }
    synchronized (heard) {
      assertThat(heard.toString(StandardCharsets.UTF_8)).isEmpty();
    }
    assertThat(Files.readAllLines(fixture.resources.resolve("spool/events"))).hasSize(2);
    // The real server back: the spooled events go to it.
    startServer(Map.of());
    try (Client subscriber = new Client(port)) {
      assertThat(subscriber.command("AUTH", password())).isEqualTo("+OK");
      subscriber.send("SUBSCRIBE", fixture.channel);
      subscriber.line();
      subscriber.line();
      subscriber.line();
      subscriber.line();
      subscriber.line();
      subscriber.line();
      assertThat(Run.of(fixture.program("publish")).args("--flush").env("RESOURCE_REDIS", address())
          .run().status).isZero();
      assertThat(subscriber.message()).startsWith("{\"type\":\"stale\"");
      assertThat(subscriber.message()).isEqualTo("{\"secret\":1}");
    }
  }

  @Test
  void anAclUserWorksAndTheDefaultUserIsOff() throws Exception {
    startServer(Map.of("RESOURCE_REDIS_USER", "runtime"));
    fixture.env.put("RESOURCE_REDIS_USER", "runtime");
    try (Client anyone = new Client(port)) {
      assertThat(anyone.command("AUTH", password())).startsWith("-WRONGPASS");
    }
    try (Client subscriber = new Client(port)) {
      assertThat(subscriber.command("AUTH", "runtime", password())).isEqualTo("+OK");
      subscriber.send("SUBSCRIBE", fixture.channel);
      assertThat(fixture.run().closed().run().status).isZero();
      assertThat(subscriber.message()).startsWith("{\"type\":\"valid\"");
    }
  }

  @Test
  void aRedisTheUserRunsWithAPasswordFile() throws Exception {
    Path file = Files2.write(temporary.resolve("my-password"), "hunter2hunter2\n");
    Process own = new ProcessBuilder(Tools.require("redis-server"), "-", "--port", Integer.toString(port),
        "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      own.getOutputStream().write("requirepass hunter2hunter2\n".getBytes(StandardCharsets.UTF_8));
      own.getOutputStream().close();
      Files2.await("redis", Duration.ofSeconds(20), () -> {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
          return socket.isConnected();
        } catch (IOException notYet) {
          return false;
        }
      });
      fixture.env.put("RESOURCE_REDIS_PASSWORD_FILE", file.toString());
      try (Client subscriber = new Client(port)) {
        assertThat(subscriber.command("AUTH", "hunter2hunter2")).isEqualTo("+OK");
        subscriber.send("SUBSCRIBE", fixture.channel);
        assertThat(fixture.run().closed().run().status).isZero();
        assertThat(subscriber.message()).startsWith("{\"type\":\"valid\"");
      }
    } finally {
      own.destroy();
      own.waitFor();
    }
  }

  @Test
  void anotherUserCanNeitherListenNorPublishNorStopTheBus() throws Exception {
    Assumptions.assumeTrue(OtherUser.available(), "not root: no second local user (test skipped)");
    startServer(Map.of());
    try (OtherUser other = OtherUser.create()) {
      String cli = Tools.require("redis-cli");
      Run.Result subscribe = other.run(cli, "-h", "127.0.0.1", "-p", Integer.toString(port), "SUBSCRIBE", fixture.channel);
      assertThat(subscribe.out() + subscribe.err()).contains("NOAUTH");
      Run.Result publish = other.run(cli, "-h", "127.0.0.1", "-p", Integer.toString(port), "PUBLISH", fixture.channel, "{}");
      assertThat(publish.out() + publish.err()).contains("NOAUTH");
      Run.Result shutdown = other.run(cli, "-h", "127.0.0.1", "-p", Integer.toString(port), "SHUTDOWN", "NOSAVE");
      assertThat(shutdown.out() + shutdown.err()).contains("NOAUTH");
      assertThat(server.process.isAlive()).isTrue();
      Run.Result read = other.run("/bin/cat", fixture.resources.resolve("redis/password").toString());
      assertThat(read.status).isNotZero();
      Run.Result environment = other.run("/bin/cat", "/proc/" + server.process.pid() + "/environ");
      assertThat(environment.out()).doesNotContain(password());
    }
  }
}
