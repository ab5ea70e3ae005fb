package io.ecd.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFilesTest {
  static final Path SHARED = Path.of(System.getProperty("ecd.shared.dir", "../shared"));
  static final Path SECURITY_CONTENT =
      SHARED.resolve("datasets/security_content/data_sources/o365_example_logs.ndjson");
  static final Path BEATS = SHARED.resolve("datasets/elastic_beats/x-pack/filebeat/module/o365/audit/test");

  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  // ---- the real datasets

  @Test
  void loadsSecurityContentExamplesAsRawO365Records() throws IOException {
    EventFiles.Loaded loaded = EventFiles.load(SECURITY_CONTENT);
    assertEquals(EventFiles.Format.NDJSON, loaded.summary().format());
    assertEquals(19, loaded.events().size());
    assertEquals(19, loaded.summary().rawO365Records());

    Record mail = loaded.events().get(9); // line 10
    assertEquals("MailItemsAccessed", mail.get("Operation"));
    assertEquals("1706803654", mail.get("_time")); // date -u -d 2024-02-01T16:07:34 +%s
    assertEquals("Bind", mail.get("MailAccessType"));
    assertEquals("False", mail.get("IsThrottled"));
    assertEquals(List.of("MailAccessType", "IsThrottled"), mail.getAll("OperationProperties{}.Name"));
    assertEquals(4, mail.getAll("Folders{}.FolderItems{}.InternetMessageId").size());
    assertEquals("\\Inbox", mail.get("Folders{}.Path"));
    assertEquals("0", mail.get("LogonType"));
    assertEquals("false", mail.get("ExternalAccess"));
    assertEquals("4", mail.get("OperationCount"));
    List<String> lines = Files.readAllLines(SECURITY_CONTENT);
    assertEquals(lines.get(9).strip(), mail.get("_raw"));
  }

  @Test
  void turnsParametersIntoTopLevelFieldsAndDropsEmptyValues() {
    Record assignment = EventFiles.read(SECURITY_CONTENT).get(18);
    assertEquals("New-ManagementRoleAssignment", assignment.get("Operation"));
    assertEquals("ApplicationImpersonation", assignment.get("Role"));
    assertEquals("lowpriv@splunkresearch.onmicrosoft.com", assignment.get("User"));
    assertEquals(List.of("User", "Name", "Role"), assignment.getAll("Parameters{}.Name"));
    assertEquals("2023-10-17T19:13:05", assignment.get("AppAccessContext.IssuedAtTime"));
    assertNull(assignment.get("ClientAppId")); // "" in the JSON
    assertEquals("1697570399", assignment.get("_time"));
  }

  @Test
  void keepsRecordWithInvalidCreationTimeWithNullTimeAndCountsIt() {
    EventFiles.Loaded loaded = EventFiles.load(SECURITY_CONTENT);
    Record failed = loaded.events().get(17); // line 18: CreationTime 2023-10-10T17:08:65
    assertEquals("UserLoginFailed", failed.get("Operation"));
    assertEquals("2023-10-10T17:08:65", failed.get("CreationTime"));
    assertNull(failed.get("_time"));
    assertEquals(1, loaded.summary().invalidTimes());
    assertEquals(1, loaded.summary().warnings().size());
    String warning = loaded.summary().warnings().get(0);
    assertTrue(warning.contains("o365_example_logs.ndjson:18:"), warning);
    assertTrue(warning.contains("2023-10-10T17:08:65"), warning);
  }

  @Test
  void loadsBeatsExchangeItemRecords() {
    List<Record> events = EventFiles.read(BEATS.resolve("02-exchange-item.log"));
    assertEquals(9, events.size());
    for (Record e : events) {
      assertEquals("S-1-5-18", e.get("UserId"));
      assertEquals("1", e.get("LogonType"));
      assertEquals("Exchange", e.get("Workload"));
      assertEquals("Client=WebServices;Action=ConfigureGroupMailbox", e.get("ClientInfoString"));
    }
    assertEquals("Create", events.get(0).get("Operation"));
    assertEquals("\\Inbox", events.get(0).get("Item.ParentFolder.Path"));
    assertEquals("1581959523", events.get(0).get("_time")); // 2020-02-17T17:12:03Z
    assertEquals("SIEMTest@testsiem.onmicrosoft.com", events.get(0).get("MailboxOwnerUPN"));
  }

  @Test
  void loadsBeatsIpFormatRecords() {
    List<Record> events = EventFiles.read(BEATS.resolve("ip-formats.log"));
    assertEquals(15, events.size());
    assertEquals("[10.11.12.13]:12345", events.get(0).get("ClientIP"));
    assertEquals("-1", events.get(0).get("RecordType"));
  }

  // ---- CSV as Splunk exports it

  @Test
  void readsCsvWithNewlineJoinedMultivalueCellsAndNullEmptyCells() throws IOException {
    Path csv = file("export.csv", "\uFEFF_time,UserId,Operations,ClientIP,_raw\r\n"
        + "\"2024-02-01T16:07:34.000+00:00\",alice@x.com,\"Search-Mailbox\nNew-ComplianceSearch\",,\"line one\nline two\"\r\n"
        + "1706803654.500,bob@x.com,MailboxLogin,10.0.0.1,r\r\n");
    EventFiles.Loaded loaded = EventFiles.load(csv);
    assertEquals(EventFiles.Format.CSV, loaded.summary().format());
    List<Record> events = loaded.events();
    assertEquals(2, events.size());
    assertEquals("1706803654", events.get(0).get("_time"));
    assertEquals(List.of("Search-Mailbox", "New-ComplianceSearch"), events.get(0).getAll("Operations"));
    assertFalse(events.get(0).has("ClientIP"));
    assertEquals("line one\nline two", events.get(0).get("_raw"));
    assertEquals("1706803654.5", events.get(1).get("_time"));
    assertEquals(List.of("_time", "UserId", "Operations", "ClientIP", "_raw"),
        events.get(0).fields().names());
  }

  @Test
  void normalisesIsoTimesWithOffsetsToEpochSeconds() {
    assertEquals("1706803654", Times.toEpoch("2024-02-01T17:07:34+01:00"));
    assertEquals("1706803654", Times.toEpoch("2024-02-01 16:07:34.000 UTC"));
    assertEquals("1706803654", Times.toEpoch("2024-02-01T16:07:34Z"));
    assertEquals("1706803654.25", Times.toEpoch("2024-02-01T16:07:34.2500000"));
    assertEquals("1706803654", Times.toEpoch("1706803654.000"));
    assertThrows(IllegalArgumentException.class, () -> Times.toEpoch("2023-10-10T17:08:65"));
    assertThrows(IllegalArgumentException.class, () -> Times.toEpoch("yesterday"));
  }

  @Test
  void rejectsCsvRowWithWrongFieldCountNamingTheLine() throws IOException {
    Path csv = file("bad.csv", "a,b\n1,2\n1,2,3\n");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(csv));
    assertEquals(3, e.line());
    assertEquals(csv + ":3: expected 2 fields as in the header, found 3", e.getMessage());
  }

  @Test
  void rejectsDuplicateCsvHeader() throws IOException {
    Path csv = file("dup.csv", "a,b,a\n1,2,3\n");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(csv));
    assertEquals(csv + ":1: header names field 'a' twice", e.getMessage());
  }

  @Test
  void rejectsUnparseableExportedTimeNamingTheLine() throws IOException {
    Path csv = file("time.csv", "_time,x\n1706803654,a\nlast tuesday,b\n");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(csv));
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("_time 'last tuesday'"), e.getMessage());
    assertTrue(e.getMessage().contains("expected epoch seconds or an ISO 8601 date-time"), e.getMessage());
  }

  @Test
  void extractsO365FieldsFromCsvThatHoldsOnlyRaw() throws IOException {
    Path csv = file("raw.csv", "_time,_raw,sourcetype\n"
        + "1700000000,\"{\"\"Operation\"\":\"\"Search-Mailbox\"\",\"\"CreationTime\"\":\"\"2024-02-01T16:07:34\"\","
        + "\"\"Parameters\"\":[{\"\"Name\"\":\"\"Identity\"\",\"\"Value\"\":\"\"bob\"\"}]}\",o365:management:activity\n");
    EventFiles.Loaded loaded = EventFiles.load(csv);
    Record e = loaded.events().get(0);
    assertEquals("Search-Mailbox", e.get("Operation"));
    assertEquals("bob", e.get("Identity"));
    assertEquals("1700000000", e.get("_time")); // the exported _time wins over CreationTime
    assertEquals(1, loaded.summary().rawO365Records());
  }

  // ---- JSON

  @Test
  void readsJsonArrayOfExportedEventsWithArraysAsMultivalue() throws IOException {
    Path json = file("export.json", "[\n {\"_time\": \"2024-02-01T16:07:34Z\", \"UserId\": \"a\","
        + " \"Operations\": [\"x\", \"y\"], \"n\": 3, \"gone\": null},\n"
        + " {\"CreationTime\": \"2024-02-01T16:07:35\", \"Operation\": \"MailboxLogin\", \"Item\": {\"Id\": 7}}\n]\n");
    EventFiles.Loaded loaded = EventFiles.load(json);
    assertEquals(EventFiles.Format.JSON_ARRAY, loaded.summary().format());
    Record exported = loaded.events().get(0);
    assertEquals("1706803654", exported.get("_time"));
    assertEquals(List.of("x", "y"), exported.getAll("Operations"));
    assertEquals("3", exported.get("n"));
    assertFalse(exported.has("gone"));
    Record raw = loaded.events().get(1);
    assertEquals("1706803655", raw.get("_time"));
    assertEquals("7", raw.get("Item.Id"));
    assertEquals("{\"CreationTime\":\"2024-02-01T16:07:35\",\"Operation\":\"MailboxLogin\",\"Item\":{\"Id\":7}}",
        raw.get("_raw"));
    assertEquals(1, loaded.summary().rawO365Records());
  }

  @Test
  void unwrapsSplunkExportLines() throws IOException {
    Path json = file("export.ndjson",
        "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"1706803654\",\"UserId\":\"a\"}}\n"
            + "{\"preview\":false,\"results\":[{\"_time\":\"1706803655\",\"UserId\":\"b\"}]}\n");
    List<Record> events = EventFiles.read(json);
    assertEquals(2, events.size());
    assertEquals("a", events.get(0).get("UserId"));
    assertEquals("1706803655", events.get(1).get("_time"));
    assertFalse(events.get(0).has("preview"));
  }

  @Test
  void rejectsMalformedNdjsonLineNamingLineAndColumn() throws IOException {
    Path json = file("bad.ndjson", "{\"a\": 1}\n\n{\"a\": }\n");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(json));
    assertEquals(3, e.line());
    assertEquals(json + ":3: column 7: malformed JSON (Expected value); expected one JSON object per line (NDJSON)", e.getMessage());
  }

  @Test
  void rejectsNonObjectInJsonArrayNamingTheElement() throws IOException {
    Path json = file("bad.json", "[{\"_time\": 1},\n 42]");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(json));
    assertEquals(2, e.line());
    assertTrue(e.getMessage().contains("element 1 of the JSON array is not an object"), e.getMessage());
  }

  @Test
  void rejectsTruncatedJsonArray() throws IOException {
    Path json = file("cut.json", "[{\"_time\": 1},\n {\"_time\": 2");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(json));
    assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void readsEmptyFileAsNoEvents() throws IOException {
    EventFiles.Loaded loaded = EventFiles.load(file("empty.csv", "  \n"));
    assertEquals(EventFiles.Format.EMPTY, loaded.summary().format());
    assertTrue(loaded.events().isEmpty());
  }

  @Test
  void streamsEventsOneAtATime() {
    List<String> operations = new ArrayList<>();
    EventFiles.Summary summary =
        EventFiles.forEach(SECURITY_CONTENT, r -> operations.add(r.get("Operation")));
    assertEquals(19, summary.events());
    assertEquals("Add app role assignment grant to user.", operations.get(0));
    assertEquals("New-ManagementRoleAssignment", operations.get(18));
  }

  @Test
  void reportsMissingFileAsEventFileException() {
    Path missing = dir.resolve("nope.csv");
    EventFileException e = assertThrows(EventFileException.class, () -> EventFiles.read(missing));
    assertTrue(e.getMessage().startsWith(missing + ": cannot read the file"), e.getMessage());
  }
}
