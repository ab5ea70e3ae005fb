package io.ecd.commands.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import io.ecd.events.EventFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteEmailCollectionTest {
  static final Path SECURITY_CONTENT =
      Events.SHARED.resolve("datasets/security_content/data_sources/o365_example_logs.ndjson");
  static final Path BEATS_ITEMS =
      Events.SHARED.resolve("datasets/elastic_beats/x-pack/filebeat/module/o365/audit/test/02-exchange-item.log");

  /** Exported events; expected rows below are worked out by hand from the documented SPL. */
  static final String EXPORT = String.join("\n",
      "_time,Workload,Operation,UserId,MailboxOwnerUPN,ClientIP,ClientInfoString",
      "1000,Exchange,Search-Mailbox,admin@c.com,,10.0.0.1,",
      "2000,Exchange,New-ComplianceSearch,admin@c.com,,10.0.0.2,python-requests/2.31",
      "1500,Exchange,MailboxLogin,eve@c.com,a@c.com,10.0.0.9,Client=WebServices;curl/8.0",
      "1600,Exchange,MailboxLogin,eve@c.com,b@c.com,10.0.0.9,Client=WebServices;curl/8.0",
      "1700,Exchange,MailboxLogin,eve@c.com,c@c.com,,Client=OWA",
      "1100,Exchange,MailboxLogin,,d@c.com,10.0.0.3,wget/1.2",                 // null UserId: dropped by stats
      "1200,AzureActiveDirectory,Search-Mailbox,admin@c.com,,10.0.0.4,",        // other workload
      "1300,exchange,MailboxLogin,bob@c.com,bob@c.com,10.0.0.6,Outlook",        // score 0
      "3003,Exchange,MailboxLogin,mallory@c.com,m4@c.com,10.0.0.5,Go-http-client/1.1",
      "3000,Exchange,MailboxLogin,mallory@c.com,m1@c.com,10.0.0.5,Go-http-client/1.1",
      "3001,Exchange,MailboxLogin,mallory@c.com,m2@c.com,10.0.0.10,Go-http-client/1.1",
      "3002,Exchange,MailboxLogin,mallory@c.com,m3@c.com,10.0.0.5,Go-http-client/1.1",
      "3005,Exchange,MailboxLogin,mallory@c.com,,10.0.0.5,Go-http-client/1.1",  // dc skips the null owner
      "3004,Exchange,MailboxLogin,mallory@c.com,m5@c.com,10.0.0.5,Go-http-client/1.1",
      "").replaceAll(" *//[^\n]*", "");

  static final String EXPECTED_CSV = String.join("\n",
      "FirstSeen,LastSeen,UserId,DetectionType,RiskLevel,EventCount,DistinctMailboxes,Operations,ClientIPs,UserAgents,MaxScore",
      "3000,3005,mallory@c.com,SuspiciousEWSClient,High,6,5,MailboxLogin,\"10.0.0.10\n10.0.0.5\",Go-http-client/1.1,2",
      "1500,1600,eve@c.com,SuspiciousEWSClient,High,2,2,MailboxLogin,10.0.0.9,Client=WebServices;curl/8.0,2",
      "1000,2000,admin@c.com,ExchangeCollectionCmdlet,High,2,0,\"New-ComplianceSearch\nSearch-Mailbox\",\"10.0.0.1\n10.0.0.2\",python-requests/2.31,2",
      "1700,1700,eve@c.com,CrossMailboxAccess,Medium,1,1,MailboxLogin,,Client=OWA,1",
      "");

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run detect(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RemoteEmailCollectionRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Optional.of(Events.APP_LOOKUPS), Events.CLOCK);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void printsTheDocumentedTableAsCsvForHandBuiltEvents() throws IOException {
    Path input = Files.writeString(dir.resolve("events.csv"), EXPORT);
    Run run = detect("--input", input.toString(), "--format", "csv");
    assertEquals(0, run.code(), run.err());
    assertEquals(EXPECTED_CSV, run.out());
    assertTrue(run.err().contains("14 events read (csv, 0 without a valid time), 13 in the searched"
        + " workloads, 12 suspicious, 0 suppressed, 4 rows"), run.err());
  }

  @Test
  void printsMultivalueCellsOneLineEachInTableFormat() throws IOException {
    Path input = Files.writeString(dir.resolve("events.csv"), EXPORT);
    String[] lines = detect("--input", input.toString()).out().split("\n");
    assertTrue(lines[0].startsWith("FirstSeen  LastSeen  UserId"), lines[0]);
    assertTrue(lines[2].startsWith("3000       3005      mallory@c.com"), lines[2]);
    assertTrue(lines[2].contains("10.0.0.10"), lines[2]);
    assertTrue(lines[3].trim().equals("10.0.0.5"), lines[3]); // second value of ClientIPs, own line
  }

  @Test
  void printsJsonWithArraysForMultivalueCells() throws IOException {
    Path input = Files.writeString(dir.resolve("events.csv"), EXPORT);
    String json = detect("--input", input.toString(), "--format", "json").out();
    var rows = com.google.gson.JsonParser.parseString(json).getAsJsonArray();
    assertEquals(4, rows.size());
    assertEquals("[\"10.0.0.10\",\"10.0.0.5\"]", rows.get(0).getAsJsonObject().get("ClientIPs").toString());
    assertTrue(!rows.get(3).getAsJsonObject().has("ClientIPs"));
  }

  @Test
  void scoresTheSecurityContentExamplesAsReasonedByHand() {
    // Exchange records: Add-MailboxPermission, Set-Mailbox, New-ManagementRoleAssignment (no
    // listed cmdlet, no ClientInfoString), ModifyFolderPermissions (Client=OWA), and
    // MailItemsAccessed whose ClientInfoString holds "python-requests": the only hit, an agent one.
    List<Record> events = EventFiles.read(SECURITY_CONTENT);
    List<Record> rows = RemoteEmailCollection.run(events, Scorer.documented()).rows();
    assertEquals(1, rows.size());
    Record row = rows.get(0);
    assertEquals("1706803654", row.get("FirstSeen"));
    assertEquals("1706803654", row.get("LastSeen"));
    assertEquals("user15@splunkresearch.onmicrosoft.com", row.get("UserId"));
    assertEquals("SuspiciousEWSClient", row.get("DetectionType"));
    assertEquals("Medium", row.get("RiskLevel"));
    assertEquals("1", row.get("EventCount"));
    assertEquals("1", row.get("DistinctMailboxes"));
    assertEquals("MailItemsAccessed", row.get("Operations"));
    assertEquals(List.of(), row.getAll("ClientIPs")); // the record has ClientIPAddress only
    assertEquals("1", row.get("MaxScore"));

    List<Record> extended = RemoteEmailCollection.run(EventFiles.read(SECURITY_CONTENT),
        MailboxCollectionCommand.scorer(Profile.EXTENDED, Optional.of(Events.APP_LOOKUPS), Events.CLOCK)).rows();
    assertEquals(1, extended.size());
    assertEquals("120.1.121.35", extended.get(0).get("ClientIPs"));
    assertEquals("agent:python", extended.get(0).get("Signals")); // LogonType 0: owner, not cross
  }

  @Test
  void findsNothingInTheBeatsSystemRecordsInEitherProfile() {
    // UserId S-1-5-18 differs from MailboxOwnerUPN, but the operations are Create and
    // ModifyFolderPermissions: documented checks cross-mailbox on MailboxLogin only, and the
    // client string Client=WebServices;Action=ConfigureGroupMailbox has no listed agent.
    List<Record> events = EventFiles.read(BEATS_ITEMS);
    RemoteEmailCollection.Result documented = RemoteEmailCollection.run(events, Scorer.documented());
    assertEquals(9, documented.counts().inWorkload());
    assertEquals(0, documented.counts().suspicious());
    assertEquals(0, documented.rows().size());
    Scorer extended = MailboxCollectionCommand.scorer(Profile.EXTENDED, Optional.of(Events.APP_LOOKUPS), Events.CLOCK);
    for (Record e : EventFiles.read(BEATS_ITEMS)) {
      Score s = extended.score(e);
      assertEquals(0, s.total());
      assertTrue(s.signals().isEmpty(), s.signals().toString());
    }
  }

  @Test
  void extendedKeepsComplianceCenterWorkload() throws IOException {
    Path input = Files.writeString(dir.resolve("scc.ndjson"),
        "{\"CreationTime\":\"2024-02-01T16:07:34\",\"Workload\":\"SecurityComplianceCenter\","
            + "\"Operation\":\"SearchExported\",\"UserId\":\"eve@c.com\",\"RecordType\":24}\n");
    assertEquals("", detect("--input", input.toString(), "--format", "csv").out().lines().skip(1)
        .reduce("", String::concat));
    String csv = detect("--input", input.toString(), "--format", "csv", "--profile", "extended").out();
    assertEquals("FirstSeen,LastSeen,UserId,DetectionType,RiskLevel,EventCount,DistinctMailboxes,"
        + "Operations,ClientIPs,UserAgents,MaxScore,Signals\n"
        + "1706803654,1706803654,eve@c.com,ExchangeCollectionCmdlet,High,1,0,SearchExported,,,1,"
        + "cmdlet:SearchExported\n", csv);
  }

  @Test
  void reportsUsageAndInputErrorsWithExitCodes() throws IOException {
    assertEquals(2, detect().code());
    assertEquals(2, detect("--input", "x", "--format", "xml").code());
    assertTrue(detect("--input", "x", "--format", "xml").err().contains("invalid --format 'xml'; expected table, csv or json"));
    assertEquals(2, detect("--input", "x", "--profile", "full").code());
    Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1\n");
    Run run = detect("--input", bad.toString());
    assertEquals(1, run.code());
    assertTrue(run.err().contains(bad + ":2: expected 2 fields as in the header, found 1"), run.err());
  }
}
