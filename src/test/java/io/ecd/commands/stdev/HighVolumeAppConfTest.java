package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Options;
import io.ecd.command.SearchContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped conf stanzas of the detection, checked against the documented SPL (the seed). */
class HighVolumeAppConfTest {
  private static final Path PROJECT = Path.of(System.getProperty("ecd.project.dir", "."));
  private static final Path SHARED = Path.of(System.getProperty("ecd.shared.dir", "../shared"));
  private static final String STANZA = "Email Collection Detections - Email servers sending high volume traffic to hosts - Rule";

  /** Stanza name to its keys; continuation lines ending in a backslash are joined. */
  static Map<String, Map<String, String>> conf(Path file) throws IOException {
    Map<String, Map<String, String>> stanzas = new LinkedHashMap<>();
    Map<String, String> current = null;
    String pendingKey = null;
    StringBuilder pending = null;
    for (String line : Files.readAllLines(file)) {
      if (pending != null) {
        pending.append('\n').append(line);
        if (!line.endsWith("\\")) {
          current.put(pendingKey, pending.toString());
          pending = null;
        }
        continue;
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.startsWith("[") && t.endsWith("]")) {
        current = new LinkedHashMap<>();
        stanzas.put(t.substring(1, t.length() - 1), current);
        continue;
      }
      int eq = t.indexOf('=');
      String key = t.substring(0, eq).strip();
      String value = t.substring(eq + 1).strip();
      if (value.endsWith("\\")) {
        pendingKey = key;
        pending = new StringBuilder(value);
      } else {
        current.put(key, value);
      }
    }
    return stanzas;
  }

  /** The documented pipeline, one string per command, whitespace collapsed. */
  private static List<String> seedPipeline() throws IOException {
    String seed = Files.readString(
        SHARED.resolve("seeds/email_servers_sending_high_volume_traffic_to_hosts.txt"));
    int start = seed.indexOf("| tstats");
    int end = seed.indexOf("_filter`", start) + "_filter`".length();
    return split(seed.substring(start, end));
  }

  private static List<String> split(String spl) {
    List<String> parts = new ArrayList<>();
    for (String p : spl.split("\\s\\|\\s")) {
      parts.add(p.replaceAll("\\s+", " ").replaceFirst("^\\| ", "").strip());
    }
    return parts;
  }

  @Test
  void replacesTheEventstatsEvalAndWhereAndKeepsTheRestOfTheDocumentedSearch() throws IOException {
    List<String> seed = seedPipeline();
    // tstats, drop_dm_object_name, eventstats, eventstats, eval, where, eval, table, filter
    assertEquals(9, seed.size(), seed.toString());
    Map<String, String> s = conf(PROJECT.resolve("default/savedsearches.conf")).get(STANZA);
    assertNotNull(s, "stanza " + STANZA);
    List<String> ours = split(s.get("search"));

    assertEquals(List.of(seed.get(0), seed.get(1)), ours.subList(0, 2));
    assertEquals(
        "stdevoutlier field=bytes_out by=dest_ip threshold=3 min_samples=4 current=@d", ours.get(2));
    assertEquals(List.of(seed.get(6), seed.get(7)), ours.subList(3, 5));
    assertEquals("eval dest=dest_ip", ours.get(5));
    assertEquals(seed.get(8), ours.get(6));
    assertEquals(7, ours.size());
    // the seed's eval/where constants are the command's options
    assertTrue(seed.get(4).contains("minimum_data_samples = 4, deviation_threshold = 3"));
  }

  @Test
  void shipsItsStdevoutlierOptionsValid() throws IOException {
    String search = conf(PROJECT.resolve("default/savedsearches.conf")).get(STANZA).get("search");
    Matcher m = Pattern.compile("\\| stdevoutlier ([^|]+)\\|").matcher(search);
    assertTrue(m.find());
    Settings settings = Settings.parse(
        Options.parse("stdevoutlier", Arrays.asList(m.group(1).strip().split(" "))),
        SearchContext.offline("stdevoutlier"), Clock.systemUTC());
    assertEquals(3, settings.threshold());
    assertEquals(4, settings.minSamples());
  }

  @Test
  void isScheduledDisabledWithAWindowLongEnoughToFire() throws IOException {
    Map<String, String> s = conf(PROJECT.resolve("default/savedsearches.conf")).get(STANZA);
    assertEquals("1", s.get("disabled"));
    assertEquals("1", s.get("enableSched"));
    assertEquals("-30d@d", s.get("dispatch.earliest_time"));
    assertEquals("now", s.get("dispatch.latest_time"));
    assertEquals("15 * * * *", s.get("cron_schedule"));
    assertFalse(s.get("description").isBlank());
    assertTrue(s.get("action.risk.param._risk").contains("\"risk_object_field\": \"dest\""));
    assertTrue(s.get("action.correlationsearch.annotations").contains("\"T1114.002\""));
  }

  @Test
  void definesTheMacrosItUses() throws IOException {
    Map<String, Map<String, String>> macros = conf(PROJECT.resolve("default/macros.conf"));
    assertEquals("search *",
        macros.get("email_servers_sending_high_volume_traffic_to_hosts_filter").get("definition"));
    assertEquals("rename $object$.* AS *", macros.get("drop_dm_object_name(1)").get("definition"));
    assertEquals("object", macros.get("drop_dm_object_name(1)").get("args"));
    assertTrue(macros.get("security_content_summariesonly").get("definition")
        .startsWith("summariesonly=false allow_old_summaries=true"));
  }

  @Test
  void describesEveryOptionInSearchbnf() throws IOException {
    Map<String, Map<String, String>> bnf = conf(PROJECT.resolve("default/searchbnf.conf"));
    Map<String, String> command = bnf.get("stdevoutlier-command");
    assertEquals("public", command.get("usage"));
    Matcher m = Pattern.compile("<(stdevoutlier-[a-z_]+-option)>").matcher(command.get("syntax"));
    int options = 0;
    while (m.find()) {
      assertNotNull(bnf.get(m.group(1)), m.group(1));
      options++;
    }
    assertEquals(8, options);
  }
}
