package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {
  private static final Path SHARED = Path.of(System.getProperty("ecd.shared.dir", "../shared"));
  private static final String O365_A = "{\"CreationTime\": \"2024-03-01T12:00:00\", \"Id\": \"a1\", "
      + "\"Operation\": \"MailItemsAccessed\", \"RecordType\": 50, \"UserId\": \"svc@contoso.com\", "
      + "\"Workload\": \"Exchange\", \"ClientIPAddress\": \"203.0.113.9\"}";
  private static final String O365_B = "{\"CreationTime\": \"2024-03-01T12:05:30\", \"Id\": \"b2\", "
      + "\"Operation\": \"New-MailboxExportRequest\", \"RecordType\": 1, \"UserId\": \"adm@contoso.com\", "
      + "\"Workload\": \"Exchange\"}";

  @TempDir Path dir;
  private FakeSplunkd splunkd;

  @BeforeEach
  void start() throws IOException {
    splunkd = FakeSplunkd.http();
  }

  @AfterEach
  void stop() {
    splunkd.close();
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private List<FakeSplunkd.Request> received() {
    return splunkd.requests("POST", "/services/receivers/simple");
  }

  @Test
  void rawO365RecordsAreSentUnchangedOnePerRequestWithIndexSourcetypeAndSource() throws IOException {
    Path ndjson = file("mailbox.ndjson", O365_A + "\n" + O365_B + "\n");

    Runs.Run run = Runs.replay(Runs.USER_ENV, Runs.on(splunkd,
        "--index", "ecd_test", "--sourcetype", "o365:management:activity", ndjson.toString()));

    assertEquals(0, run.code(), run.all());
    List<FakeSplunkd.Request> sent = received();
    assertEquals(2, sent.size());
    assertEquals(O365_A + "\n", sent.get(0).body());
    assertEquals(O365_B + "\n", sent.get(1).body());
    for (FakeSplunkd.Request r : sent) {
      assertEquals(Map.of("index", "ecd_test", "sourcetype", "o365:management:activity",
          "source", "mailbox.ndjson"), r.query());
    }
    long bytes = O365_A.getBytes(StandardCharsets.UTF_8).length + O365_B.getBytes(StandardCharsets.UTF_8).length + 2;
    assertTrue(run.out().startsWith("replay: sent 2 events (" + bytes + " bytes) from 1 file to index ecd_test in "),
        run.out());
    assertTrue(run.out().endsWith(" s; by sourcetype: o365:management:activity 2\n"), run.out());
  }

  @Test
  void eventsWithoutRawAreSentAsJsonLinesThatStartWithTheirTime() throws IOException {
    // 2024-03-01T12:00:00Z is 1709294400 s after the epoch: 19783 days * 86400 + 12 h
    Path csv = file("table.csv", "_time,user,src_ip,host\n"
        + "2024-03-01T12:00:00Z,alice@contoso.com,\"10.0.0.1\n10.0.0.2\",mx01\n"
        + "1709294400.25,bob@contoso.com,,mx02\n");

    Runs.Run run = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test", csv.toString()));

    assertEquals(0, run.code(), run.all());
    List<FakeSplunkd.Request> sent = received();
    assertEquals(2, sent.size(), "one request per host");
    assertEquals("{\"_time\":\"1709294400.000000\",\"user\":\"alice@contoso.com\","
        + "\"src_ip\":[\"10.0.0.1\",\"10.0.0.2\"]}\n", sent.get(0).body());
    assertEquals(Map.of("index", "ecd_test", "sourcetype", "ecd:replay:json", "source", "table.csv",
        "host", "mx01"), sent.get(0).query());
    assertEquals("{\"_time\":\"1709294400.250000\",\"user\":\"bob@contoso.com\"}\n", sent.get(1).body());
    assertEquals("mx02", sent.get(1).query().get("host"));
  }

  @Test
  void jsonLinesShareRequestsUpToTheBatchSize() throws IOException {
    StringBuilder csv = new StringBuilder("_time,n\n");
    for (int i = 0; i < 450; i++) {
      csv.append(1_700_000_000 + i).append(',').append(i).append('\n');
    }
    Path file = file("many.csv", csv.toString());

    Runs.Run defaults = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test", file.toString()));
    assertEquals(0, defaults.code(), defaults.all());
    assertEquals(List.of(200, 200, 50), received().stream().map(r -> r.body().split("\n").length).toList());
    assertTrue(received().get(2).body().endsWith("{\"_time\":\"1700000449.000000\",\"n\":\"449\"}\n"));

    splunkd.requests.clear();
    Runs.Run small = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test", "--batch", "100", file.toString()));
    assertEquals(0, small.code(), small.all());
    assertEquals(5, received().size());
  }

  @Test
  void rawEventsWithoutAnySourcetypeAreAUsageErrorBeforeAnythingIsSent() throws IOException {
    Path ndjson = file("mailbox.ndjson", O365_A + "\n");

    Runs.Run run = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test", ndjson.toString()));

    assertEquals(2, run.code());
    assertEquals("replay: " + ndjson + ": 1 event carries _raw but no sourcetype field; pass --sourcetype, "
        + "e.g. --sourcetype o365:management:activity for O365 Management Activity records\n", run.err());
    assertTrue(splunkd.requests.isEmpty(), "nothing sent, not even a login");
  }

  @Test
  void exportedEventsKeepTheirOwnSourcetype() throws IOException {
    Path csv = file("export.csv", "_time,_raw,sourcetype,source,host\n"
        + "1709294400,\"Mar 01 12:00:00 mx01 postfix/smtp[1]: sent\",postfix_syslog,/var/log/maillog,mx01\n");

    Runs.Run run = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "main", csv.toString()));

    assertEquals(0, run.code(), run.all());
    FakeSplunkd.Request r = received().get(0);
    assertEquals("Mar 01 12:00:00 mx01 postfix/smtp[1]: sent\n", r.body());
    assertEquals(Map.of("index", "main", "sourcetype", "postfix_syslog", "source", "/var/log/maillog",
        "host", "mx01"), r.query());
  }

  @Test
  void eventsWithNeitherRawNorTimeAreSkippedCountedAndReported() throws IOException {
    Path csv = file("notime.csv", "_time,user\n1709294400,alice\n,bob\n,carol\n");

    Runs.Run run = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test", csv.toString()));

    assertEquals(0, run.code(), run.all());
    assertEquals("WARN replay: " + csv + ": skipped 2 of 3 events that have neither _raw nor a numeric "
        + "_time (events #2, #3)\n", run.err());
    assertTrue(run.out().startsWith("replay: sent 1 event "), run.out());
  }

  @Test
  void missingIndexIsReportedBeforeSending() throws IOException {
    Path ndjson = file("mailbox.ndjson", O365_A + "\n");

    Runs.Run run = Runs.replay(Runs.USER_ENV, Runs.on(splunkd,
        "--index", "no_such_index", "--sourcetype", "o365:management:activity", ndjson.toString()));

    assertEquals(2, run.code());
    assertEquals("replay: index 'no_such_index' does not exist on splunkd at http://127.0.0.1:" + splunkd.port()
        + "; create it first (Settings > Indexes, or: splunk add index no_such_index)\n", run.err());
    assertTrue(received().isEmpty());
  }

  @Test
  void badIndexNameAndMissingFilesAreUsageErrors() throws IOException {
    Runs.Run upper = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "Main", "x.csv"));
    assertEquals(2, upper.code());
    assertTrue(upper.err().startsWith("replay: --index 'Main' is not an index name"), upper.err());

    Runs.Run nofile = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "main"));
    assertEquals("replay: no FILE to replay (see replay --help)\n", nofile.err());

    Runs.Run missing = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "main", dir.resolve("nope.csv").toString()));
    assertEquals("replay: " + dir.resolve("nope.csv") + " is not a file\n", missing.err());

    Path bad = file("bad.ndjson", O365_A + "\n{not json\n");
    Runs.Run broken = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "main", bad.toString()));
    assertEquals(2, broken.code());
    assertTrue(broken.err().startsWith("replay: " + bad + ":2: "), broken.err());
    assertTrue(splunkd.requests.isEmpty());
  }

  @Test
  void progressBarIsDrawnOnStderrWhenAsked() throws IOException {
    Path ndjson = file("mailbox.ndjson", O365_A + "\n" + O365_B + "\n");

    Runs.Run quiet = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test",
        "--sourcetype", "o365:management:activity", ndjson.toString()));
    assertEquals("", quiet.err());

    Runs.Run shown = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test",
        "--sourcetype", "o365:management:activity", "--progress", ndjson.toString()));
    assertEquals(0, shown.code(), shown.all());
    assertTrue(shown.err().startsWith("\r["), shown.err());
    assertTrue(shown.err().contains("\r[##############################] 100%  2/2 events  "), shown.err());
    assertTrue(shown.err().endsWith(" s\n"), shown.err());
    assertFalse(shown.out().contains("\r"));
  }

  @Test
  void theSharedO365SamplesAreReplayedLineForLine() throws IOException {
    Path samples = SHARED.resolve("datasets/security_content/data_sources/o365_example_logs.ndjson");
    assumeTrue(Files.isRegularFile(samples), "shared datasets beside the repository");
    List<String> lines = Files.readAllLines(samples, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();

    Runs.Run run = Runs.replay(Runs.TOKEN_ENV, Runs.on(splunkd, "--index", "ecd_test",
        "--sourcetype", "o365:management:activity", samples.toString()));

    assertEquals(0, run.code(), run.all());
    assertEquals(19, lines.size());
    assertEquals(lines.stream().map(l -> l + "\n").toList(), received().stream().map(FakeSplunkd.Request::body).toList());
    // 19 lines of 41,213 bytes in all, each line ending in a newline, as sent
    assertTrue(run.out().startsWith("replay: sent 19 events (41,213 bytes) from 1 file to index ecd_test in "), run.out());
    // the UserLoginFailed sample has CreationTime 2023-10-10T17:08:65: sent as is, with a warning
    assertTrue(run.err().contains("1 event has no valid time stamp"), run.err());
  }

  @Test
  void credentialsNeverAppearInVerboseOutput() throws IOException {
    Path ndjson = file("mailbox.ndjson", O365_A + "\n");

    Runs.Run user = Runs.replay(Runs.USER_ENV, Runs.on(splunkd, "--index", "ecd_test",
        "--sourcetype", "o365:management:activity", "--verbose", ndjson.toString()));
    Runs.Run token = Runs.replay(Runs.TOKEN_ENV, Runs.on(splunkd, "--index", "ecd_test",
        "--sourcetype", "o365:management:activity", "--verbose", ndjson.toString()));

    assertEquals(0, user.code(), user.all());
    assertEquals(0, token.code(), token.all());
    for (String secret : List.of(FakeSplunkd.PASSWORD, FakeSplunkd.SESSION_KEY, FakeSplunkd.TOKEN)) {
      assertFalse(user.all().contains(secret));
      assertFalse(token.all().contains(secret));
    }
    assertTrue(token.err().contains("credentials from SPLUNK_TOKEN"), token.err());
  }

  @Test
  void badPasswordIsRefusedWithoutSendingEvents() throws IOException {
    Path ndjson = file("mailbox.ndjson", O365_A + "\n");
    Map<String, String> env = Map.of(Credentials.USERNAME_ENV, "admin", Credentials.PASSWORD_ENV, "Wrong-Secret-99");

    Runs.Run run = Runs.replay(env, Runs.on(splunkd, "--index", "ecd_test",
        "--sourcetype", "o365:management:activity", ndjson.toString()));

    assertEquals(2, run.code());
    assertEquals("replay: splunkd at http://127.0.0.1:" + splunkd.port() + " refused the credentials from "
        + "SPLUNK_USERNAME/SPLUNK_PASSWORD (HTTP 401: Login failed)\n", run.err());
    assertFalse(run.all().contains("Wrong-Secret-99"));
    assertTrue(received().isEmpty());
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    Runs.Run run = Runs.replay(Map.of(), "--help");
    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("Usage: replay --host H"), run.out());
  }
}
