package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.cli.Main;
import io.ecd.command.Record;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stdevoutlier in a child JVM started through Main, driven chunk by chunk as splunkd does. */
class StdevOutlierSessionTest {

  @Test
  void takesNowFromInfoCsvAndSnapsTodayInTheProcessTimeZone(@TempDir Path dispatch) throws IOException {
    // info.csv: now = 2024-03-10T12:00 EDT (16:00Z). In TZ=America/New_York today@d is
    // 2024-03-10T00:00 EST = 05:00Z (1710046800): the row at 04:30Z (23:30 EST on the 9th) is
    // history, so A's history is 10, 20, 30 (avg 20, stdev 10) and 100 at 06:00Z alerts with
    // client distance |100 - 20| / 10 = 8. Global values as twoHosts: distance 2.41.
    Files.writeString(dispatch.resolve("info.csv"), "_sid,_timestamp,now\r\n"
        + "1710086400.5,1710086400.900000000,1710086400.000000000\r\n");
    long m = 1710046800;
    String chunk1 = Chunks.csv(List.of("_time", "dest_ip", "bytes_out"), List.of(
        List.of(Long.toString(m - 3 * 86400), "a", "10"),
        List.of(Long.toString(m - 2 * 86400), "a", "20"),
        List.of(Long.toString(m - 1800), "a", "30"),
        List.of(Long.toString(m + 3600), "a", "100")));
    String chunk2 = Chunks.csv(List.of("_time", "dest_ip", "bytes_out"), List.of(
        List.of(Long.toString(m - 3 * 86400), "b", "10"),
        List.of(Long.toString(m - 2 * 86400), "b", "10"),
        List.of(Long.toString(m - 86400), "b", "10"),
        List.of(Long.toString(m + 3600), "b", "10")));
    List<String> command = Launch.classpath(Main.class, "stdevoutlier");
    try (SplunkdHarness splunkd = SplunkdHarness.start(
        command, Map.of("TZ", "America/New_York"), null, Duration.ofSeconds(30))) {
      Reply info = splunkd.request(Chunks.frame(Chunks.getinfoMetadata("stdevoutlier",
          dispatch.toString(), "field=bytes_out", "by=dest_ip", "threshold=1"), new byte[0]));
      assertEquals("{\"type\":\"events\"}", info.metadataText());
      Reply first = splunkd.execute(false, chunk1);
      assertEquals("{\"finished\":false}", first.metadataText());
      Reply last = splunkd.execute(true, chunk2);
      assertTrue(last.finished());
      assertEquals(1, last.records().size());
      Record r = last.records().get(0);
      assertEquals("a", r.get("dest_ip"));
      assertEquals("20", r.get("per_source_avg_bytes_out"));
      assertEquals("2.41", r.get("num_standard_deviations_away_from_server_average"));
      assertEquals("8", r.get("num_standard_deviations_away_from_client_average"));
      assertTrue(last.metadataText().contains("column now"), last.metadataText());
      splunkd.finishWith(0);
      splunkd.assertSessionKeyNeverShown();
    }
  }
}
