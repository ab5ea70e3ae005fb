package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyTest {
  private static final String SEARCH = "search index=ecd_test sourcetype=o365:management:activity "
      + "| stats count by user";

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

  private static Map<String, Object> row(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void matchingResultsExitZeroAndSayMatch() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(
        row("user", "alice@contoso.com", "count", "3"),
        row("user", "bob@contoso.com", "count", "12"))));
    Path expect = file("expect.csv", "user,count\nbob@contoso.com,12\nalice@contoso.com,3\n");

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd,
        "--search", SEARCH, "--earliest", "-30d@d", "--latest", "now", "--expect", expect.toString()));

    assertEquals(0, run.code(), run.all());
    assertEquals("MATCH: 2 rows as expected\n", run.out());
    FakeSplunkd.Job job = splunkd.jobs.values().iterator().next();
    assertEquals(SEARCH, job.search);
    assertEquals("-30d@d", job.args.get("earliest_time"));
    assertEquals("now", job.args.get("latest_time"));
    assertEquals("normal", job.args.get("exec_mode"));
  }

  @Test
  void mismatchExitsOneWithReadableDiff() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(
        row("user", "alice@contoso.com", "count", "3"),
        row("user", "bob@contoso.com", "count", "11"),
        row("user", "eve@contoso.com", "count", "1"))));
    Path expect = file("expect.csv", "user,count\nalice@contoso.com,3\nbob@contoso.com,12\n");

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd,
        "--search", SEARCH, "--expect", expect.toString()));

    assertEquals(1, run.code(), run.all());
    assertEquals(
        "MISMATCH: expected 2 rows, got 3; 1 matched, 1 missing, 2 unexpected\n"
            + "  user | count\n"
            + "- bob@contoso.com | 12\n"
            + "+ bob@contoso.com | 11\n"
            + "    count: expected '12', got '11'\n"
            + "+ eve@contoso.com | 1\n",
        run.out());
  }

  @Test
  void multivalueCellsCompareNewlineJoined() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(
        row("user", "alice@contoso.com", "src_ip", List.of("10.0.0.1", "10.0.0.2")))));
    Path expect = file("expect.csv", "user,src_ip\r\nalice@contoso.com,\"10.0.0.1\r\n10.0.0.2\"\r\n");

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH, "--expect", expect.toString()));

    assertEquals(0, run.code(), run.all());
  }

  @Test
  void expectedJsonTableIsAccepted() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(
        row("user", "alice@contoso.com", "count", "3", "src_ip", List.of("10.0.0.1", "10.0.0.2")))));
    Path expect = file("expect.json",
        "[{\"user\":\"alice@contoso.com\",\"count\":3,\"src_ip\":[\"10.0.0.1\",\"10.0.0.2\"]}]");

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH, "--expect", expect.toString()));

    assertEquals(0, run.code(), run.all());
  }

  @Test
  void noResultsWhenRowsAreExpectedExitsOne() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of()));
    Path expect = file("expect.csv", "user,count\nalice@contoso.com,3\n");

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH, "--expect", expect.toString()));

    assertEquals(1, run.code(), run.all());
    assertTrue(run.out().startsWith("NO RESULTS: expected 1 row, the search returned none\n"), run.out());
  }

  @Test
  void withoutExpectResultsArePrintedAndNoneIsAFailure() {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(row("user", "alice@contoso.com", "count", "3"))));
    Runs.Run some = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH));
    assertEquals(0, some.code(), some.all());
    assertEquals("1 result\ncount | user\n3 | alice@contoso.com\n", some.out());

    Runs.Run none = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", "index=nothing"));
    assertEquals(1, none.code(), none.all());
    assertTrue(none.out().contains("NO RESULTS"), none.out());
  }

  @Test
  void searchWithoutLeadingCommandGetsSearchPrepended() {
    Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", "index=ecd_test Operation=MailItemsAccessed"));
    Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", "| makeresults"));

    Set<String> searches = splunkd.jobs.values().stream().map(j -> j.search).collect(Collectors.toSet());
    assertEquals(Set.of("| makeresults", "search index=ecd_test Operation=MailItemsAccessed"), searches);
  }

  @Test
  void slowJobIsPolledUntilDone() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.slow(4, List.of(row("user", "alice@contoso.com"))));
    Path expect = file("expect.csv", "user\nalice@contoso.com\n");

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd,
        "--search", SEARCH, "--expect", expect.toString(), "--verbose"));

    assertEquals(0, run.code(), run.all());
    FakeSplunkd.Job job = splunkd.jobs.values().iterator().next();
    assertTrue(job.polls.get() >= 5, "polls: " + job.polls.get());
    assertTrue(run.err().contains("verify: search is RUNNING"), run.err());
    assertTrue(run.err().contains("verify: search is DONE with 1 results"), run.err());
  }

  @Test
  void jobThatOutlivesTimeoutIsCancelledAndExitsTwo() {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.never());

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH, "--timeout", "1"));

    assertEquals(2, run.code(), run.all());
    FakeSplunkd.Job job = splunkd.jobs.values().iterator().next();
    assertEquals("verify: the search (sid " + job.sid + ") did not finish within 1 s (--timeout); "
        + "it was cancelled\n", run.err());
    assertTrue(job.cancelled);
  }

  @Test
  void failedSearchExitsOneWithSplunkMessages() {
    splunkd.scripts.put("search index=x | nosuchcommand",
        FakeSplunkd.Script.failing("Unknown search command 'nosuchcommand'."));

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", "index=x | nosuchcommand"));

    assertEquals(1, run.code(), run.all());
    String sid = splunkd.jobs.keySet().iterator().next();
    assertEquals("verify: the search (sid " + sid + ") failed: FATAL: Unknown search command "
        + "'nosuchcommand'.\n", run.err());
  }

  @Test
  void savedSearchIsDispatchedInItsAppWithTimeRangeAndNoAlertActions() throws IOException {
    String name = "ESCU - O365 Multiple Mailboxes Accessed via API - Rule";
    splunkd.savedSearches.put(name, List.of("email_collection_detections"));
    splunkd.scripts.put(name, FakeSplunkd.Script.slow(2, List.of(row("user", "svc@contoso.com", "unique_mailboxes", "7"))));
    Path expect = file("expect.csv", "user,unique_mailboxes\nsvc@contoso.com,7\n");

    Runs.Run run = Runs.verify(Runs.TOKEN_ENV, Runs.on(splunkd, "--saved-search", name,
        "--app", "email_collection_detections", "--earliest", "0", "--latest", "now",
        "--expect", expect.toString()));

    assertEquals(0, run.code(), run.all());
    List<FakeSplunkd.Request> dispatches = splunkd.requests("POST", "/dispatch");
    assertEquals(1, dispatches.size());
    assertEquals("/servicesNS/nobody/email_collection_detections/saved/searches/"
        + "ESCU%20-%20O365%20Multiple%20Mailboxes%20Accessed%20via%20API%20-%20Rule/dispatch",
        dispatches.get(0).path());
    assertEquals(Map.of("dispatch.earliest_time", "0", "dispatch.latest_time", "now",
        "trigger_actions", "false"), dispatches.get(0).form());
  }

  @Test
  void savedSearchInSeveralAppsNeedsApp() {
    splunkd.savedSearches.put("Dup", List.of("search", "email_collection_detections"));

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--saved-search", "Dup"));
    assertEquals(2, run.code(), run.all());
    assertEquals("verify: 2 saved searches are named 'Dup' (owner/app: nobody/email_collection_detections, "
        + "nobody/search); pass --app to pick one\n", run.err());

    Runs.Run picked = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--saved-search", "Dup", "--app", "search"));
    assertEquals(1, picked.code(), picked.all()); // dispatched; no results
    assertEquals("/servicesNS/nobody/search/saved/searches/Dup/dispatch",
        splunkd.requests("POST", "/dispatch").get(0).path());
  }

  @Test
  void unknownSavedSearchIsAUsageError() {
    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--saved-search", "Nope", "--app", "search"));
    assertEquals(2, run.code());
    assertEquals("verify: no saved search named 'Nope' is visible in app search (--saved-search, --app)\n", run.err());
  }

  @Test
  void badPasswordExitsTwoWithSplunkdMessageAndNoSecret() {
    Map<String, String> env = Map.of(Credentials.USERNAME_ENV, "admin", Credentials.PASSWORD_ENV, "wrong-Pass-123");

    Runs.Run run = Runs.verify(env, Runs.on(splunkd, "--search", SEARCH, "--verbose"));

    assertEquals(2, run.code());
    assertTrue(run.err().endsWith("verify: splunkd at http://127.0.0.1:" + splunkd.port()
        + " refused the credentials from SPLUNK_USERNAME/SPLUNK_PASSWORD (HTTP 401: Login failed)\n"), run.err());
    assertFalse(run.all().contains("wrong-Pass-123"));
  }

  @Test
  void badTokenExitsTwo() {
    Runs.Run run = Runs.verify(Map.of(Credentials.TOKEN_ENV, "not-a-valid-token"), Runs.on(splunkd, "--search", SEARCH));

    assertEquals(2, run.code());
    assertEquals("verify: splunkd at http://127.0.0.1:" + splunkd.port() + " refused the credentials from "
        + "SPLUNK_TOKEN (HTTP 401: call not properly authenticated)\n", run.err());
    assertFalse(run.all().contains("not-a-valid-token"));
  }

  @Test
  void bearerTokenFromTokenFileIsSentAndNeverPrinted() throws IOException {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(row("user", "a"))));
    Path tokenFile = file("token", FakeSplunkd.TOKEN + "\n");

    Runs.Run run = Runs.verify(Map.of(), Runs.on(splunkd, "--search", SEARCH, "--token-file", tokenFile.toString(), "--verbose"));

    assertEquals(0, run.code(), run.all());
    assertTrue(splunkd.requests.stream().allMatch(r -> ("Bearer " + FakeSplunkd.TOKEN).equals(r.authorization())));
    assertFalse(run.all().contains(FakeSplunkd.TOKEN));
    assertFalse(run.all().contains("c2lnbmF0dXJlLXNlY3JldA"));
  }

  @Test
  void verboseOutputHoldsNoPasswordOrSessionKey() {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.slow(2, List.of(row("user", "a"))));

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH, "--verbose"));

    assertEquals(0, run.code(), run.all());
    assertTrue(run.err().contains("credentials from SPLUNK_USERNAME/SPLUNK_PASSWORD"), run.err());
    assertFalse(run.all().contains(FakeSplunkd.PASSWORD));
    assertFalse(run.all().contains(FakeSplunkd.SESSION_KEY));
  }

  @Test
  void appContextPutsTheSearchInTheUsersNamespaceOfThatApp() {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(row("user", "a"))));

    Runs.Run user = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH, "--app", "email_collection_detections"));
    Runs.Run token = Runs.verify(Runs.TOKEN_ENV, Runs.on(splunkd, "--search", SEARCH, "--app", "email_collection_detections"));

    assertEquals(0, user.code(), user.all());
    assertEquals(0, token.code(), token.all());
    List<String> creates = splunkd.requests.stream()
        .filter(r -> r.method().equals("POST") && r.path().endsWith("/search/v2/jobs")).map(FakeSplunkd.Request::path).toList();
    assertEquals(List.of("/servicesNS/admin/email_collection_detections/search/v2/jobs",
        "/servicesNS/nobody/email_collection_detections/search/v2/jobs"), creates);
  }

  @Test
  void olderSplunkUsesV1SearchEndpoints() {
    splunkd.version = "8.2.12";
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(row("user", "a"))));

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH));

    assertEquals(0, run.code(), run.all());
    assertEquals(1, splunkd.requests.stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/services/search/jobs")).count());
    assertTrue(splunkd.requests("POST", "/search/v2/").isEmpty());
    assertEquals(1, splunkd.requests("GET", "/results").size());
  }

  @Test
  void currentSplunkUsesV2SearchEndpoints() {
    splunkd.scripts.put(SEARCH, FakeSplunkd.Script.done(List.of(row("user", "a"))));

    Runs.Run run = Runs.verify(Runs.USER_ENV, Runs.on(splunkd, "--search", SEARCH));

    assertEquals(0, run.code(), run.all());
    assertEquals(1, splunkd.requests.stream()
        .filter(r -> r.method().equals("POST") && r.path().equals("/services/search/v2/jobs")).count());
    assertEquals(1, splunkd.requests("POST", "/results").size());
    assertTrue(splunkd.requests("GET", "/results").isEmpty());
  }

  @Test
  void connectionRefusedExitsTwoQuicklyWithClearMessage() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Runs.Run run = Runs.verify(Runs.USER_ENV, "--host", "127.0.0.1", "--port", String.valueOf(port),
        "--search", SEARCH);

    assertEquals(2, run.code());
    assertTrue(run.err().startsWith("verify: cannot connect to splunkd at https://127.0.0.1:" + port
        + " (Connection refused); is splunkd running, and is " + port + " its management port?"), run.err());
    assertTrue(run.millis() < 30_000, "took " + run.millis() + " ms");
  }

  @Test
  void usageErrorsExitTwo() {
    assertEquals(2, Runs.verify(Runs.USER_ENV, "--search", SEARCH).code());
    Runs.Run both = Runs.verify(Runs.USER_ENV, "--host", "h", "--search", "x", "--saved-search", "y");
    assertEquals(2, both.code());
    assertEquals("verify: give exactly one of --saved-search NAME and --search SPL (see verify --help)\n", both.err());
    Runs.Run secret = Runs.verify(Runs.USER_ENV, "--host", "h", "--search", "x", "--password", "hunter2-secret");
    assertEquals(2, secret.code());
    assertFalse(secret.all().contains("hunter2-secret"));
    assertTrue(secret.err().contains("credentials are never taken from the command line (--password)"), secret.err());
    Runs.Run none = Runs.verify(Map.of(), "--host", "h", "--search", "x");
    assertEquals("verify: no Splunk credentials: set SPLUNK_TOKEN, or SPLUNK_USERNAME and SPLUNK_PASSWORD, "
        + "in the environment, or pass --token-file PATH\n", none.err());
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    Runs.Run run = Runs.verify(Map.of(), "--help");
    assertEquals(0, run.code());
    assertTrue(run.out().startsWith("Usage: verify --host H"), run.out());
    assertTrue(run.out().contains("--saved-search NAME"));
  }
}
