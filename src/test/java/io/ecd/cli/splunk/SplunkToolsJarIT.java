package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.testing.Launch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay} and {@code verify} as {@code java -jar} subcommands, against the loopback splunkd. */
class SplunkToolsJarIT {
  @TempDir Path dir;

  private record Result(int exit, String stdout, String stderr, long millis) {}

  private static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(Launch.jar(args)).redirectInput(ProcessBuilder.Redirect.PIPE);
    pb.environment().keySet().removeIf(k -> k.startsWith("SPLUNK_"));
    pb.environment().putAll(env);
    long start = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void replayThenVerifyAsJarSubcommands() throws Exception {
    try (FakeSplunkd splunkd = FakeSplunkd.http()) {
      Path csv = dir.resolve("events.csv");
      Files.writeString(csv, "_time,UserId\n1709294400,svc@contoso.com\n");
      String search = "search index=ecd_test | stats count by UserId";
      splunkd.scripts.put(search, FakeSplunkd.Script.slow(2, List.of(Map.of("UserId", "svc@contoso.com", "count", "1"))));
      Path expect = dir.resolve("expect.csv");
      Files.writeString(expect, "UserId,count\nsvc@contoso.com,1\n");

      Result replay = run(Runs.TOKEN_ENV, "replay", "--host", "127.0.0.1", "--port", String.valueOf(splunkd.port()),
          "--scheme", "http", "--index", "ecd_test", csv.toString());
      assertEquals(0, replay.exit(), replay.stderr());
      assertTrue(replay.stdout().startsWith("replay: sent 1 event (57 bytes) from 1 file to index ecd_test in "),
          replay.stdout());
      assertEquals("", replay.stderr(), "no progress bar without a console");

      Result verify = run(Runs.TOKEN_ENV, "verify", "--host", "127.0.0.1", "--port", String.valueOf(splunkd.port()),
          "--scheme", "http", "--search", search, "--expect", expect.toString(), "--verbose");
      assertEquals(0, verify.exit(), verify.stderr());
      assertEquals("MATCH: 1 row as expected\n", verify.stdout());
      assertFalse((verify.stdout() + verify.stderr()).contains(FakeSplunkd.TOKEN));
    }
  }

  @Test
  void unreachableSplunkdExitsTwoWithinThirtySeconds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Result r = run(Runs.TOKEN_ENV, "verify", "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--saved-search", "Anything");

    assertEquals(2, r.exit());
    assertEquals("", r.stdout());
    assertEquals("verify: cannot connect to splunkd at https://127.0.0.1:" + port + " (Connection refused); "
        + "is splunkd running, and is " + port + " its management port?\n", r.stderr());
    assertTrue(r.millis() < 30_000, r.millis() + " ms");
  }
}
