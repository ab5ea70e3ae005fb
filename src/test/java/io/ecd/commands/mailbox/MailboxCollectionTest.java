package io.ecd.commands.mailbox;

import static io.ecd.commands.mailbox.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.CollectingOutput;
import io.ecd.command.CommandException;
import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Fields;
import io.ecd.command.Options;
import io.ecd.command.Record;
import io.ecd.command.SearchContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailboxCollectionTest {
  @TempDir Path dir;

  private MailboxCollection command(Optional<Path> lookups, String... args) {
    return MailboxCollectionCommand.create(Options.parse("mailboxcollection", List.of(args)),
        SearchContext.offline("mailboxcollection"), lookups, Events.CLOCK);
  }

  private MailboxCollection command(String... args) {
    return command(Optional.empty(), args);
  }

  private static List<Record> chunk() {
    return List.of(
        event("_chunked_idx", "0", "Operation", "Search-Mailbox", "UserId", "admin@c.com", "x", "kept"),
        event("_chunked_idx", "1", "Operation", "MailboxLogin", "UserId", "bob@c.com",
            "MailboxOwnerUPN", "bob@c.com"),
        event("_chunked_idx", "2", "ClientInfoString", "python-requests/2.31"));
  }

  @Test
  void dropsScoreZeroEventsByDefault() {
    CollectingOutput out = new CollectingOutput();
    command().execute(chunk(), true, out);
    assertEquals(2, out.records().size());
    assertEquals("0", out.records().get(0).get("_chunked_idx"));
    assertEquals("2", out.records().get(1).get("_chunked_idx"));
    assertEquals(List.of("INFO mailboxcollection (profile=documented): 3 events scored, 2 passed on,"
        + " 1 with SuspicionScore 0 dropped (keep=suspicious)"), out.messages());
  }

  @Test
  void keepAllPassesEveryEventWithItsScore() {
    CollectingOutput out = new CollectingOutput();
    command("keep=all").execute(chunk(), true, out);
    assertEquals(3, out.records().size());
    Record zero = out.records().get(1);
    assertEquals("0", zero.get("SuspicionScore"));
    assertEquals("Unknown", zero.get("DetectionType"));
  }

  @Test
  void passesEveryInputFieldThroughUnchangedAndAddsTheFiveFields() {
    Record in = event("_chunked_idx", "7", "Operation", "Search-Mailbox", "UserId", "admin@c.com",
        "x", "kept");
    in.putAll("mv", List.of("a", "b"));
    Map<String, List<String>> before = in.toMap();
    CollectingOutput out = new CollectingOutput();
    command().execute(List.of(in), false, out);
    Map<String, List<String>> after = out.records().get(0).toMap();
    for (Map.Entry<String, List<String>> e : before.entrySet()) {
      assertEquals(e.getValue(), after.get(e.getKey()), e.getKey());
    }
    assertEquals(Map.of("IsSuspiciousCmdlet", List.of("1"), "IsSuspiciousAgent", List.of("0"),
        "IsCrossMailboxAccess", List.of("0"), "SuspicionScore", List.of("1"),
        "DetectionType", List.of("ExchangeCollectionCmdlet")),
        Map.copyOf(after.entrySet().stream().filter(e -> !before.containsKey(e.getKey()))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
    assertTrue(out.messages().isEmpty(), "no summary before the last chunk");
  }

  @Test
  void declaresStreamingWithTheFieldsItReads() {
    assertEquals(new CommandInfo(CommandType.STREAMING,
        List.of("Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN")), command().info());
  }

  @Test
  void distributedFalseKeepsItOnTheSearchHead() {
    assertEquals(CommandType.STATEFUL, command("distributed=false").info().type());
  }

  @Test
  void rejectsBadOptionValues() {
    assertEquals("mailboxcollection: invalid value 'some' for option keep; expected one of suspicious, all",
        assertThrows(CommandException.class, () -> command("keep=some")).getMessage());
    assertEquals("mailboxcollection: invalid value 'full' for option profile; expected one of documented,"
        + " extended", assertThrows(CommandException.class, () -> command("profile=full")).getMessage());
    assertEquals("mailboxcollection: invalid value 'maybe' for option distributed; expected true or false",
        assertThrows(CommandException.class, () -> command("distributed=maybe")).getMessage());
    assertEquals("mailboxcollection: unknown option 'regex'; expected one of keep, profile, distributed",
        assertThrows(CommandException.class, () -> command("regex=.*")).getMessage());
  }

  @Test
  void extendedWithoutAnAppFolderSaysWhereLookupsAreExpected() {
    CommandException e = assertThrows(CommandException.class, () -> command("profile=extended"));
    assertTrue(e.getMessage().startsWith("mailboxcollection: profile=extended reads the app's lookups"
        + " folder, expected at <app>/lookups"), e.getMessage());
  }

  @Test
  void extendedAddsSignalsAndReportsSuppressedEvents() throws IOException {
    Path lookups = Events.lookups(dir, "account,reason,expires\nediscovery@c.com,legal hold,\n"
        + "old@c.com,finished project,2024-01-31\n");
    MailboxCollection cmd = command(Optional.of(lookups), "profile=extended", "keep=all");
    CollectingOutput out = new CollectingOutput();
    cmd.execute(List.of(
        event("Operation", "SearchExported", "Workload", "SecurityComplianceCenter", "UserId", "ediscovery@c.com"),
        event("Operation", "MailItemsAccessed", "UserId", "S-1-5-18", "MailboxOwnerUPN", "a@c.com", "LogonType", "1"),
        event("Operation", "MailItemsAccessed", "UserId", "eve@c.com", "MailboxOwnerUPN", "a@c.com",
            "LogonType", "2", "ClientInfoString", "Client=WebServices;ExchangeServicesClient/15.00.0847.030;")),
        true, out);
    assertEquals("allowlist: legal hold", out.records().get(0).get("SuppressedBy"));
    assertEquals("0", out.records().get(0).get("SuspicionScore"));
    assertEquals("system principal", out.records().get(1).get("SuppressedBy"));
    Record eve = out.records().get(2);
    assertEquals(List.of("agent:exchangeservicesclient/", "cross_mailbox:MailItemsAccessed"),
        eve.getAll("MatchedSignals"));
    assertEquals("2", eve.get("SuspicionScore"));
    assertEquals("SuspiciousEWSClient", eve.get("DetectionType"));
    assertFalse(eve.has("SuppressedBy"));
    assertEquals(List.of(
        "WARN mailboxcollection: allowlist entry on line 3 (old@c.com) expired on 2024-01-31; it no"
            + " longer suppresses later events",
        "INFO mailboxcollection (profile=extended): 3 events scored, 3 passed on; matching events"
            + " suppressed: 1 by system principal, 1 by the allowlist"), out.messages());
  }

  @Test
  void findsLookupsBesideTheJarInsideAnApp() throws IOException {
    Path app = dir.resolve("email_collection_detections");
    Path jar = Files.createDirectories(app.resolve("bin/lib")).resolve("email_collection_detections.jar");
    Files.writeString(jar, "");
    assertEquals(Optional.empty(), MailboxCollectionCommand.lookupsBeside(jar));
    Files.createDirectories(app.resolve("lookups"));
    assertEquals(Optional.of(app.resolve("lookups").toAbsolutePath()),
        MailboxCollectionCommand.lookupsBeside(jar));
    Path loose = Files.writeString(dir.resolve("x.jar"), "");
    assertEquals(Optional.empty(), MailboxCollectionCommand.lookupsBeside(loose));
  }

  /** A chunk as the decoder gives it: many events sharing one Fields, of every kind. */
  private static List<Record> largeChunk() {
    Fields fields = new Fields();
    String[][] kinds = {
        {"Operation", "Search-Mailbox", "UserId", "admin@c.com"},
        {"Operation", "MailboxLogin", "UserId", "eve@c.com", "MailboxOwnerUPN", "bob@c.com"},
        {"Operation", "MailItemsAccessed", "UserId", "eve@c.com", "MailboxOwnerUPN", "bob@c.com",
            "LogonType", "2"},
        {"ClientInfoString", "Client=WebServices; python-requests/2.31", "UserId", "dev@c.com"},
        {"Operation", "New-ComplianceSearch", "UserId", "NT AUTHORITY\\SYSTEM (w3wp)"},
        {"Operation", "New-ComplianceSearch", "UserId", "legal@c.com"},
        {"Operation", "MailboxLogin", "UserId", "bob@c.com", "MailboxOwnerUPN", "bob@c.com"},
        {"Operation", "Set-Mailbox"}};
    List<Record> events = new ArrayList<>();
    for (int i = 0; i < 3 * MailboxCollection.HALVES_MIN_EVENTS; i++) {
      Record r = new Record(fields);
      r.put("_chunked_idx", Integer.toString(i));
      String[] kind = kinds[(i * 7 + i / 5) % kinds.length];
      for (int k = 0; k < kind.length; k += 2) {
        r.put(kind[k], kind[k + 1]);
      }
      events.add(r);
    }
    return events;
  }

  private CollectingOutput run(Profile profile, Keep keep, boolean halves) throws IOException {
    Path lookups = Files.createDirectories(dir.resolve(halves ? "halves" : "one"));
    Scorer scorer = profile == Profile.DOCUMENTED ? Scorer.documented()
        : MailboxCollectionCommand.scorer(profile, Optional.of(Events.lookups(lookups,
            "account,reason,expires\nlegal@c.com,legal hold,\n")), Events.CLOCK);
    MailboxCollection command = new MailboxCollection(scorer, keep, true, halves);
    CollectingOutput out = new CollectingOutput();
    command.execute(largeChunk(), false, out);
    command.execute(largeChunk().subList(0, 100), true, out);
    return out;
  }

  @ParameterizedTest
  @CsvSource({"DOCUMENTED, ALL", "DOCUMENTED, SUSPICIOUS", "EXTENDED, ALL", "EXTENDED, SUSPICIOUS"})
  void aLargeChunkScoredInTwoHalvesGivesTheEventsFieldsAndCountsOfOnePass(Profile profile, Keep keep)
      throws IOException {
    CollectingOutput oneThread = run(profile, keep, false);
    CollectingOutput twoThreads = run(profile, keep, true);
    assertEquals(oneThread.records().size(), twoThreads.records().size());
    for (int i = 0; i < oneThread.records().size(); i++) {
      Record a = oneThread.records().get(i);
      Record b = twoThreads.records().get(i);
      assertEquals(a.toMap(), b.toMap(), "event " + i);
      assertEquals(a.fields().names(), b.fields().names(), "field order, event " + i);
    }
    assertEquals(oneThread.messages(), twoThreads.messages());
    assertTrue(oneThread.messages().get(0).contains(" " + (3 * MailboxCollection.HALVES_MIN_EVENTS
        + 100) + " events scored"), oneThread.messages().get(0));
    if (profile == Profile.EXTENDED) {
      String summary = oneThread.messages().get(0);
      assertFalse(summary.contains(" 0 by system principal") || summary.contains(" 0 by the allowlist"),
          summary);
    }
  }
}
