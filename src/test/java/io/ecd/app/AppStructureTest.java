package io.ecd.app;

import static io.ecd.app.AppPackage.APP_ID;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ecd.testing.Launch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app package as package.sh builds it (with a stand-in jar, so this runs in every
 * {@code mvn test}): the AppInspect rules of ../shared/docs/splunk-app.md that can be checked
 * without AppInspect, and the packaging contract.
 */
class AppStructureTest {
  private static final long EPOCH = 1_700_000_000L;
  private static final String TOP = APP_ID + "/";
  /** The only keys AppInspect accepts in a chunked = true stanza. */
  private static final Pattern CHUNKED_KEYS =
      Pattern.compile("filename|chunked|is_risky|maxwait|maxchunksize|python\\.version|command\\.arg\\.[1-9][0-9]*");
  /** Splunk's own .conf files that an app like this may ship (anything else needs reload triggers). */
  private static final Set<String> SPLUNK_CONFS = Set.of("app.conf", "commands.conf", "searchbnf.conf",
      "savedsearches.conf", "macros.conf", "transforms.conf", "props.conf", "eventtypes.conf", "tags.conf",
      "collections.conf", "data/ui");

  @TempDir static Path tmp;
  static Path tgz;
  static List<TarArchive.Entry> entries;
  static Map<String, TarArchive.Entry> byName;
  static Path app;

