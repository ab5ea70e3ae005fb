package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.CollectingOutput;
import io.ecd.command.CommandException;
import io.ecd.command.CommandType;
import io.ecd.command.Options;
import io.ecd.command.Record;
import io.ecd.command.SearchCommand;
import io.ecd.command.SearchContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected values are worked by hand in the comments (sample stdev = sqrt(sum of squared
 * deviations / (n - 1)); distances = round(|x - avg| / stdev, 2)).
 */
class StdevOutlierCommandTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final double DAY = 86400;
  // now = 2024-06-15T12:00Z; today@d = 2024-06-15T00:00Z
  private static final double NOW = 1718452800;
  private static final double TODAY = 1718409600;

  private static Record row(String ip, double time, String bytes) {
    Record r = new Record();
    if (ip != null) {
      r.put("dest_ip", ip);
    }
    r.put("_time", time == Math.rint(time) ? Long.toString((long) time) : Double.toString(time));
    r.put("bytes_out", bytes);
    return r;
  }

  private static Record row(String ip, double time, long bytes) {
    return row(ip, time, Long.toString(bytes));
  }

  private static SearchCommand command(ZoneId zone, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    Options options = Options.parse("stdevoutlier", all);
    return new StdevOutlierFactory(zone, Clock.fixed(Instant.ofEpochSecond(0), UTC))
        .create(options, SearchContext.offline("stdevoutlier"));
  }

  private static CollectingOutput run(List<Record> rows, String... args) {
    return run(UTC, rows, args);
  }

  private static CollectingOutput run(ZoneId zone, List<Record> rows, String... args) {
    CollectingOutput out = new CollectingOutput();
    command(zone, args).execute(rows, true, out);
    return out;
  }

  private static String[] defaults(String... extra) {
    List<String> args = new ArrayList<>(List.of("field=bytes_out", "by=dest_ip", "now=1718452800"));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /**
   * A: 10, 20, 30 on the three days before today, 100 today; B: 10 on all four days.
   *
   * <p>Global, 8 values: sum 200, avg 25; squared deviations 15²·5 (=1125) + 5² + 5² + 75²
   * (=5625) = 6800; stdev = sqrt(6800/7) = 31.1677... A's history: avg 20, stdev
   * sqrt((100+0+100)/2) = 10.
   */
  private static List<Record> twoHosts() {
    return new ArrayList<>(List.of(
        row("10.0.0.1", TODAY - 3 * DAY, 10),
        row("10.0.0.1", TODAY - 2 * DAY, 20),
        row("10.0.0.1", TODAY - DAY, 30),
        row("10.0.0.1", TODAY, 100),
        row("10.0.0.2", TODAY - 3 * DAY, 10),
        row("10.0.0.2", TODAY - 2 * DAY, 10),
        row("10.0.0.2", TODAY - DAY, 10),
        row("10.0.0.2", TODAY, 10)));
  }

  @Test
  void declaresAnEventsCommand() {
    assertEquals(CommandType.EVENTS, command(UTC, defaults()).info().type());
    assertNull(command(UTC, defaults()).info().requiredFields());
  }

  @Test
  void flagsTodaysSpikeAboveBothBaselines() {
    List<Record> rows = twoHosts();
    rows.get(3).put("note", "kept");
    CollectingOutput out = run(rows, defaults("threshold=1"));

    // A today: 100 > 25 + 1·31.17 and 100 > 20 + 1·10, 4 samples >= 4, in today's window.
    // B today: 10 > 56.17 is false.
    assertEquals(1, out.records().size());
    Record r = out.records().get(0);
    assertEquals("10.0.0.1", r.get("dest_ip"));
    assertEquals("100", r.get("bytes_out"));
    assertEquals("kept", r.get("note"));
    assertEquals("25", r.get("avg_bytes_out"));
    assertEquals(31.16774889895918, Double.parseDouble(r.get("stdev_bytes_out")), 1e-12);
    assertEquals("4", r.get("num_data_samples"));
    assertEquals("20", r.get("per_source_avg_bytes_out"));
    assertEquals("10", r.get("per_source_stdev_bytes_out"));
    // |100 - 25| / 31.1677 = 2.4063 -> 2.41; |100 - 20| / 10 = 8
    assertEquals("2.41", r.get("num_standard_deviations_away_from_server_average"));
    assertEquals("8", r.get("num_standard_deviations_away_from_client_average"));
    assertNull(r.get("is_outlier"));
  }

  @Test
  void flagsWithTheDocumentedThresholdAndMinimumSamples() {
    // 10 hosts at 100 on 4 days; X: 100, 100, 110 before today and 1000 today.
    // Global: n 44, sum 5310, avg 120.6818...; squared deviations 42·(20.6818)² + (10.6818)²
    // + (879.318)² = 791279.55, stdev = sqrt(791279.55/43) = 135.653; 1000 > 120.68 + 406.96.
    // X history: avg 103.333, stdev sqrt((2·(10/3)² + (20/3)²)/2) = 5.7735; 1000 > 120.65.
    List<Record> rows = new ArrayList<>();
    for (int h = 1; h <= 10; h++) {
      for (int d = 3; d >= 0; d--) {
        rows.add(row("10.0.1." + h, TODAY - d * DAY, 100));
      }
    }
    rows.add(row("10.9.9.9", TODAY - 3 * DAY, 100));
    rows.add(row("10.9.9.9", TODAY - 2 * DAY, 100));
    rows.add(row("10.9.9.9", TODAY - DAY, 110));
    rows.add(row("10.9.9.9", TODAY, 1000));

    CollectingOutput out = run(rows, defaults("threshold=3", "min_samples=4", "current=@d"));

    assertEquals(1, out.records().size());
    Record r = out.records().get(0);
    assertEquals("10.9.9.9", r.get("dest_ip"));
    assertEquals("120.68181818181819", r.get("avg_bytes_out")); // 5310/44 printed in full
    assertEquals(135.65341829195367, Double.parseDouble(r.get("stdev_bytes_out")), 1e-9);
    assertEquals(103.33333333333333, Double.parseDouble(r.get("per_source_avg_bytes_out")), 1e-12);
    assertEquals(5.773502691896257, Double.parseDouble(r.get("per_source_stdev_bytes_out")), 1e-12);
    // 879.318/135.653 = 6.482 -> 6.48; 896.667/5.7735 = 155.307 -> 155.31
    assertEquals("6.48", r.get("num_standard_deviations_away_from_server_average"));
    assertEquals("155.31", r.get("num_standard_deviations_away_from_client_average"));
  }

  @Test
  void neverFiresWhenTheWindowHoldsOnlyTwoDailyBuckets() {
    // the shipped ESCU schedule (-70m@m..-10m@m) sees at most yesterday and today: count <= 2 < 4
    List<Record> rows = new ArrayList<>();
    for (int h = 1; h <= 20; h++) {
      rows.add(row("10.0.1." + h, TODAY - DAY, 100));
      rows.add(row("10.0.1." + h, TODAY, h == 1 ? 100000 : 100));
    }
    assertTrue(run(rows, defaults()).records().isEmpty());
  }

  @Test
  void leavesPerSourceStdevNullForOneHistorySample() {
    // A: 10 yesterday, 100 today. per-source avg 10, stdev of one value is null, so the
    // comparison is false even with min_samples=1, and the client distance is null.
    List<Record> rows = List.of(row("a", TODAY - DAY, 10), row("a", TODAY, 100));
    CollectingOutput out = run(rows, defaults("threshold=0.001", "min_samples=1", "emit=all"));
    Record today = out.records().get(1);
    assertEquals("10", today.get("per_source_avg_bytes_out"));
    assertNull(today.get("per_source_stdev_bytes_out"));
    assertNull(today.get("num_standard_deviations_away_from_client_average"));
    assertEquals("0", today.get("is_outlier"));
  }

  @Test
  void leavesGlobalStdevNullForASingleRow() {
    // one row in all: avg = 42, stdev of one value is null, nothing can alert
    CollectingOutput out = run(List.of(row("a", TODAY, 42)), defaults("min_samples=1", "emit=all"));
    Record r = out.records().get(0);
    assertEquals("42", r.get("avg_bytes_out"));
    assertNull(r.get("stdev_bytes_out"));
    assertNull(r.get("num_standard_deviations_away_from_server_average"));
    assertEquals("1", r.get("num_data_samples"));
    assertEquals("0", r.get("is_outlier"));
  }

  @Test
  void firesOnAConstantHistoryWithANullClientDistance() {
    // A: 10, 10, 10 then 40 today; B: 10 on four days. Global: 8 values, sum 110, avg 13.75;
    // squared deviations 7·3.75² + 26.25² = 98.4375 + 689.0625 = 787.5, stdev sqrt(112.5) =
    // 10.6066; 40 > 24.36. A's history: avg 10, stdev 0, and 40 > 10 + 0 (strict >).
    // Client distance: 30 / 0 is null in SPL; server: 26.25 / 10.6066 = 2.4749 -> 2.47.
    List<Record> rows = twoHosts();
    rows.set(0, row("10.0.0.1", TODAY - 3 * DAY, 10));
    rows.set(1, row("10.0.0.1", TODAY - 2 * DAY, 10));
    rows.set(2, row("10.0.0.1", TODAY - DAY, 10));
    rows.set(3, row("10.0.0.1", TODAY, 40));
    CollectingOutput out = run(rows, defaults("threshold=1"));

    assertEquals(1, out.records().size()); // B's constant 10 is not > 10
    Record r = out.records().get(0);
    assertEquals("0", r.get("per_source_stdev_bytes_out"));
    assertEquals("2.47", r.get("num_standard_deviations_away_from_server_average"));
    assertNull(r.get("num_standard_deviations_away_from_client_average"));
  }

  @Test
  void cannotFireWithoutHistory() {
    // four rows today: num_data_samples 4 but no value before @d, so per_source_avg is null
    List<Record> rows = new ArrayList<>(twoHosts());
    for (int h = 1; h <= 4; h++) {
      rows.add(row("new", TODAY + h * 3600, 1_000_000));
    }
    CollectingOutput out = run(rows, defaults("threshold=0.5", "emit=all"));
    Record last = out.records().get(out.records().size() - 1);
    assertEquals("4", last.get("num_data_samples"));
    assertNull(last.get("per_source_avg_bytes_out"));
    assertNull(last.get("per_source_stdev_bytes_out"));
    assertEquals("0", last.get("is_outlier"));
  }

  @Test
  void handlesNegativeValues() {
    // -30, -20, -10 before today, 50 today. Global: avg -2.5, squared deviations 756.25 +
    // 306.25 + 56.25 + 2756.25 = 3875, stdev sqrt(3875/3) = 35.9398; 50 > 33.44.
    // History: avg -20, stdev 10; 50 > -10. Distances 52.5/35.9398 = 1.46, 70/10 = 7.
    List<Record> rows = List.of(
        row("n", TODAY - 3 * DAY, -30), row("n", TODAY - 2 * DAY, -20),
        row("n", TODAY - DAY, -10), row("n", TODAY, 50));
    CollectingOutput out = run(rows, defaults("threshold=1"));
    Record r = out.records().get(0);
    assertEquals("-2.5", r.get("avg_bytes_out"));
    assertEquals("-20", r.get("per_source_avg_bytes_out"));
    assertEquals("1.46", r.get("num_standard_deviations_away_from_server_average"));
    assertEquals("7", r.get("num_standard_deviations_away_from_client_average"));
  }

  @Test
  void keepsHugeValuesFinite() {
    // four rows of 1e308: the sum overflows, the mean stays 1e308 and the spread is 0
    List<Record> rows = new ArrayList<>();
    for (int d = 3; d >= 0; d--) {
      rows.add(row("h", TODAY - d * DAY, "1e308"));
    }
    CollectingOutput out = run(rows, defaults("emit=all"));
    Record today = out.records().get(3);
    assertEquals("1e+308", today.get("avg_bytes_out"));
    assertEquals("0", today.get("stdev_bytes_out"));
    assertNull(today.get("num_standard_deviations_away_from_server_average"));
    assertEquals("0", today.get("is_outlier"));
  }

  @Test
  void skipsAndCountsValuesThatAreNotNumbers() {
    // twoHosts plus four rows for A whose values are not numbers: the statistics are those of
    // twoHosts, A's num_data_samples counts all 8 of its rows
    List<Record> rows = twoHosts();
    rows.add(0, row("10.0.0.1", TODAY - 4 * DAY, "NaN"));
    rows.add(1, row("10.0.0.1", TODAY - 4 * DAY, "inf"));
    rows.add(2, row("10.0.0.1", TODAY - 4 * DAY, "12 bytes"));
    Record empty = new Record();
    empty.put("dest_ip", "10.0.0.1").put("_time", Long.toString((long) TODAY));
    rows.add(empty);
    CollectingOutput out = run(rows, defaults("threshold=1"));

    assertEquals(1, out.records().size());
    Record r = out.records().get(0);
    assertEquals("25", r.get("avg_bytes_out"));
    assertEquals("20", r.get("per_source_avg_bytes_out"));
    assertEquals("8", r.get("num_data_samples"));
    assertEquals(
        List.of("WARN stdevoutlier: 4 rows have no numeric bytes_out (1 empty, 3 not a number,"
            + " first 'NaN'); such rows are left out of every average and deviation but count in"
            + " num_data_samples"),
        out.messages().stream().filter(m -> m.startsWith("WARN ")).toList());
  }

  @Test
  void usesRowsWithoutEntityInTheGlobalBaselineOnly() {
    // twoHosts plus a row without dest_ip worth 25: global n 9, sum 225, avg 25, squared
    // deviations still 6800, stdev sqrt(6800/8) = 29.1548; A's distance 75/29.1548 = 2.57
    List<Record> rows = twoHosts();
    rows.add(row(null, TODAY, 25));
    CollectingOutput out = run(rows, defaults("threshold=1"));

    assertEquals(1, out.records().size());
    assertEquals("2.57", out.records().get(0).get("num_standard_deviations_away_from_server_average"));
    assertEquals(
        List.of("WARN stdevoutlier: 1 row has no dest_ip; such rows feed the global statistics only"
            + " and cannot alert"),
        out.messages().stream().filter(m -> m.startsWith("WARN ")).toList());
  }

  @Test
  void annotatesRowsWithoutEntityWithGlobalStatisticsOnlyWhenEmittingAll() {
    List<Record> rows = twoHosts();
    rows.add(row(null, TODAY, 25));
    Record r = run(rows, defaults("threshold=1", "emit=all")).records().get(8);
    assertEquals("25", r.get("avg_bytes_out"));
    assertNull(r.get("num_data_samples"));
    assertNull(r.get("per_source_avg_bytes_out"));
    assertEquals("0", r.get("num_standard_deviations_away_from_server_average"));
    assertEquals("0", r.get("is_outlier"));
  }

  @Test
  void countsRowsNotDaysWhenADayHasSeveralRows() {
    // the values of twoHosts at several hours of the same days: rows, not days, are samples
    List<Record> rows = List.of(
        row("10.0.0.1", TODAY - DAY + 3600, 10),
        row("10.0.0.1", TODAY - DAY + 5 * 3600, 20),
        row("10.0.0.1", TODAY - 1, 30),
        row("10.0.0.1", TODAY + 3600, 100),
        row("10.0.0.2", TODAY - DAY + 7200, 10),
        row("10.0.0.2", TODAY - DAY + 7300, 10),
        row("10.0.0.2", TODAY - DAY + 7400, 10),
        row("10.0.0.2", TODAY + 3 * 3600, 10));
    CollectingOutput out = run(rows, defaults("threshold=1"));
    assertEquals(1, out.records().size());
    assertEquals("4", out.records().get(0).get("num_data_samples"));
    assertEquals("2.41", out.records().get(0).get("num_standard_deviations_away_from_server_average"));
  }

  @Test
  void supportsAnHourlyCurrentWindow() {
    // now 12:30; @h = 12:00. Hourly rows 09:00..12:00 carry twoHosts's values.
    double now = TODAY + 12.5 * 3600;
    List<Record> rows = new ArrayList<>();
    long[] a = {10, 20, 30, 100};
    for (int i = 0; i < 4; i++) {
      rows.add(row("10.0.0.1", TODAY + (9 + i) * 3600, a[i]));
      rows.add(row("10.0.0.2", TODAY + (9 + i) * 3600, 10));
    }
    String nowArg = "now=" + (long) now;
    CollectingOutput hourly = run(rows, "field=bytes_out", "by=dest_ip", nowArg, "current=@h", "threshold=1");
    assertEquals(1, hourly.records().size());
    assertEquals("8", hourly.records().get(0).get("num_standard_deviations_away_from_client_average"));
    // with @d every row is in today's window: no history, no alert
    CollectingOutput daily = run(rows, "field=bytes_out", "by=dest_ip", nowArg, "current=@d", "threshold=1");
    assertTrue(daily.records().isEmpty());
  }

  @Test
  void snapsTheWindowAtLocalMidnightOnADstDay() {
    // New York, now 2024-03-10T12:00 EDT (1710086400); @d = 2024-03-10T00:00 EST = 05:00Z.
    // A's third value sits at 04:30Z = 23:30 EST on the 9th: history, so per_source_avg is
    // avg(10, 20, 30) = 20. (A UTC midnight, 00:00Z, would put it in today's window.)
    double midnight = 1710046800;
    List<Record> rows = List.of(
        row("a", midnight - 3 * DAY, 10), row("a", midnight - 2 * DAY, 20),
        row("a", midnight - 1800, 30), row("a", midnight + 3600, 100),
        row("b", midnight - 3 * DAY, 10), row("b", midnight - 2 * DAY, 10),
        row("b", midnight - DAY, 10), row("b", midnight + 3600, 10));
    CollectingOutput out = run(ZoneId.of("America/New_York"), rows,
        "field=bytes_out", "by=dest_ip", "now=1710086400", "threshold=1");
    assertEquals(1, out.records().size());
    assertEquals("20", out.records().get(0).get("per_source_avg_bytes_out"));
  }

  @Test
  void emitsEveryRowInInputOrderWhenAskedForAll() {
    CollectingOutput out = run(twoHosts(), defaults("threshold=1", "emit=all"));
    assertEquals(8, out.records().size());
    List<String> flags = out.records().stream().map(r -> r.get("is_outlier")).toList();
    assertEquals(List.of("0", "0", "0", "1", "0", "0", "0", "0"), flags);
    Record first = out.records().get(0);
    assertEquals("10", first.get("bytes_out"));
    // |10 - 25| / 31.1677 = 0.4813 -> 0.48; |10 - 20| / 10 = 1
    assertEquals("0.48", first.get("num_standard_deviations_away_from_server_average"));
    assertEquals("1", first.get("num_standard_deviations_away_from_client_average"));
  }

  @Test
  void keepsInputOrderAcrossChunksAndEmitsOnlyAtTheEnd() {
    List<Record> rows = twoHosts();
    // a second outlier host after B: C with A's values
    rows.add(row("10.0.0.3", TODAY - 3 * DAY, 10));
    rows.add(row("10.0.0.3", TODAY - 2 * DAY, 20));
    rows.add(row("10.0.0.3", TODAY - DAY, 30));
    rows.add(row("10.0.0.3", TODAY, 100));
    SearchCommand c = command(UTC, defaults("threshold=1"));
    CollectingOutput out = new CollectingOutput();
    c.execute(rows.subList(0, 4), false, out);
    c.execute(rows.subList(4, 9), false, out);
    assertTrue(out.records().isEmpty());
    c.execute(rows.subList(9, 12), true, out);
    assertEquals(List.of("10.0.0.1", "10.0.0.3"), out.records().stream().map(r -> r.get("dest_ip")).toList());
  }

  @Test
  void findsASpikeThatAPastSpikeHidesFromTheStdev() {
    // history 100, 102, 98, 101, 99 and a past burst of 5000; today 150.
    // stdev: all 7 values avg 807.14, stdev 1848.97 -> 150 is far below avg + 3·stdev.
    // mad: global sorted 98,99,100,101,102,150,5000 -> median 101; |x-101| sorted
    //   0,1,1,2,3,49,4899 -> MAD 2; z = 0.6745·49/2 = 16.525 -> 16.53.
    // per source: sorted 98,99,100,101,102,5000 -> median 100.5; |x-100.5| sorted
    //   0.5,0.5,1.5,1.5,2.5,4899.5 -> MAD 1.5; z = 0.6745·49.5/1.5 = 22.2585 -> 22.26.
    double[] days = {6, 5, 4, 3, 2, 1};
    long[] values = {100, 102, 98, 101, 99, 5000};
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < days.length; i++) {
      rows.add(row("m", TODAY - days[i] * DAY, values[i]));
    }
    rows.add(row("m", TODAY, 150));

    assertTrue(run(rows, defaults()).records().isEmpty());

    CollectingOutput mad = run(rows, defaults("method=mad"));
    assertEquals(1, mad.records().size());
    Record r = mad.records().get(0);
    assertEquals("101", r.get("median_bytes_out"));
    assertEquals("2", r.get("mad_bytes_out"));
    assertEquals("100.5", r.get("per_source_median_bytes_out"));
    assertEquals("1.5", r.get("per_source_mad_bytes_out"));
    assertEquals("7", r.get("num_data_samples"));
    assertEquals("16.53", r.get("robust_z_away_from_server_median"));
    assertEquals("22.26", r.get("robust_z_away_from_client_median"));
  }

  @Test
  void buffersOnlyTheRowsThatCanStillAlert() {
    // 1,000 hosts x 30 history days fed in chunks, then one row per host today, plus
    // today's rows that cannot alert (no number, no host)
    StdevOutlierCommand c = (StdevOutlierCommand) command(UTC, defaults());
    CollectingOutput out = new CollectingOutput();
    for (int d = 30; d >= 1; d--) {
      List<Record> chunk = new ArrayList<>();
      for (int h = 0; h < 1000; h++) {
        chunk.add(row("h" + h, TODAY - d * DAY, 100 + (h + d) % 7));
      }
      c.execute(chunk, false, out);
      assertEquals(0, c.bufferedRows());
    }
    List<Record> today = new ArrayList<>();
    for (int h = 0; h < 1000; h++) {
      today.add(row("h" + h, TODAY, 100));
    }
    today.add(row("h1", TODAY, "n/a"));
    today.add(row(null, TODAY, 100));
    c.execute(today, false, out);
    assertEquals(1000, c.bufferedRows());
    assertEquals(1000, c.entityCount());
    c.execute(List.of(), true, out);
    assertEquals(0, c.bufferedRows());
  }

  @Test
  void reportsRowsWithoutATime() {
    List<Record> rows = twoHosts();
    Record r = new Record();
    r.put("dest_ip", "10.0.0.1").put("bytes_out", "25").put("_time", "yesterday");
    rows.add(r);
    CollectingOutput out = run(rows, defaults("threshold=1"));
    assertEquals(1, out.records().size());
    assertEquals("5", out.records().get(0).get("num_data_samples"));
    assertEquals(
        List.of("WARN stdevoutlier: 1 row has no numeric _time (first 'yesterday'); such rows feed"
            + " the global statistics and num_data_samples but are in neither the history nor the"
            + " current window and cannot alert"),
        out.messages().stream().filter(m -> m.startsWith("WARN ")).toList());
  }

  @Test
  void treatsAllRowsAsOneEntityWithoutBy() {
    // no by: num_data_samples = 8 rows; the "per source" history is every row before today:
    // 10,20,30,10,10,10 avg 15, stdev sqrt((25+25+225+25+25+25)/5) = sqrt(70) = 8.3666
    // A today 100 > 15 + 8.37 and > 56.17 -> outlier; B today 10 is not
    CollectingOutput out = run(twoHosts(), "field=bytes_out", "now=1718452800", "threshold=1");
    assertEquals(1, out.records().size());
    assertEquals("8", out.records().get(0).get("num_data_samples"));
    assertEquals("15", out.records().get(0).get("per_source_avg_bytes_out"));
    // 85 / 8.3666 = 10.1595 -> 10.16
    assertEquals("10.16", out.records().get(0).get("num_standard_deviations_away_from_client_average"));
  }

  @Test
  void saysWhereNowCameFromAndWhereTheWindowStarts() {
    CollectingOutput out = run(twoHosts(), defaults("threshold=1"));
    assertEquals(
        "INFO stdevoutlier: rows=8 entities=2 outliers=1; current window from"
            + " 2024-06-15T00:00Z (@d relative to now=1718452800 from option now)",
        out.messages().get(out.messages().size() - 1));
  }

  @Test
  void theRegisteredFactorySnapsTheWindowInTheProcesssTimeZone() {
    SearchCommand c = new StdevOutlierFactory().create(
        Options.parse("stdevoutlier", List.of(defaults("threshold=1"))),
        SearchContext.offline("stdevoutlier"));
    CollectingOutput out = new CollectingOutput();
    c.execute(twoHosts(), true, out);
    ZoneId zone = ZoneId.systemDefault();
    String start = LocalDate.ofInstant(Instant.ofEpochSecond(1718452800), zone).atStartOfDay(zone)
        .toInstant().atZone(zone).toString();
    String last = out.messages().get(out.messages().size() - 1);
    assertTrue(last.contains("current window from " + start + " (@d relative"), last);
  }

  @Test
  void rejectsRecordsAfterTheLastChunk() {
    SearchCommand c = command(UTC, defaults());
    CollectingOutput out = new CollectingOutput();
    c.execute(List.of(), true, out);
    CommandException e =
        assertThrows(CommandException.class, () -> c.execute(List.of(), true, out));
    assertEquals("stdevoutlier: received records after the final chunk", e.getMessage());
    assertFalse(out.messages().isEmpty());
  }
}
