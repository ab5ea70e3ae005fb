package io.ecd.commands.mailbox;

import static io.ecd.commands.mailbox.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecd.command.Record;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The four techniques of the seed's testing methodology, written as the O365 audit events they
 * would leave (field values follow detections.md section 5). Which are visible at all:
 *
 * <ol>
 *   <li>MailSniper Invoke-SelfSearch: visible as MailItemsAccessed over EWS, but its user agent is
 *       the EWS Managed API default, {@code ExchangeServicesClient/15.00.0847.030}; it contains
 *       none of the documented substrings, so only the extended profile sees it.
 *   <li>New-MailboxExportRequest: an on-premises Exchange cmdlet; Exchange Online never logs it.
 *       Only an on-premises admin audit record of the same shape (e.g. forwarded in a hybrid
 *       setup) would score, and does so in both profiles.
 *   <li>EWS through Microsoft.Exchange.WebServices.dll from PowerShell: the DLL name is not the
 *       user agent; the agent is {@code ExchangeServicesClient/15.00.0000.000}: extended only.
 *   <li>Remote OST file copy over a UNC path: an endpoint technique with no Exchange audit record;
 *       the only O365 trace is the owner's ordinary Outlook sync, which must not score.
 * </ol>
 */
class AdversaryTechniquesTest {
  private final Scorer documented = Scorer.documented();
  private final Scorer extended = MailboxCollectionCommand.scorer(Profile.EXTENDED,
      Optional.of(Events.APP_LOOKUPS), Events.CLOCK);

  @Test
  void mailSniperSelfSearchIsSeenOnlyByTheExtendedProfile() {
    Record selfSearch = event("Workload", "Exchange", "Operation", "MailItemsAccessed",
        "UserId", "victim@c.com", "MailboxOwnerUPN", "victim@c.com", "LogonType", "0",
        "MailAccessType", "Bind",
        "ClientInfoString", "Client=WebServices;ExchangeServicesClient/15.00.0847.030;");
    assertEquals(0, documented.score(selfSearch).total());
    assertEquals("SuspiciousEWSClient", extended.score(selfSearch).detectionType());
    // Invoke-GlobalO365MailSearch: impersonation into other mailboxes (LogonType 1)
    Record global = event("Workload", "Exchange", "Operation", "MailItemsAccessed",
        "UserId", "attacker@c.com", "MailboxOwnerUPN", "ceo@c.com", "LogonType", "1",
        "ClientInfoString", "Client=WebServices;ExchangeServicesClient/15.00.0847.030;");
    assertEquals(0, documented.score(global).total());
    assertEquals(2, extended.score(global).total());
  }

  @Test
  void mailboxExportRequestScoresInBothProfilesWhenLogged() {
    Record export = event("Workload", "Exchange", "RecordType", "1",
        "Operation", "New-MailboxExportRequest", "UserId", "admin@c.com", "ResultStatus", "True",
        "Parameters{}.Name", "Mailbox");
    assertEquals("ExchangeCollectionCmdlet", documented.score(export).detectionType());
    assertEquals("ExchangeCollectionCmdlet", extended.score(export).detectionType());
  }

  @Test
  void ewsManagedApiFromPowerShellIsSeenOnlyByTheExtendedProfile() {
    Record ews = event("Workload", "Exchange", "Operation", "MailItemsAccessed",
        "UserId", "user@c.com", "MailboxOwnerUPN", "user@c.com", "LogonType", "0",
        "ClientInfoString", "Client=WebServices;ExchangeServicesClient/15.00.0000.000;");
    assertEquals(0, documented.score(ews).total());
    assertEquals(1, extended.score(ews).agent());
  }

  @Test
  void ostCopyLeavesOnlyOrdinaryOwnerSyncWhichDoesNotScore() {
    Record sync = event("Workload", "Exchange", "Operation", "MailItemsAccessed",
        "UserId", "user@c.com", "MailboxOwnerUPN", "user@c.com", "LogonType", "0",
        "MailAccessType", "Sync", "ClientInfoString", "Client=MSExchangeRPC");
    assertEquals(0, documented.score(sync).total());
    assertEquals(0, extended.score(sync).total());
  }
}