  @BeforeAll
  static void buildPackage() throws Exception {
    Path jar = tmp.resolve("stand-in.jar");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, new Manifest())) {
      j.finish();
    }
    tgz = AppPackage.build(jar, tmp.resolve("dist"), tmp.resolve("stage"), EPOCH);
    entries = TarArchive.read(tgz);
    byName = new HashMap<>();
    entries.forEach(e -> byName.put(e.name(), e));
    Path root = tmp.resolve("extracted");
    TarArchive.extract(entries, root);
    app = root.resolve(APP_ID);
  }

  private static ConfFile conf(String name) {
    return ConfFile.read(app.resolve("default").resolve(name));
  }

  @Test
  void packageIsNamedAfterTheAppAndThePomVersion() {
    assertEquals(tmp.resolve("dist").resolve(APP_ID + "-" + AppPackage.version() + ".tgz"), tgz);
  }

  @Test
  void everyEntryLiesInOneTopFolderWithoutDotSlash() {
    assertEquals(TOP, entries.get(0).name());
    for (TarArchive.Entry e : entries) {
      assertTrue(e.name().startsWith(TOP), e.name());
      assertFalse(e.name().startsWith("./") || e.name().contains("/./") || e.name().contains("/../"), e.name());
    }
  }

  @Test
  void holdsNoHiddenFilesAndNothingSplunkRejects() {
    for (TarArchive.Entry e : entries) {
      for (String part : e.name().split("/")) {
        assertFalse(part.startsWith(".") || part.startsWith("__MACOSX") || part.endsWith(".pyc"), e.name());
      }
      String inApp = e.name().substring(TOP.length());
      assertFalse(inApp.startsWith("local/") || inApp.startsWith("users/") || inApp.equals("metadata/local.meta"),
          e.name());
    }
  }

  @Test
  void foldersAndScriptsAre755AndEverythingElse644() {
    Pattern script = Pattern.compile(Pattern.quote(TOP) + "bin/[^/]+\\.sh");
    for (TarArchive.Entry e : entries) {
      int expected = e.isDirectory() || script.matcher(e.name()).matches() ? 0755 : 0644;
      assertEquals(Integer.toOctalString(expected), Integer.toOctalString(e.mode()), e.name());
      assertTrue(e.isDirectory() || e.isFile(), "only files and folders: " + e.name());
    }
  }

  /** AppInspect's check_destructive_commands (4.3.1): its patterns, over every file it reads. */
  @Test
  void noFileHoldsWhatAppInspectCallsADestructiveCommand() {
    List<Pattern> prohibited = List.of(Pattern.compile("rm -rf"),
        Pattern.compile("[\"']rm[\"']\\s*,\\s*[\"']\\-[rf]{2}[\"']"), Pattern.compile("kill\\b"),
        Pattern.compile("halt\\b"), Pattern.compile("rm(?! -rf\\b)\\s+-[rf]{1,}"));
    Pattern skipped = Pattern.compile(".*\\.(txt|md|org|csv|rst|py|js|ts|tmpl|html)$");
    for (TarArchive.Entry e : entries) {
      if (!e.isFile() || skipped.matcher(e.name()).matches()) {
        continue;
      }
      String text = new String(e.data(), java.nio.charset.StandardCharsets.ISO_8859_1);
      for (Pattern p : prohibited) {
        Matcher m = p.matcher(text);
        assertFalse(m.find(), e.name() + " holds '" + (m.hitEnd() ? "" : text.substring(m.start(), m.end()))
            + "', which AppInspect fails");
      }
    }
  }

  @Test
  void entriesBelongToRootWithTheCommitTime() {
    for (TarArchive.Entry e : entries) {
      assertEquals(0, e.uid(), e.name());
      assertEquals(0, e.gid(), e.name());
      assertEquals(EPOCH, e.mtime(), e.name());
    }
  }

  @Test
  void sameSourcesGiveTheSameBytes() throws Exception {
    Path again = AppPackage.build(tmp.resolve("stand-in.jar"), tmp.resolve("dist2"), tmp.resolve("stage2"), EPOCH);
    assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(again));
  }

  @Test
  void holdsTheFilesTheIssueAsksFor() {
    for (String f : List.of("default/app.conf", "default/commands.conf", "metadata/default.meta", "README.md",
        "bin/lib/" + APP_ID + ".jar", "bin/mailboxcollection.sh", "bin/stdevoutlier.sh", "bin/ecd_java.sh",
        "static/appIcon.png", "static/appIcon_2x.png", "static/appIconAlt.png", "static/appIconAlt_2x.png",
        "default/data/ui/nav/default.xml", "default/data/ui/views/email_collection_overview.xml",
        "default/searchbnf.conf", "default/savedsearches.conf", "default/macros.conf", "default/transforms.conf")) {
      assertTrue(byName.containsKey(TOP + f), "missing " + f);
    }
  }

  @Test
  void appConfCarriesThePomVersionEverywhere() {
    ConfFile c = conf("app.conf");
    String version = AppPackage.version();
    assertTrue(version.matches("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"), "semver Major.Minor.Patch: " + version);
    assertEquals(version, c.get("id", "version"));
    assertEquals(version, c.get("launcher", "version"));
    assertEquals(Long.toString(EPOCH), c.get("install", "build"));
    assertEquals(APP_ID, c.get("package", "id"));
    assertEquals(APP_ID, c.get("id", "name"));
    assertEquals("false", c.get("install", "is_configured"));
    assertEquals(null, c.get("install", "install_source_checksum"));
  }

  @Test
  void repositoryAppConfAlreadyMatchesThePom() {
    ConfFile c = ConfFile.read(Launch.projectDir().resolve("default/app.conf"));
    assertEquals(AppPackage.version(), c.get("id", "version"), "default/app.conf [id] version vs pom.xml");
    assertEquals(AppPackage.version(), c.get("launcher", "version"), "default/app.conf [launcher] version vs pom.xml");
  }

  @Test
  void appConfLabelAndDescriptionFitAppInspect() {
    ConfFile c = conf("app.conf");
    String label = c.get("ui", "label");
    assertTrue(label.length() >= 5 && label.length() <= 80, label);
    String description = c.get("launcher", "description");
    assertTrue(description.length() <= 200, "description has " + description.length() + " characters");
    Pattern reserved = Pattern.compile("(?i)splunk\\s+(app|add-on|addon|technology add-on)s?\\s+for");
    assertFalse(reserved.matcher(label).find() || reserved.matcher(description).find());
    assertNotNull(c.get("launcher", "author"));
  }

  @Test
  void visibleAppHasANavWhoseDefaultViewExists() throws Exception {
    assertEquals("true", conf("app.conf").get("ui", "is_visible"));
    var nav = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(app.resolve("default/data/ui/nav/default.xml").toFile());
    var views = nav.getElementsByTagName("view");
    String defaultView = null;
    for (int i = 0; i < views.getLength(); i++) {
      var v = (org.w3c.dom.Element) views.item(i);
      if ("true".equals(v.getAttribute("default"))) {
        defaultView = v.getAttribute("name");
      }
    }
    assertNotNull(defaultView, "nav has no default view");
    assertTrue(Files.isRegularFile(app.resolve("default/data/ui/views/" + defaultView + ".xml")), defaultView);
  }

  @Test
  void commandStanzasAreChunkedWithOnlyAllowedKeysAndAnExecutableLauncher() {
    ConfFile c = conf("commands.conf");
    assertFalse(c.stanzas().isEmpty());
    for (var stanza : c.stanzas().entrySet()) {
      String name = stanza.getKey();
      assertTrue(name.matches("[a-z0-9]+"), "command name " + name);
      assertEquals("true", stanza.getValue().get("chunked"), name);
      for (String key : stanza.getValue().keySet()) {
        assertTrue(CHUNKED_KEYS.matcher(key).matches(), name + ": key not allowed with chunked = true: " + key);
      }
      String filename = stanza.getValue().get("filename");
      assertNotNull(filename, name + ": filename must be explicit");
      assertTrue(filename.matches("[A-Za-z0-9_]+\\.sh"), name + ": " + filename);
      TarArchive.Entry launcher = byName.get(TOP + "bin/" + filename);
      assertNotNull(launcher, name + ": bin/" + filename + " is not in the package");
      assertEquals(0755, launcher.mode(), filename);
    }
  }

  @Test
  void commandsAreTheOnesTheIssueNames() {
    assertEquals(Set.of("mailboxcollection", "stdevoutlier"), conf("commands.conf").stanzas().keySet());
  }

  @Test
  void defaultMetaGivesWriteToAdminAndScAdminOnly() {
    ConfFile meta = ConfFile.read(app.resolve("metadata/default.meta"));
    String global = meta.stanzas().containsKey("") ? meta.get("", "access") : meta.get("default", "access");
    assertNotNull(global, "default.meta needs a global [] stanza with access");
    for (var stanza : meta.stanzas().entrySet()) {
      String access = stanza.getValue().get("access");
      if (access == null) {
        continue;
      }
      Matcher m = Pattern.compile("read\\s*:\\s*\\[([^]]*)]\\s*,\\s*write\\s*:\\s*\\[([^]]*)]").matcher(access);
      assertTrue(m.matches(), "[" + stanza.getKey() + "] access = " + access);
      Set<String> write = roles(m.group(2));
      assertEquals(Set.of("admin", "sc_admin"), write, "[" + stanza.getKey() + "] write roles");
    }
    assertEquals(List.of("default.meta"), listing("metadata"));
  }

  @Test
  void commandsAndSearchHelpAreExportedButTheEscuMacroNamesStayInTheApp() {
    ConfFile meta = ConfFile.read(app.resolve("metadata/default.meta"));
    assertEquals("system", meta.get("commands", "export"));
    assertEquals("system", meta.get("searchbnf", "export"));
    assertEquals("none", meta.get("macros/security_content_summariesonly", "export"));
    assertEquals("none", meta.get("macros/drop_dm_object_name%281%29", "export"));
    assertEquals("none", meta.get("", "export"));
    assertEquals("none", meta.get("macros", "export"), "macros share names with ESCU's and CIM's global ones");
  }

  @Test
  void staticHoldsOnlyImagesAndTextAndTheIconsHaveTheirSizes() throws Exception {
    for (String f : listing("static")) {
      assertTrue(f.matches("[^/]+\\.(png|md|txt)"), "static/" + f);
    }
    Map<String, Integer> sizes = Map.of("appIcon.png", 36, "appIconAlt.png", 36, "appIcon_2x.png", 72,
        "appIconAlt_2x.png", 72);
    for (var icon : sizes.entrySet()) {
      var image = ImageIO.read(new ByteArrayInputStream(byName.get(TOP + "static/" + icon.getKey()).data()));
      assertNotNull(image, icon.getKey() + " is not a PNG");
      assertEquals(icon.getValue(), image.getWidth(), icon.getKey());
      assertEquals(icon.getValue(), image.getHeight(), icon.getKey());
    }
  }

  @Test
  void onlyLaunchersAreExecutableAndOnlyInBin() {
    for (TarArchive.Entry e : entries) {
      if (e.isFile() && (e.mode() & 0111) != 0) {
        assertTrue(e.name().matches(Pattern.quote(TOP) + "bin/[^/]+\\.sh"), e.name());
      }
      assertEquals(0, e.mode() & 0002, "world-writable: " + e.name());
    }
  }

  @Test
  void confAndViewFilesAreSplunksOwnWellFormedAndWithoutSpaces() throws Exception {
    for (String f : listing("default")) {
      assertFalse(f.contains(" "), "space in default/" + f);
      if (f.startsWith("data/ui/")) {
        assertTrue(f.matches("data/ui/(views|nav|panels)/[^/]+\\.xml"), "default/" + f);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(app.resolve("default").resolve(f).toFile());
      } else {
        assertTrue(SPLUNK_CONFS.contains(f), "default/" + f + " is not a Splunk .conf (custom confs need reload triggers)");
        ConfFile.read(app.resolve("default").resolve(f));
        assertFalse(Files.readString(app.resolve("default").resolve(f)).contains("\r"), "CR in default/" + f);
      }
    }
  }

  @Test
  void launchersUsePosixShWithUnixLineEndings() throws Exception {
    for (String f : listing("bin")) {
      if (f.endsWith(".sh")) {
        String text = Files.readString(app.resolve("bin").resolve(f));
        assertFalse(text.contains("\r"), f);
        if (f.equals("ecd_java.sh")) {
          assertFalse(text.startsWith("#!"), "ecd_java.sh is sourced, not run");
        } else {
          assertTrue(text.startsWith("#!/bin/sh\n"), f);
        }
      }
    }
  }

  @Test
  void savedSearchesFollowTheCloudVettingRules() {
    Path file = app.resolve("default/savedsearches.conf");
    for (var s : ConfFile.read(file).stanzas().entrySet()) {
      String name = s.getKey();
      Map<String, String> kv = s.getValue();
      if (kv.containsKey("description")) {
        assertFalse(kv.get("description").isBlank(), name + ": empty description");
      }
      assertTrue(kv.getOrDefault("action.email.to", "").isBlank(), name + ": action.email.to must be empty");
      assertFalse(kv.keySet().stream().anyMatch(k -> k.startsWith("action.script") || k.startsWith("action.populate_lookup")),
          name + ": action.script / action.populate_lookup");
      if ("1".equals(kv.get("enableSched")) || "true".equalsIgnoreCase(kv.get("enableSched"))) {
        assertNotNull(kv.get("dispatch.earliest_time"), name + ": scheduled without dispatch.earliest_time");
        assertNotNull(kv.get("dispatch.latest_time"), name + ": scheduled without dispatch.latest_time");
        assertFalse(kv.getOrDefault("dispatch.earliest_time", "").startsWith("rt"), name + ": real-time");
        int runs = Cron.runsPerHour(kv.get("cron_schedule"));
        assertTrue(runs <= 12, name + ": cron_schedule runs " + runs + " times an hour");
      }
    }
  }

  @Test
  void lookupsNamedInTransformsAreShipped() {
    Path file = app.resolve("default/transforms.conf");
    for (var s : ConfFile.read(file).stanzas().entrySet()) {
      String filename = s.getValue().get("filename");
      if (filename != null) {
        assertTrue(Files.isRegularFile(app.resolve("lookups").resolve(filename)), s.getKey() + ": lookups/" + filename);
      }
    }
  }

  @Test
  void everyCommandHasPublicSearchAssistantHelp() {
    Path file = app.resolve("default/searchbnf.conf");
    ConfFile bnf = ConfFile.read(file);
    for (String command : conf("commands.conf").stanzas().keySet()) {
      Map<String, String> help = bnf.stanza(command + "-command");
      for (String key : List.of("syntax", "shortdesc", "description", "usage")) {
        assertNotNull(help.get(key), "searchbnf.conf [" + command + "-command] " + key);
      }
      assertEquals("public", help.get("usage"), command);
    }
  }

  @Test
  void macrosHoldTheEscuHelpersAndAFilterPerSavedSearch() {
    ConfFile macros = conf("macros.conf");
    assertNotNull(macros.get("security_content_summariesonly", "definition"));
    assertNotNull(macros.get("drop_dm_object_name(1)", "definition"));
    assertTrue(macros.stanzas().keySet().stream().anyMatch(m -> m.endsWith("_filter")), "no filter macro");
    for (var s : conf("savedsearches.conf").stanzas().entrySet()) {
      Matcher filter = Pattern.compile("`([a-z0-9_]+_filter)`").matcher(s.getValue().getOrDefault("search", ""));
      while (filter.find()) {
        assertTrue(macros.stanzas().containsKey(filter.group(1)), s.getKey() + " uses undefined " + filter.group(1));
      }
    }
  }

  @Test
  void dashboardRunsBothCommandsWithMacrosThisAppDefines() throws Exception {
    var view = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(app.resolve("default/data/ui/views/email_collection_overview.xml").toFile());
    var queries = view.getElementsByTagName("query");
    StringBuilder spl = new StringBuilder();
    for (int i = 0; i < queries.getLength(); i++) {
      spl.append(queries.item(i).getTextContent()).append('\n');
    }
    assertTrue(Pattern.compile("\\|\\s*stdevoutlier [^|]*emit=all").matcher(spl).find(), "stdevoutlier emit=all");
    assertTrue(Pattern.compile("\\|\\s*mailboxcollection\\b").matcher(spl).find(), "mailboxcollection");
    ConfFile macros = conf("macros.conf");
    Matcher m = Pattern.compile("`([A-Za-z0-9_]+)(\\(([^)`]*)\\))?`").matcher(spl);
    int used = 0;
    while (m.find()) {
      int args = m.group(3) == null ? 0 : m.group(3).split(",").length;
      String stanza = args == 0 ? m.group(1) : m.group(1) + "(" + args + ")";
      assertTrue(macros.stanzas().containsKey(stanza), "the dashboard uses undefined macro " + stanza);
      used++;
    }
    assertTrue(used >= 3, "macros found: " + used);
  }

  @Test
  void cronRunsPerHourCountsTheMinuteField() {
    assertEquals(12, Cron.runsPerHour("*/5 * * * *"));
    assertEquals(15, Cron.runsPerHour("*/4 * * * *"));
    assertEquals(1, Cron.runsPerHour("15 * * * *"));
    assertEquals(4, Cron.runsPerHour("7,22,37,52 * * * *"));
    assertEquals(60, Cron.runsPerHour("* * * * *"));
    assertEquals(3, Cron.runsPerHour("0-20/10 */2 * * *"));
  }

  private static Set<String> roles(String list) {
    return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(r -> !r.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** Files under {@code dir} of the app, relative to it, sorted. */
  private static List<String> listing(String dir) {
    String prefix = TOP + dir + "/";
    List<String> out = new ArrayList<>();
    for (TarArchive.Entry e : entries) {
      if (e.isFile() && e.name().startsWith(prefix)) {
        out.add(e.name().substring(prefix.length()));
      }
    }
    return out;
  }

  /** Cron minute-field arithmetic: how often a schedule can fire within one hour. */
  static final class Cron {
    private Cron() {}

    static int runsPerHour(String cron) {
      if (cron == null) {
        fail("scheduled search without cron_schedule");
      }
      String[] fields = cron.strip().split("\\s+");
      assertEquals(5, fields.length, "cron_schedule needs 5 fields: " + cron);
      Set<Integer> minutes = new LinkedHashSet<>();
      for (String part : fields[0].split(",")) {
        int step = 1;
        String range = part;
        int slash = part.indexOf('/');
        if (slash >= 0) {
          step = Integer.parseInt(part.substring(slash + 1));
          range = part.substring(0, slash);
        }
        int from;
        int to;
        if (range.equals("*")) {
          from = 0;
          to = 59;
        } else if (range.contains("-")) {
          from = Integer.parseInt(range.substring(0, range.indexOf('-')));
          to = Integer.parseInt(range.substring(range.indexOf('-') + 1));
        } else {
          from = Integer.parseInt(range);
          to = slash >= 0 ? 59 : from;
        }
        assertTrue(from >= 0 && to <= 59 && from <= to && step > 0, "cron minute field: " + fields[0]);
        for (int m = from; m <= to; m += step) {
          minutes.add(m);
        }
      }
      return minutes.size();
    }
  }
}
