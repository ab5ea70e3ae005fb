package io.ecd.commands.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SavedSearchesTest {
  static final String DOCUMENTED = "Email Collection Detections - Detect Remote Email Collection - Rule";
  static final String EXTENDED = "Email Collection Detections - Detect Remote Email Collection Extended - Rule";

  /** Stanza name to its keys; continuation lines joined. */
  static Map<String, Map<String, String>> conf() throws IOException {
    String text = Files.readString(Events.PROJECT.resolve("default/savedsearches.conf")).replace("\\\n", "\n");
    Map<String, Map<String, String>> stanzas = new LinkedHashMap<>();
    Map<String, String> current = null;
    String lastKey = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (line.startsWith("[")) {
        current = new LinkedHashMap<>();
        stanzas.put(line.substring(1, line.length() - 1), current);
      } else if (line.startsWith("|")) {
        current.merge(lastKey, " " + line, String::concat);
      } else {
        int eq = line.indexOf(" = ");
        lastKey = line.substring(0, eq);
        current.put(lastKey, line.substring(eq + 3));
      }
    }
    return stanzas;
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").trim();
  }

  @Test
  void documentedSearchKeepsTheSeedsStatsEvalTableAndSort() throws IOException {
    String seed = squash(Files.readString(Events.SHARED.resolve("seeds/detect_remote_email_collection.txt")));
    String search = squash(conf().get(DOCUMENTED).get("search"));
    String tail = seed.substring(seed.indexOf("| stats count as EventCount"),
        seed.indexOf("- DistinctMailboxes") + "- DistinctMailboxes".length());
    assertTrue(search.contains("| mailboxcollection " + tail), search);
    assertTrue(search.endsWith("| `detect_remote_email_collection_filter`"), search);
    assertTrue(search.startsWith("`ecd_o365_management_activity` Workload=Exchange | mailboxcollection |"), search);
  }

  @Test
  void bothSearchesShipDisabledScheduledAndAnnotated() throws IOException {
    Map<String, Map<String, String>> conf = conf();
    for (String name : List.of(DOCUMENTED, EXTENDED)) {
      Map<String, String> s = conf.get(name);
      assertEquals("1", s.get("disabled"), name);
      assertEquals("1", s.get("enableSched"), name);
      assertTrue(s.get("cron_schedule").matches("\\d+ \\* \\* \\* \\*"), name);
      assertEquals("-70m@m", s.get("dispatch.earliest_time"), name);
      assertEquals("-10m@m", s.get("dispatch.latest_time"), name);
      assertTrue(s.get("action.correlationsearch.annotations").contains("\"T1114.002\""), name);
      assertTrue(s.get("action.escu.mappings").contains("\"T1114.002\""), name);
      assertTrue(s.get("action.risk.param._risk").contains("\"risk_object_field\": \"UserId\""), name);
      assertEquals(name, s.get("action.correlationsearch.label"));
      assertFalse(s.get("description").isBlank(), name);
      assertFalse(s.containsKey("action.email.to"), name);
    }
    assertTrue(conf.get(EXTENDED).get("search").contains("| mailboxcollection profile=extended"));
  }
}
