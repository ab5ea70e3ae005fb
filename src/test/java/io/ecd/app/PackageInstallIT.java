package io.ecd.app;

import static io.ecd.app.AppPackage.APP_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecd.command.Record;
import io.ecd.events.EventFiles;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package as an admin installs it: package.sh builds it around the jar {@code mvn package}
 * made, it is extracted into a temporary {@code $SPLUNK_HOME/etc/apps}, {@code commands.conf} is
 * read as splunkd reads it (stanza = command, {@code filename} in the app's {@code bin/}), and
 * every command is driven through its launcher by the splunkd-playing harness, on the O365
 * datasets in ../shared/datasets and on generated events whose results are worked out by hand.
 */
class PackageInstallIT {
  /** 2026-11-20T00:00:00Z: "today" of the generated traffic, so the searches' now is fixed. */
  private static final long TODAY = 1_795_132_800L;
  private static final long NOW = TODAY + 12 * 3600;
  private static final int CHUNK = 7;
  /** The feature release in a JDK's {@code release} file. */
  private static final java.util.regex.Pattern JAVA_VERSION = java.util.regex.Pattern.compile("^JAVA_VERSION=\"(\\d+)");
  /** The collection cmdlets of the detection's documented SPL (../shared/seeds). */
  private static final Set<String> SEED_CMDLETS = Set.of("New-MailboxExportRequest", "Get-MailboxExportRequest",
      "Search-Mailbox", "New-ComplianceSearch", "Start-ComplianceSearch", "New-ComplianceSearchAction",
      "Get-ComplianceSearchAction", "Invoke-MailboxSearch", "New-MailboxSearch");

  @TempDir static Path tmp;
  static Path splunkHome;
  static Path app;
  static ConfFile commands;

  @BeforeAll
  static void install() throws Exception {
    Path tgz = AppPackage.build(null, tmp.resolve("dist"), tmp.resolve("stage"), TODAY);
    splunkHome = tmp.resolve("splunk");
    Path apps = Files.createDirectories(splunkHome.resolve("etc/apps"));
    Files.createDirectories(splunkHome.resolve("var/log/splunk"));
    TarArchive.extract(TarArchive.read(tgz), apps);
    app = apps.resolve(APP_ID);
    commands = ConfFile.read(app.resolve("default/commands.conf"));
  }

  /** What splunkd would run for a stanza: bin/&lt;filename&gt; of the app (no PLATFORM/bin shipped). */
  private static Path launcher(String stanza) {
    String filename = commands.get(stanza, "filename");
    assertNotNull(filename, stanza + ": no filename");
    for (String platform : List.of("linux_x86_64", "linux_x86", "darwin_x86_64")) {
      assertFalse(Files.exists(app.resolve(platform + "/bin/" + filename)), "unexpected " + platform + "/bin");
    }
    Path launcher = app.resolve("bin").resolve(filename);
    assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
    return launcher;
  }

  private static SplunkdHarness start(String stanza) {
    return start(stanza, "");
  }

  private static SplunkdHarness start(String stanza, String javaOpts) {
    return start(stanza, javaOpts, "0");
  }

  /** {@code cds}: ECD_CDS; off but in the test of the archive, whose training runs in the background. */
  private static SplunkdHarness start(String stanza, String javaOpts, String cds) {
    return start(stanza, javaOpts, cds, Path.of(System.getProperty("java.home")));
  }

  private static SplunkdHarness start(String stanza, String javaOpts, String cds, Path javaHome) {
    Map<String, String> env = new HashMap<>();
    env.put("ECD_CDS", cds);
    env.put("SPLUNK_HOME", splunkHome.toString());
    env.put("JAVA_HOME", javaHome.toString());
    env.put("ECD_JAVA_HOME", "");
    env.put("ECD_JAVA_OPTS", javaOpts);
    env.put("TZ", "UTC");
    Path dispatch;
    try {
      dispatch = Files.createDirectories(splunkHome.resolve("var/run/splunk/dispatch/" + stanza + System.nanoTime()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return SplunkdHarness.start(List.of(launcher(stanza).toString()), env, dispatch, Duration.ofSeconds(60));
  }

  /** Sends {@code records} in chunks of {@link #CHUNK}; returns every record of every reply. */
  private static List<Record> drive(SplunkdHarness splunkd, List<Record> records, List<String> messages) {
    List<Record> out = new ArrayList<>();
    int sent = 0;
    do {
      List<Record> chunk = records.subList(sent, Math.min(records.size(), sent + CHUNK));
      sent += chunk.size();
      boolean last = sent >= records.size();
      Reply reply = splunkd.execute(last, SplunkdCsv.body(chunk));
      assertEquals(last, reply.finished(), "finished echoes the request");
      out.addAll(reply.records());
      messages.addAll(reply.messages());
    } while (sent < records.size());
    return out;
  }

  // ---- which scenarios cover which command; a stanza without one fails ----

  @TestFactory
  Stream<DynamicTest> everyCommandInCommandsConfRunsThroughItsLauncher() {
    Map<String, List<DynamicTest>> scenarios = Map.of(
        "mailboxcollection", List.of(
            DynamicTest.dynamicTest("mailboxcollection on generated events", this::mailboxGenerated),
            DynamicTest.dynamicTest("mailboxcollection on the O365 datasets", this::mailboxDatasets),
            DynamicTest.dynamicTest("mailboxcollection profile=extended reads the app's lookups",
                this::mailboxExtendedUsesInstalledLookups)),
        "stdevoutlier", List.of(
            DynamicTest.dynamicTest("stdevoutlier on generated daily traffic", this::stdevGenerated),
            DynamicTest.dynamicTest("stdevoutlier on the O365 datasets", this::stdevDatasets)));
    assertFalse(commands.stanzas().isEmpty(), "commands.conf has no stanza");
    List<DynamicTest> tests = new ArrayList<>();
    for (String stanza : commands.stanzas().keySet()) {
      List<DynamicTest> mine = scenarios.get(stanza);
      if (mine == null) {
        tests.add(DynamicTest.dynamicTest(stanza, () -> fail("commands.conf names " + stanza
            + " but the install test has no scenario for it")));
      } else {
        tests.addAll(mine);
      }
    }
    return tests.stream();
  }

  void mailboxGenerated() {
    List<Record> events = List.of(
        event("New-MailboxExportRequest", "Client=WebServices;Outlook", "admin@contoso.com", "ceo@contoso.com"),
        event("MailItemsAccessed", "Client=WebServices;python-requests/2.25.1;", "eve@contoso.com", "eve@contoso.com"),
        event("MailboxLogin", "Client=OWA", "eve@contoso.com", "cfo@contoso.com"),
        event("Search-Mailbox", "Client=WebServices;MailSniper", "eve@contoso.com", "hr@contoso.com"),
        event("Send", "Client=OWA", "bob@contoso.com", "bob@contoso.com"));
    try (SplunkdHarness splunkd = start("mailboxcollection")) {
      Reply info = splunkd.getinfo("mailboxcollection");
      assertEquals("streaming", info.metadata().get("type").getAsString());
      List<String> messages = new ArrayList<>();
      List<Record> out = drive(splunkd, events, messages);
      splunkd.finishWith(0);
      splunkd.assertSessionKeyNeverShown();
      // by the documented SPL: cmdlet, agent, cross-mailbox; score 0 (Send) is dropped
      assertEquals(List.of("New-MailboxExportRequest", "MailItemsAccessed", "MailboxLogin", "Search-Mailbox"),
          out.stream().map(r -> r.get("Operation")).toList());
      assertEquals(List.of("1", "1", "1", "2"), out.stream().map(r -> r.get("SuspicionScore")).toList());
      assertEquals(List.of("ExchangeCollectionCmdlet", "SuspiciousEWSClient", "CrossMailboxAccess",
          "ExchangeCollectionCmdlet"), out.stream().map(r -> r.get("DetectionType")).toList());
      assertTrue(messages.stream().noneMatch(m -> m.startsWith("ERROR")), messages.toString());
    }
    assertLogWritten("mailboxcollection");
  }

  void mailboxDatasets() {
    for (Path file : datasets()) {
      List<Record> events = EventFiles.read(file);
      assertFalse(events.isEmpty(), file.toString());
      try (SplunkdHarness splunkd = start("mailboxcollection")) {
        splunkd.getinfo("mailboxcollection", "keep=all");
        List<String> messages = new ArrayList<>();
        List<Record> out = drive(splunkd, events, messages);
        splunkd.finishWith(0);
        splunkd.assertSessionKeyNeverShown();
        assertEquals(events.size(), out.size(), file + ": keep=all passes every event on");
        for (int i = 0; i < out.size(); i++) {
          Record r = out.get(i);
          String operation = events.get(i).get("Operation");
          boolean cmdlet = operation != null && SEED_CMDLETS.contains(operation);
          assertEquals(cmdlet ? "1" : "0", r.get("IsSuspiciousCmdlet"), file + " event " + i);
          assertEquals(events.get(i).get("Operation"), r.get("Operation"), file + " event " + i);
          int score = Integer.parseInt(r.get("SuspicionScore"));
          assertEquals(Integer.parseInt(r.get("IsSuspiciousCmdlet")) + Integer.parseInt(r.get("IsSuspiciousAgent"))
              + Integer.parseInt(r.get("IsCrossMailboxAccess")), score, file + " event " + i);
        }
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("ERROR")), messages.toString());
      }
    }
  }

  void mailboxExtendedUsesInstalledLookups() {
    try (SplunkdHarness splunkd = start("mailboxcollection")) {
      splunkd.getinfo("mailboxcollection", "profile=extended", "keep=all");
      List<String> messages = new ArrayList<>();
      List<Record> out = drive(splunkd, List.of(
          event("New-MailboxExportRequest", "Client=WebServices;Outlook", "admin@contoso.com", "ceo@contoso.com")),
          messages);
      splunkd.finishWith(0);
      assertEquals(1, out.size());
      assertNotNull(out.get(0).get("MatchedSignals"), out.get(0).toString());
      assertTrue(messages.stream().noneMatch(m -> m.startsWith("ERROR")), messages.toString());
    }
  }

  void stdevGenerated() {
    // daily bytes per host for the 4 days before today, then today (hand-worked in the asserts)
    Map<String, long[]> days = Map.of(
        "10.0.0.1", new long[] {100, 110, 90, 100, 1000},
        "10.0.0.2", new long[] {200, 210, 190, 200, 205},
        "10.0.0.3", new long[] {50, 60, 40, 50, 55});
    List<Record> rows = new ArrayList<>();
    for (String host : List.of("10.0.0.1", "10.0.0.2", "10.0.0.3")) {
      for (int d = 0; d < 5; d++) {
        rows.add(Record.of("_time", Long.toString(TODAY - (4 - d) * 86_400L), "dest_ip", host,
            "bytes_out", Long.toString(days.get(host)[d])));
      }
    }
    try (SplunkdHarness splunkd = start("stdevoutlier")) {
      Reply info = splunkd.getinfo("stdevoutlier", "field=bytes_out", "by=dest_ip", "emit=all", "now=" + NOW);
      assertEquals("events", info.metadata().get("type").getAsString());
      List<String> messages = new ArrayList<>();
      List<Record> out = drive(splunkd, rows, messages);
      splunkd.finishWith(0);
      splunkd.assertSessionKeyNeverShown();
      assertEquals(15, out.size());
      // all 15 values: mean 2660 / 15 = 177.333..., sample stdev sqrt(783966.67 / 14) = 236.6346390...
      // 10.0.0.1 before today: mean 100, sample stdev sqrt(200 / 3) = 8.1649658...
      // 1000 > 177.33 + 3 * 236.63 = 887.24 and 1000 > 100 + 3 * 8.16: the only outlier
      for (Record r : out) {
        boolean today = Long.parseLong(r.get("_time").split("\\.")[0]) == TODAY;
        boolean spike = today && r.get("dest_ip").equals("10.0.0.1");
        assertEquals(spike ? "1" : "0", r.get("is_outlier"), r.toString());
        assertEquals(177.33333333333334, Double.parseDouble(r.get("avg_bytes_out")), 1e-9, r.toString());
        assertEquals(236.63463901329487, Double.parseDouble(r.get("stdev_bytes_out")), 1e-9, r.toString());
        assertEquals("5", r.get("num_data_samples"), r.toString());
      }
      Record spike = out.stream().filter(r -> "1".equals(r.get("is_outlier"))).findFirst().orElseThrow();
      assertEquals(100.0, Double.parseDouble(spike.get("per_source_avg_bytes_out")), 1e-9);
      assertEquals(Math.sqrt(200.0 / 3), Double.parseDouble(spike.get("per_source_stdev_bytes_out")), 1e-9);
      assertTrue(messages.stream().noneMatch(m -> m.startsWith("ERROR")), messages.toString());
    }
    assertLogWritten("stdevoutlier");
  }

  void stdevDatasets() {
    for (Path file : datasets()) {
      List<Record> events = EventFiles.read(file);
      try (SplunkdHarness splunkd = start("stdevoutlier")) {
        splunkd.getinfo("stdevoutlier", "field=RecordType", "by=Workload", "emit=all", "now=" + NOW);
        List<String> messages = new ArrayList<>();
        List<Record> out = drive(splunkd, events, messages);
        splunkd.finishWith(0);
        splunkd.assertSessionKeyNeverShown();
        assertEquals(events.size(), out.size(), file + ": emit=all keeps every row");
        assertTrue(out.stream().allMatch(r -> r.get("is_outlier") != null), file.toString());
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("ERROR")), messages.toString());
      }
    }
  }

  @Test
  void streamingCommandRunsFromASearchPeersKnowledgeBundle() throws Exception {
    // a search peer runs the app from the replicated bundle, not from etc/apps
    Path bundleApp = splunkHome.resolve("var/run/searchpeers/sh1-1795132800/apps/" + APP_ID);
    List<TarArchive.Entry> entries = TarArchive.read(AppPackage.build(null, tmp.resolve("dist-peer"),
        tmp.resolve("stage-peer"), TODAY));
    TarArchive.extract(entries, bundleApp.getParent());
    Path launcher = bundleApp.resolve("bin").resolve(commands.get("mailboxcollection", "filename"));
    Map<String, String> env = Map.of("SPLUNK_HOME", splunkHome.toString(), "JAVA_HOME",
        System.getProperty("java.home"), "ECD_JAVA_HOME", "", "ECD_JAVA_OPTS", "");
    try (SplunkdHarness splunkd = SplunkdHarness.start(List.of(launcher.toString()), env, tmp,
        Duration.ofSeconds(60))) {
      splunkd.getinfo("mailboxcollection", "profile=extended");
      List<String> messages = new ArrayList<>();
      List<Record> out = drive(splunkd, List.of(
          event("Search-Mailbox", "Client=WebServices;python-requests/2.31", "eve@contoso.com", "hr@contoso.com")),
          messages);
      splunkd.finishWith(0);
      assertEquals(1, out.size());
      assertNotNull(out.get(0).get("MatchedSignals"), "the extended profile found the bundle's lookups");
      assertTrue(messages.stream().noneMatch(m -> m.startsWith("ERROR")), messages.toString());
    }
  }

  @Test
  void launcherRefusesAJavaOlderThan17WithAnErrorFrame() throws Exception {
    Path old = Files.createDirectories(tmp.resolve("jdk11/bin"));
    Files.writeString(old.resolve("java"), "#!/bin/sh\nexit 0\n");
    old.resolve("java").toFile().setExecutable(true);
    Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
    Map<String, String> env = Map.of("SPLUNK_HOME", splunkHome.toString(), "JAVA_HOME", old.getParent().toString(),
        "ECD_JAVA_HOME", "");
    try (SplunkdHarness splunkd = SplunkdHarness.start(List.of(launcher("stdevoutlier").toString()), env, tmp,
        Duration.ofSeconds(20))) {
      Reply reply = splunkd.getinfo("stdevoutlier", "field=bytes_out");
      assertTrue(reply.finished());
      assertEquals(1, reply.messages().size());
      assertTrue(reply.messages().get(0).startsWith("ERROR: stdevoutlier: Java 17 or later is required"),
          reply.messages().get(0));
      splunkd.finishWith(1);
    }
  }

  @Test
  void getinfoProbeExitsCleanlyThroughTheLauncher() {
    for (String stanza : commands.stanzas().keySet()) {
      try (SplunkdHarness splunkd = start(stanza)) {
        String[] args = stanza.equals("stdevoutlier") ? new String[] {"field=bytes_out"} : new String[0];
        Reply info = splunkd.getinfo(stanza, args);
        assertFalse(info.finished(), info.metadataText());
        assertTrue(info.messages().isEmpty(), info.messages().toString());
        splunkd.finishWith(0);
        assertEquals("", splunkd.stderr(), "nothing on stderr for a getinfo probe");
      }
    }
  }

  @Test
  void jvmWarningsGoToStderrNeverIntoTheProtocolStream() throws IOException {
    // the JVM's own default sends its logged warnings to stdout, which splunkd reads as protocol;
    // -XX:+UseLargePages on a host without large pages configured makes it log one
    boolean noLargePages = Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .anyMatch(l -> l.matches("HugePages_Total:\\s+0"));
    try (SplunkdHarness splunkd = start("mailboxcollection",
        "-XX:+UseLargePages -XX:-UseTransparentHugePages")) {
      Reply info = splunkd.getinfo("mailboxcollection");
      assertFalse(info.finished(), info.metadataText());
      splunkd.finishWith(0);
      if (noLargePages) {
        assertTrue(splunkd.stderr().contains("UseLargePages disabled"), splunkd.stderr());
      }
    }
  }

  @Test
  void eachCommandRecordsAClassDataSharingArchiveThatItsJvmMaps() throws Exception {
    // -Xshare:on fails rather than go without the archive
    recordsAnArchiveEveryClassOfTheJarComesFrom(Path.of(System.getProperty("java.home")), "jsa",
        "-XX:SharedArchiveFile=", "-Xshare:on");
  }

  @Test
  void onJava25EachCommandRecordsAnAotCacheThatItsJvmUses() throws Exception {
    Path java25 = java25Home();
    Assumptions.assumeTrue(java25 != null,
        "no Java 25 or later in /usr/lib/jvm; ECD_TEST_JAVA25_HOME names one elsewhere");
    // -XX:AOTMode=on fails rather than go without the cache
    recordsAnArchiveEveryClassOfTheJarComesFrom(java25, "aot", "-XX:AOTCache=", "-XX:AOTMode=on");
  }

  /**
   * Each command's first search through its launcher with {@code javaHome} records an archive
   * {@code <command>-<key>.<extension>} in the background, with no failure marker; a run of that
   * JVM with the launcher's options, {@code useOption}{@code <archive>} and {@code strict} loads
   * every class of the jar from it.
   */
  private static void recordsAnArchiveEveryClassOfTheJarComesFrom(Path javaHome, String extension,
      String useOption, String strict) throws Exception {
    Path dir = splunkHome.resolve("var/run/" + APP_ID);
    for (String stanza : commands.stanzas().keySet()) {
      try (SplunkdHarness splunkd = start(stanza, "", "1", javaHome)) {
        splunkd.getinfo(stanza, stanza.equals("stdevoutlier") ? new String[] {"field=bytes_out"} : new String[0]);
        splunkd.finishWith(0);
      }
      Path archive = null;
      for (int i = 0; i < 600 && archive == null; i++) {
        try (Stream<Path> files = Files.list(dir)) {
          List<Path> all = files.toList();
          if (all.stream().noneMatch(p -> p.toString().endsWith(".lock"))) {
            archive = all.stream().filter(p -> p.getFileName().toString().matches(stanza + "-\\d+\\." + extension))
                .findFirst().orElse(null);
          }
        }
        if (archive == null) {
          Thread.sleep(100);
        }
      }
      assertNotNull(archive, "no ." + extension + " archive for " + stanza + " in " + dir);
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".failed") || p.toString().contains(".tmp."))
            .toList());
      }
      Path loads = tmp.resolve(stanza + "-" + extension + "-class-load.txt");
      List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
      cmd.addAll(List.of(launcherOptions(stanza)));
      cmd.addAll(List.of(useOption + archive, strict,
          "-Xlog:class+load=info:file=" + loads, "-jar", app.resolve("bin/lib/" + APP_ID + ".jar").toString(),
          "train", stanza));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().put("SPLUNK_HOME", splunkHome.toString());
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), output);
      List<String> ours = Files.readAllLines(loads).stream().filter(l -> l.contains(" io.ecd.")).toList();
      assertFalse(ours.isEmpty());
      assertEquals(List.of(), ours.stream().filter(l -> !l.contains("source: shared objects file")).toList(),
          "every class of the jar comes from the archive");
    }
  }

  /** A JDK of Java 25 or later: ECD_TEST_JAVA25_HOME, else the newest in /usr/lib/jvm; null if none. */
  private static Path java25Home() throws IOException {
    String named = System.getenv("ECD_TEST_JAVA25_HOME");
    if (named != null && !named.isEmpty()) {
      return Path.of(named);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    Path best = null;
    int bestFeature = 24;
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isReadable(release)) {
          continue;
        }
        for (String line : Files.readAllLines(release)) {
          java.util.regex.Matcher m = JAVA_VERSION.matcher(line);
          if (m.find() && Integer.parseInt(m.group(1)) > bestFeature) {
            bestFeature = Integer.parseInt(m.group(1));
            best = home;
          }
        }
      }
    }
    return best;
  }

  /** The JVM options the stanza's launcher starts Java with (its defaults, then its own). */
  private static String[] launcherOptions(String stanza) throws IOException {
    String options = "";
    for (Path script : List.of(app.resolve("bin/ecd_java.sh"), launcher(stanza))) {
      for (String line : Files.readAllLines(script)) {
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("^(?:ecd_default_opts|ECD_COMMAND_OPTS)='([^']*)'").matcher(line);
        if (m.find()) {
          options += " " + m.group(1);
        }
      }
    }
    return options.trim().split("\\s+");
  }

  @Test
  void badOptionsComeBackAsAnErrorNamingTheCommandAndOption() {
    try (SplunkdHarness splunkd = start("stdevoutlier")) {
      Reply info = splunkd.getinfo("stdevoutlier", "field=bytes_out", "threshold=-1");
      assertTrue(info.finished());
      assertTrue(info.messages().size() == 1 && info.messages().get(0).startsWith("ERROR: stdevoutlier")
          && info.messages().get(0).contains("threshold"), info.messages().toString());
      splunkd.finishWith(1);
    }
  }

  private static Record event(String operation, String client, String user, String owner) {
    return Record.of("_time", "1795100000", "Workload", "Exchange", "Operation", operation,
        "ClientInfoString", client, "UserId", user, "MailboxOwnerUPN", owner);
  }

  /** The O365 event files under ../shared/datasets (the LFS manifest and provenance notes excepted). */
  private static List<Path> datasets() {
    Path root = Launch.sharedDir().resolve("datasets");
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> found = files.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".ndjson") || p.toString().endsWith(".log")
              || p.toString().endsWith(".json"))
          .sorted().toList();
      assertFalse(found.isEmpty(), "no datasets under " + root);
      return found;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The operational log: {@code $SPLUNK_HOME/var/log/splunk/email_collection_detections.log}. */
  private static void assertLogWritten(String command) {
    Path dir = splunkHome.resolve("var/log/splunk");
    try (Stream<Path> files = Files.list(dir)) {
      StringBuilder all = new StringBuilder();
      assertTrue(Files.isRegularFile(dir.resolve(APP_ID + ".log")), "no " + APP_ID + ".log in " + dir);
      for (Path log : files.filter(p -> p.getFileName().toString().matches(APP_ID + "\\.log(\\.\\d+)?")).toList()) {
        all.append(Files.readString(log));
      }
      assertTrue(all.toString().contains(command + " started"), "no start line for " + command + " in " + dir);
      assertFalse(all.toString().contains(Chunks.SESSION_KEY), "session key in the log");
    } catch (IOException e) {
      fail("cannot read the logs in " + dir + ": " + e);
    }
  }
}
