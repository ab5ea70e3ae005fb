package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Messages;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import io.ecd.testing.TestCommands;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session key stays out of replies, stderr and the log file, even when a command fails with it
 * in its exception, or prints it; the log file stays under {@code $SPLUNK_HOME/var/log/splunk}.
 */
class SecretsSessionTest {
  private static final String LOG = "email_collection_detections.log";

  private static String logText(Path dir) throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(LOG)).toList()) {
        all.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }

  @Test
  void internalErrorCarryingTheKeyShowsItNowhere(@TempDir Path home) throws IOException {
    Path logDir = Files.createDirectories(home.resolve("var/log/splunk"));
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "crash"),
        Map.of("SPLUNK_HOME", home.toString()), null, Duration.ofSeconds(20))) {
      splunkd.getinfo("crash");
      Reply r = splunkd.execute(true, "x\n1\n");
      assertTrue(r.finished());
      assertEquals(List.of("ERROR: crash: internal error: java.lang.IllegalStateException 'lost track of ********';"
          + " see email_collection_detections.log or search.log for details"), r.messages());
      Messages.assertShowable(r.messages().get(0));
      splunkd.finishWith(1);
      splunkd.assertSessionKeyNeverShown();
      String stderr = splunkd.stderr();
      assertTrue(stderr.contains("debug print of ********"), stderr);
      assertTrue(stderr.contains("Caused by: java.lang.IllegalArgumentException: key=********"), stderr);
    }
    String log = logText(logDir);
    assertTrue(log.contains("lost track of ********"), log);
    assertTrue(log.contains("crash started: sid=1629787812.122"), log);
    assertFalse(log.contains(Chunks.SESSION_KEY), "the session key in the log file");
  }

  @Test
  void keyInMetadataThatDoesNotParseIsMaskedToo(@TempDir Path home) throws IOException {
    Path logDir = Files.createDirectories(home.resolve("var/log/splunk"));
    // "preview" must be a boolean: the error quotes its value, which here is the key
    String meta = Chunks.getinfoMetadata("echo", "/tmp").replace("\"preview\":false",
        "\"preview\":\"" + Chunks.SESSION_KEY + "\"");
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"),
        Map.of("SPLUNK_HOME", home.toString()), null, Duration.ofSeconds(20))) {
      Reply r = splunkd.request(Chunks.frame(meta, new byte[0]));
      assertTrue(r.messages().get(0).endsWith("\"preview\" is '\"********\"'; expected true or false"),
          r.messages().toString());
      splunkd.finishWith(1);
      splunkd.assertSessionKeyNeverShown();
    }
    assertFalse(logText(logDir).contains(Chunks.SESSION_KEY));
  }

  @Test
  void logFileStaysInTheFolderEvenWhenSplunkHomeHoldsPatternEscapes(@TempDir Path tmp) throws IOException {
    // java.util.logging would read %t as the temp folder and %h as the home folder
    Path home = tmp.resolve("%t%h");
    Path logDir = Files.createDirectories(home.resolve("var/log/splunk"));
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"),
        Map.of("SPLUNK_HOME", home.toString()), null, Duration.ofSeconds(20))) {
      splunkd.getinfo("echo");
      splunkd.execute(true, "x\n1\n");
      splunkd.finishWith(0);
      assertEquals("", splunkd.stderr());
    }
    assertTrue(logText(logDir).contains("echo done: 1 records in, 1 out"));
  }

  @Test
  void noLogFileWithoutTheSplunkLogFolder(@TempDir Path home) throws IOException {
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"),
        Map.of("SPLUNK_HOME", home.toString()), null, Duration.ofSeconds(20))) {
      splunkd.getinfo("echo", "tag=../../../../tmp/elsewhere.log");
      splunkd.execute(true, "x\n1\n");
      splunkd.finishWith(0);
    }
    try (Stream<Path> created = Files.walk(home)) {
      assertEquals(List.of(home), created.toList(), "nothing written under SPLUNK_HOME");
    }
  }
}
