package io.ecd.commands.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.cli.Main;
import io.ecd.command.Record;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mailboxcollection served by the real entry point in a child JVM, with the harness as splunkd. */
class MailboxCollectionRoundTripTest {
  static final List<String> FIELDS =
      List.of("Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN", "_chunked_idx");

  private static SplunkdHarness start() {
    return SplunkdHarness.start(Launch.classpath(Main.class, "mailboxcollection"));
  }

  @Test
  void declaresRequiredFieldsAndPassesChunkedIndexBack() {
    try (SplunkdHarness splunkd = start()) {
      Reply info = splunkd.getinfo("mailboxcollection");
      assertEquals("streaming", info.metadata().get("type").getAsString());
      assertEquals("[\"Operation\",\"ClientInfoString\",\"UserId\",\"MailboxOwnerUPN\"]",
          info.metadata().get("required_fields").toString());

      Reply first = splunkd.execute(false, Chunks.csv(FIELDS, List.of(
          Arrays.asList("Search-Mailbox", null, "admin@c.com", null, "0"),
          Arrays.asList("MailboxLogin", "Outlook", "bob@c.com", "bob@c.com", "1"),
          Arrays.asList("MailboxLogin", "python-requests/2.31", "eve@c.com", "ceo@c.com", "2"))));
      assertEquals(2, first.records().size());
      Record admin = first.records().get(0);
      assertEquals("0", admin.get("_chunked_idx"));
      assertEquals("Search-Mailbox", admin.get("Operation"));
      assertEquals("ExchangeCollectionCmdlet", admin.get("DetectionType"));
      assertEquals("1", admin.get("SuspicionScore"));
      Record eve = first.records().get(1);
      assertEquals("2", eve.get("_chunked_idx"));
      assertEquals("python-requests/2.31", eve.get("ClientInfoString"));
      assertEquals("2", eve.get("SuspicionScore"));
      assertEquals("SuspiciousEWSClient", eve.get("DetectionType"));
      assertTrue(first.messages().isEmpty(), first.messages().toString());

      Reply last = splunkd.execute(true, Chunks.csv(FIELDS, List.of()));
      assertTrue(last.finished());
      assertEquals(0, last.records().size());
      assertEquals(List.of("INFO: mailboxcollection (profile=documented): 3 events scored, 2 passed on,"
          + " 1 with SuspicionScore 0 dropped (keep=suspicious)"), last.messages());
      splunkd.finishWith(0);
      splunkd.assertSessionKeyNeverShown();
    }
  }

  @Test
  void distributedFalseDeclaresStateful() {
    try (SplunkdHarness splunkd = start()) {
      Reply info = splunkd.getinfo("mailboxcollection", "distributed=false", "keep=all");
      assertEquals("stateful", info.metadata().get("type").getAsString());
      Reply r = splunkd.execute(true, Chunks.csv(FIELDS, List.of(
          Arrays.asList("MailboxLogin", "Outlook", "bob@c.com", "bob@c.com", "0"))));
      assertEquals("0", r.records().get(0).get("SuspicionScore"));
      assertEquals("0", r.records().get(0).get("_chunked_idx"));
      splunkd.finishWith(0);
    }
  }

  @Test
  void badOptionValueFailsGetinfoWithAnError() {
    try (SplunkdHarness splunkd = start()) {
      Reply info = splunkd.getinfo("mailboxcollection", "profile=full");
      assertTrue(info.finished());
      assertEquals(List.of("ERROR: mailboxcollection: invalid value 'full' for option profile; expected"
          + " one of documented, extended"), info.messages());
      splunkd.finishWith(1);
    }
  }
}
