package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HighVolumeDetectionTest {
  private static final long TODAY = 1718409600; // 2024-06-15T00:00Z
  private static final long DAY = 86400;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return HighVolumeDetection.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        Clock.fixed(Instant.ofEpochSecond(TODAY + 43200), ZoneOffset.UTC), ZoneOffset.UTC);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * 10 hosts at 100 bytes on 4 days; 10.9.9.9 at 100, 100, 110, then 1000 today. Worked in
   * StdevOutlierCommandTest.flagsWithTheDocumentedThresholdAndMinimumSamples: avg 5310/44, X's
   * history avg 310/3, distances 6.48 and 155.31.
   */
  private static Path tstatsExport(Path dir, String prefix) throws IOException {
    StringBuilder csv = new StringBuilder(prefix + "dest_ip,_time," + prefix + "bytes_out\n");
    for (int h = 1; h <= 10; h++) {
      for (int d = 3; d >= 0; d--) {
        csv.append("10.0.1.").append(h).append(',').append(TODAY - d * DAY).append(",100\n");
      }
    }
    long[] x = {100, 100, 110, 1000};
    for (int d = 3; d >= 0; d--) {
      csv.append("10.9.9.9,").append(TODAY - d * DAY).append(',').append(x[3 - d]).append('\n');
    }
    Path file = dir.resolve("tstats.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void printsTheDocumentedTableAsCsv(@TempDir Path dir) throws IOException {
    Path file = tstatsExport(dir, "");
    assertEquals(0, run("--input", file.toString(), "--now", "1718452800", "--format", "csv"));
    assertEquals(
        "dest_ip,_time,bytes_out,avg_bytes_out,per_source_avg_bytes_out,"
            + "num_standard_deviations_away_from_server_average,"
            + "num_standard_deviations_away_from_client_average\n"
            + "10.9.9.9,1718409600,1000,120.68181818181819,103.33333333333333,6.48,155.31\n",
        out());
  }

  @Test
  void acceptsDataModelPrefixedFieldsAndTheClockAsNow(@TempDir Path dir) throws IOException {
    Path file = tstatsExport(dir, "All_Traffic.");
    assertEquals(0, run("--input", file.toString(), "--format", "json"));
    assertTrue(out().contains("\"dest_ip\": \"10.9.9.9\""), out());
    assertTrue(out().contains("\"num_standard_deviations_away_from_client_average\": \"155.31\""));
  }

  @Test
  void printsAnAlignedTableByDefault(@TempDir Path dir) throws IOException {
    assertEquals(0, run("--input", tstatsExport(dir, "").toString(), "--now", "1718452800"));
    String[] lines = out().split("\n");
    assertEquals(3, lines.length);
    assertTrue(lines[0].startsWith("dest_ip   _time       bytes_out  avg_bytes_out"), lines[0]);
    assertTrue(lines[2].startsWith("10.9.9.9  1718409600  1000       120.68181818181819"), lines[2]);
  }

  @Test
  void findsNothingBeforeTheHostHasFourSamples(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("two-days.csv");
    Files.writeString(file, "dest_ip,_time,bytes_out\n10.0.0.1," + (TODAY - DAY) + ",100\n"
        + "10.0.0.1," + TODAY + ",1000000\n");
    assertEquals(0, run("--input", file.toString(), "--now", "1718452800", "--format", "csv"));
    assertEquals("dest_ip,_time,bytes_out,avg_bytes_out,per_source_avg_bytes_out,"
        + "num_standard_deviations_away_from_server_average,"
        + "num_standard_deviations_away_from_client_average\n", out());
  }

  @Test
  void rejectsBadArgumentsWithUsage() {
    assertEquals(2, run());
    assertEquals(2, run("--input", "x.csv", "--format", "xml"));
    assertEquals(2, run("--input", "x.csv", "--now", "soon"));
    assertEquals(2, run("--input"));
    assertEquals(2, run("extra"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertTrue(e.contains("email-server-high-volume: invalid --format 'xml'; expected table, csv or json"), e);
    assertTrue(e.contains("usage: detect email-server-high-volume --input FILE [--now EPOCH]"), e);
  }

  @Test
  void failsOnAMissingFile(@TempDir Path dir) {
    assertEquals(1, run("--input", dir.resolve("absent.csv").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("email-server-high-volume: "));
  }
}
