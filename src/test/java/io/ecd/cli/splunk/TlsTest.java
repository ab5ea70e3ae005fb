package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS and time-outs against a loopback splunkd with a self-signed certificate made by the JDK's
 * {@code keytool}, as a lab Splunk has.
 */
class TlsTest {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();
  private static final String SEARCH = "search index=ecd_test";

  @TempDir static Path dir;
  private static SSLContext serverContext;

  @BeforeAll
  static void makeSelfSignedCertificate() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    assumeTrue(Files.isExecutable(keytool), "keytool in the JDK");
    Path store = dir.resolve("splunkd.p12");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "splunkd",
        "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost,O=Lab",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", store.toString(),
        "-storepass", "changeit", "-keypass", "changeit", "-noprompt")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool finished");
    assertEquals(0, p.exitValue(), output);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, STORE_PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
  }

  @AfterAll
  static void restoreDefaults() {
    SplunkSession.configureTls(false);
  }

  private static String[] https(FakeSplunkd splunkd, String host, String... more) {
    List<String> args = new ArrayList<>(List.of("--host", host, "--port", String.valueOf(splunkd.port())));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void selfSignedCertificateIsRefusedByDefault() throws IOException {
    try (FakeSplunkd splunkd = FakeSplunkd.https(serverContext, InetAddress.getLoopbackAddress())) {
      Runs.Run run = Runs.verify(Runs.USER_ENV, https(splunkd, "127.0.0.1", "--search", SEARCH));

      assertEquals(2, run.code());
      assertTrue(run.err().startsWith("verify: the TLS certificate of splunkd at https://127.0.0.1:"
          + splunkd.port() + " is not trusted ("), run.err());
      assertTrue(run.err().endsWith("For a lab Splunk with a self-signed certificate pass --insecure; "
          + "otherwise add its CA to the Java trust store\n"), run.err());
      assertTrue(splunkd.requests.isEmpty(), "no request got through");
    }
  }

  @Test
  void insecureAcceptsTheSelfSignedCertificateAndDefaultRefusesItAgainAfterwards() throws IOException {
    try (FakeSplunkd splunkd = FakeSplunkd.https(serverContext, InetAddress.getLoopbackAddress())) {
      splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(java.util.Map.of("user", "a"))));

      Runs.Run insecure = Runs.verify(Runs.USER_ENV, https(splunkd, "127.0.0.1", "--search", SEARCH, "--insecure"));
      assertEquals(0, insecure.code(), insecure.all());
      assertEquals(1, splunkd.requests("POST", "/services/auth/login").size());

      Runs.Run strict = Runs.verify(Runs.USER_ENV, https(splunkd, "127.0.0.1", "--search", SEARCH));
      assertEquals(2, strict.code(), strict.all());
      assertTrue(strict.err().contains("is not trusted"), strict.err());
    }
  }

  @Test
  void insecureReplaySendsEventsOverTls() throws IOException {
    try (FakeSplunkd splunkd = FakeSplunkd.https(serverContext, InetAddress.getLoopbackAddress())) {
      Path csv = dir.resolve("events.csv");
      Files.writeString(csv, "_time,user\n1709294400,alice\n");

      Runs.Run run = Runs.replay(Runs.TOKEN_ENV, https(splunkd, "127.0.0.1", "--index", "ecd_test",
          "--insecure", csv.toString()));

      assertEquals(0, run.code(), run.all());
      assertEquals("{\"_time\":\"1709294400.000000\",\"user\":\"alice\"}\n",
          splunkd.requests("POST", "/receivers/simple").get(0).body());
    }
  }

  @Test
  void insecureAlsoAcceptsACertificateForAnotherHostName() throws IOException {
    // 127.0.0.2 is loopback on Linux but is not a name in the certificate, nor one the SDK waives
    InetAddress other = InetAddress.getByName("127.0.0.2");
    FakeSplunkd splunkd;
    try {
      splunkd = FakeSplunkd.https(serverContext, other);
    } catch (IOException e) {
      assumeTrue(false, "cannot bind 127.0.0.2 here: " + e);
      return;
    }
    try (splunkd) {
      splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(java.util.Map.of("user", "a"))));

      Runs.Run insecure = Runs.verify(Runs.USER_ENV, https(splunkd, "127.0.0.2", "--search", SEARCH, "--insecure"));
      assertEquals(0, insecure.code(), insecure.all());

      Runs.Run strict = Runs.verify(Runs.USER_ENV, https(splunkd, "127.0.0.2", "--search", SEARCH));
      assertEquals(2, strict.code(), strict.all());
    }
  }

  @Test
  void silentServerFailsWithReadTimeoutMessage() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        List<Socket> held = new ArrayList<>();
        try {
          while (true) {
            held.add(silent.accept()); // accepted, never answered
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Target target = new Target("127.0.0.1", silent.getLocalPort(), "http", false, null, 1_000, 500);
      Credentials credentials = Credentials.resolve("verify", null, Runs.USER_ENV);

      CliException e = assertThrows(CliException.class,
          () -> SplunkSession.connect("verify", target, credentials, null));

      assertEquals(2, e.exitCode());
      assertEquals("verify: splunkd at http://127.0.0.1:" + silent.getLocalPort() + " did not answer in time "
          + "(Read timed out; connect timeout 1 s, read timeout 0.5 s); is the host and port right and reachable?",
          e.getMessage());
    }
  }
}
