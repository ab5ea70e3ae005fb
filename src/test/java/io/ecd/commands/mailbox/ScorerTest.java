package io.ecd.commands.mailbox;

import static io.ecd.commands.mailbox.Events.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecd.command.Record;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScorerTest {
  private final Scorer documented = Scorer.documented();

  @TempDir Path dir;

  private Scorer extended(String allowlist) throws IOException {
    return MailboxCollectionCommand.scorer(Profile.EXTENDED,
        Optional.of(Events.lookups(dir, allowlist)), Events.CLOCK);
  }

  private Scorer extended() throws IOException {
    return extended("account,reason,expires\n");
  }

  private static String scores(Score s) {
    return s.cmdlet() + "" + s.agent() + s.cross() + " " + s.total() + " " + s.detectionType();
  }

  // ---- documented profile: the seed SPL, exactly

  @ParameterizedTest
  @ValueSource(strings = {"New-MailboxExportRequest", "Get-MailboxExportRequest", "Search-Mailbox",
      "New-ComplianceSearch", "Start-ComplianceSearch", "New-ComplianceSearchAction",
      "Get-ComplianceSearchAction", "Invoke-MailboxSearch", "New-MailboxSearch"})
  void flagsEachDocumentedCmdlet(String operation) {
    assertEquals("100 1 ExchangeCollectionCmdlet",
        scores(documented.score(event("Operation", operation, "UserId", "admin@c.com"))));
  }

  @Test
  void comparesOperationCaseSensitivelyAsEvalDoes() {
    assertEquals("000 0 Unknown", scores(documented.score(event("Operation", "search-mailbox"))));
    assertEquals("000 0 Unknown", scores(documented.score(event("Operation", "SearchCreated"))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Client=WebServices;MailSniper", "python-requests/2.25.1",
      "Client=WebServices;Go-http-client/1.1", "CURL/8.4.0", "Wget/1.21",
      "Microsoft.Exchange.WebServices/15"})
  void flagsDocumentedAgentsAsCaseInsensitiveSubstrings(String clientInfo) {
    assertEquals("010 1 SuspiciousEWSClient",
        scores(documented.score(event("ClientInfoString", clientInfo))));
  }

  @Test
  void doesNotFlagCurlWithoutSlashOrTheRealMailSniperAgentInDocumentedProfile() {
    assertEquals(0, documented.score(event("ClientInfoString", "curling")).agent());
    // MailSniper's real user agent: the EWS Managed API default (detections.md section 5)
    assertEquals(0, documented.score(event("ClientInfoString",
        "Client=WebServices;ExchangeServicesClient/15.00.0847.030;")).agent());
  }

  @Test
  void namesTheFirstAgentPatternInListOrderNotTheFirstFoundInTheString() {
    Scorer scorer = Scorer.extended(List.of(), List.of("curl/", "Python"), List.of(), Events.CLOCK);
    Score score = scorer.score(event("ClientInfoString", "PYTHON-requests via CURL/8", "UserId", "eve@c.com"));
    assertEquals(List.of("agent:curl/"), score.signals());
  }

  @Test
  void agentSearchFindsWhatLowerCasingTheClientStringAndSearchingEachPatternFinds() {
    // the reference: the documented like(lower(ClientInfoString), "%pattern%"), pattern by pattern
    List<List<String>> patternLists = List.of(Scorer.DOCUMENTED_AGENTS,
        List.of("ab", "b", "ba", "k", "i"), List.of("zoë", "ab"), List.of("a", ""),
        IntStream.range(0, 65).mapToObj(i -> i == 64 ? "a" : "x" + i).toList());
    String alphabet = "aAbBkKiI/-. \u212a\u0130\u00eb\u00cb";
    Random random = new Random(42);
    for (List<String> patterns : patternLists) {
      Scorer scorer = Scorer.extended(List.of(), patterns, List.of(), Events.CLOCK);
      for (int t = 0; t < 3_000; t++) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(12); k > 0; k--) {
          b.append(random.nextInt(8) == 0
              ? patterns.get(random.nextInt(patterns.size())).toUpperCase(Locale.ROOT)
              : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
        }
        String clientInfo = b.toString();
        String lower = clientInfo.toLowerCase(Locale.ROOT);
        String expected = clientInfo.isEmpty() ? null : patterns.stream().map(p -> p.toLowerCase(Locale.ROOT))
            .filter(lower::contains).findFirst().orElse(null);
        for (Record event : List.of(event("ClientInfoString", clientInfo, "UserId", "u@c.com"),
            Events.decoded("ClientInfoString", clientInfo, "UserId", "u@c.com"))) {
          assertEquals(expected == null ? List.of() : List.of("agent:" + expected),
              scorer.score(event).signals(),
              () -> "patterns " + patterns + ", ClientInfoString " + clientInfo + ", " + event.utf8(0));
        }
      }
    }
  }

  @Test
  void scoresEventsStillInTheirWireFormAsTheSameEventsBuiltInMemory() {
    // the reference: eval's IN and ==, case-sensitive, on the decoded text
    List<String> operations = new java.util.ArrayList<>(Scorer.DOCUMENTED_OPERATIONS);
    operations.addAll(List.of("MailboxLogin", "mailboxlogin", "Search-Mailbox ", "Search-Mailbo",
        "New-MailboxSearc\u0127", "Send", "\"Search-Mailbox\"", "Search\"-Mailbox", ""));
    List<String> clients = List.of("", "Client=WebServices;MailSniper", "Client=\"python\" \u00eb",
        "curl", "CURL/8", "\u212a\u00eb", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
    for (String operation : operations) {
      for (String client : clients) {
        for (String owner : List.of("a@c.com", "b@c.com")) {
          String[] fields = {"Operation", operation, "ClientInfoString", client,
              "UserId", "a@c.com", "MailboxOwnerUPN", owner};
          Score inMemory = documented.score(event(fields));
          Score decoded = documented.score(Events.decoded(fields));
          String what = operation + " / " + client + " / " + owner;
          assertEquals(scores(inMemory), scores(decoded), what);
          int cmdlet = Scorer.DOCUMENTED_OPERATIONS.contains(operation) ? 1 : 0;
          int cross = operation.equals("MailboxLogin") && !owner.equals("a@c.com") ? 1 : 0;
          assertEquals(cmdlet, decoded.cmdlet(), what);
          assertEquals(cross, decoded.cross(), what);
        }
      }
    }
  }

  @Test
  void crossMailboxOnWireEventsComparesAsEvalDoesNumbersAsNumbersAndTextCaseSensitively() {
    // the reference: eval's UserId != MailboxOwnerUPN (Spl.notEqual) on the decoded text
    List<String> values = List.of("a@c.com", "A@c.com", "a@c.com ", "1", "1.0", " 1", "1e0", "1E0", "+1",
        "01", "1x", "e", "-", "\u20031", "1\u2003", "jos\u00e9@c.com", "jose@c.com", "\u0001", "1 2", "");
    for (String user : values) {
      for (String owner : values) {
        String[] fields = {"Operation", "MailboxLogin", "UserId", user, "MailboxOwnerUPN", owner};
        Boolean notEqual = io.ecd.spl.Spl.notEqual(user.isEmpty() ? null : user,
            owner.isEmpty() ? null : owner);
        int expected = Boolean.TRUE.equals(notEqual) ? 1 : 0;
        String what = "'" + user + "' / '" + owner + "'";
        assertEquals(expected, documented.score(event(fields)).cross(), what);
        assertEquals(expected, documented.score(Events.decoded(fields)).cross(), what);
      }
    }
  }

  @Test
  void treatsMissingOrEmptyClientInfoStringAsNull() {
    assertEquals(0, documented.score(event("Operation", "MailboxLogin")).agent());
    assertEquals(0, documented.score(event("ClientInfoString", "")).agent());
  }

  @Test
  void flagsMailboxLoginByAnotherUserAsCrossMailbox() {
    assertEquals("001 1 CrossMailboxAccess", scores(documented.score(event(
        "Operation", "MailboxLogin", "UserId", "eve@c.com", "MailboxOwnerUPN", "bob@c.com"))));
  }

  @Test
  void crossMailboxIsFalseWhenEitherSideIsNull() {
    assertEquals(0, documented.score(event("Operation", "MailboxLogin", "UserId", "eve@c.com")).cross());
    assertEquals(0, documented.score(event("Operation", "MailboxLogin", "MailboxOwnerUPN", "b@c.com")).cross());
    assertEquals(0, documented.score(event("Operation", "MailboxLogin", "UserId", "",
        "MailboxOwnerUPN", "b@c.com")).cross());
  }

  @Test
  void crossMailboxComparesCaseSensitivelyInDocumentedProfile() {
    Record e = event("Operation", "MailboxLogin", "UserId", "Bob@c.com", "MailboxOwnerUPN", "bob@c.com");
    assertEquals(1, documented.score(e).cross());
  }

  @Test
  void documentedCrossMailboxIgnoresMailItemsAccessed() {
    assertEquals(0, documented.score(event("Operation", "MailItemsAccessed", "UserId", "eve@c.com",
        "MailboxOwnerUPN", "bob@c.com", "LogonType", "1")).cross());
  }

  @Test
  void prefersCmdletThenAgentThenCrossForDetectionType() {
    assertEquals("110 2 ExchangeCollectionCmdlet", scores(documented.score(event(
        "Operation", "Search-Mailbox", "ClientInfoString", "python"))));
    assertEquals("011 2 SuspiciousEWSClient", scores(documented.score(event(
        "Operation", "MailboxLogin", "ClientInfoString", "wget", "UserId", "a", "MailboxOwnerUPN", "b"))));
  }

  @Test
  void judgesMultivalueFieldsByTheirFirstValue() {
    Record e = new Record();
    e.putAll("Operation", List.of("MailboxLogin", "Search-Mailbox"));
    assertEquals(0, documented.score(e).cmdlet());
  }

  @Test
  void documentedProfileReadsExactlyFourFields() {
    assertEquals(List.of("Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN"),
        documented.requiredFields());
  }

  // ---- extended profile

  @Test
  void extendedFlagsComplianceSearchOperationsAsLogged() throws IOException {
    Scorer s = extended();
    for (String op : List.of("SearchCreated", "SearchStarted", "SearchExported",
        "SearchExportDownloaded", "SearchPreviewed", "ViewedSearchExported")) {
      Score score = s.score(event("Operation", op, "Workload", "SecurityComplianceCenter", "UserId", "x@c.com"));
      assertEquals("100 1 ExchangeCollectionCmdlet", scores(score), op);
      assertEquals(List.of("cmdlet:" + op), score.signals());
    }
    // the lookup ties them to their workload
    assertEquals(0, s.score(event("Operation", "SearchCreated", "Workload", "Exchange")).cmdlet());
    assertEquals(1, s.score(event("Operation", "search-mailbox", "Workload", "Exchange")).cmdlet());
  }

  @Test
  void extendedFlagsTheEwsManagedApiAgent() throws IOException {
    Score score = extended().score(event("ClientInfoString",
        "Client=WebServices;ExchangeServicesClient/15.00.0847.030;", "UserId", "eve@c.com"));
    assertEquals("010 1 SuspiciousEWSClient", scores(score));
    assertEquals(List.of("agent:exchangeservicesclient/"), score.signals());
  }

  @Test
  void extendedFlagsNonOwnerMailItemsAccessedForAdminAndDelegateLogons() throws IOException {
    Scorer s = extended();
    for (String logonType : List.of("1", "2", "6")) {
      Score score = s.score(event("Operation", "MailItemsAccessed", "UserId", "eve@c.com",
          "MailboxOwnerUPN", "ceo@c.com", "LogonType", logonType));
      assertEquals("001 1 CrossMailboxAccess", scores(score), logonType);
    }
    for (String op : List.of("FolderBind", "MessageBind")) {
      assertEquals(1, s.score(event("Operation", op, "UserId", "eve@c.com",
          "MailboxOwnerUPN", "ceo@c.com", "LogonType", "2")).cross(), op);
    }
    assertEquals(0, s.score(event("Operation", "MailItemsAccessed", "UserId", "eve@c.com",
        "MailboxOwnerUPN", "ceo@c.com", "LogonType", "0")).cross());
    assertEquals(0, s.score(event("Operation", "MailItemsAccessed", "UserId", "eve@c.com",
        "MailboxOwnerUPN", "ceo@c.com")).cross());
    // compared without case
    assertEquals(0, s.score(event("Operation", "MailItemsAccessed", "UserId", "CEO@c.com",
        "MailboxOwnerUPN", "ceo@c.com", "LogonType", "1")).cross());
  }

  @Test
  void extendedSuppressesSystemPrincipals() throws IOException {
    Scorer s = extended();
    for (String user : List.of("S-1-5-18", "NT AUTHORITY\\SYSTEM (Microsoft.Exchange.ServiceHost)")) {
      Score score = s.score(event("Operation", "MailItemsAccessed", "UserId", user,
          "MailboxOwnerUPN", "ceo@c.com", "LogonType", "1"));
      assertEquals("000 0 Unknown", scores(score), user);
      assertEquals("system principal", score.suppressedBy());
      assertEquals(List.of("cross_mailbox:MailItemsAccessed"), score.signals());
    }
  }

  @Test
  void extendedAllowlistSuppressesUntilTheExpiryDayInclusive() throws IOException {
    Scorer s = extended("account,reason,expires\n"
        + "EDISCOVERY@c.com,legal hold team,\n"
        + "migration@c.com,tenant migration CHG-42,2024-03-31\n");
    Score team = s.score(event("Operation", "SearchExported", "Workload", "SecurityComplianceCenter",
        "UserId", "ediscovery@c.com"));
    assertEquals(0, team.total());
    assertEquals("allowlist: legal hold team", team.suppressedBy());
    String base = "Operation,MailItemsAccessed";
    Score onExpiryDay = s.score(event("Operation", "MailItemsAccessed", "UserId", "migration@c.com",
        "MailboxOwnerUPN", "ceo@c.com", "LogonType", "1", "_time", "1711929599")); // 2024-03-31T23:59:59Z
    assertEquals("allowlist: tenant migration CHG-42", onExpiryDay.suppressedBy(), base);
    Score dayAfter = s.score(event("Operation", "MailItemsAccessed", "UserId", "migration@c.com",
        "MailboxOwnerUPN", "ceo@c.com", "LogonType", "1", "_time", "1711929600")); // 2024-04-01T00:00:00Z
    assertNull(dayAfter.suppressedBy());
    assertEquals(1, dayAfter.total());
    // no _time: compared with today (2024-06-01), after the expiry
    assertEquals(1, s.score(event("Operation", "MailItemsAccessed", "UserId", "migration@c.com",
        "MailboxOwnerUPN", "ceo@c.com", "LogonType", "1")).total());
  }

  @Test
  void extendedReadsLogonTypeWorkloadAndTimeOnlyWhenLookupsNeedThem() throws IOException {
    assertEquals(List.of("Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN", "LogonType", "Workload"),
        extended().requiredFields());
  }

  @Test
  void extendedReadsTimeWhenAnAllowlistEntryExpires(@TempDir Path other) throws IOException {
    Scorer s = MailboxCollectionCommand.scorer(Profile.EXTENDED, Optional.of(Events.lookups(other,
        "account,reason,expires\na@c.com,r,2030-01-01\n")), Events.CLOCK);
    assertEquals(List.of("Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN", "LogonType",
        "Workload", "_time"), s.requiredFields());
  }
}
