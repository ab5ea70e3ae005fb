package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecd.command.SearchContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchNowTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);
  private static final Path RECORDED = Path.of(System.getProperty("ecd.shared.dir", "../shared"),
      "fixtures/scpv2-recordings/splunk-sdk-python/tests/searchcommands/recordings/scpv2/Splunk-6.3",
      "countmatches.dispatch_dir");

  private static SearchContext context(String sid, Path dispatchDir) {
    return new SearchContext("stdevoutlier", sid, "", "", dispatchDir, "", null, null, 0, false);
  }

  @Test
  void takesNowFromARecordedInfoCsv() {
    // the recording's info.csv has now=1433261392.000000000 and _timestamp=1433261392.936374000
    SearchNow now = SearchNow.resolve(context("1433261372.158", RECORDED), CLOCK);
    assertEquals(1433261392, now.epochSeconds());
    assertEquals(RECORDED.resolve("info.csv") + " column now", now.source());
  }

  @Test
  void fallsBackToTheTimestampColumn(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("info.csv"), "_sid,_timestamp\r\n\"1.2\",1629787812.5\r\n");
    assertEquals(1629787812.5, SearchNow.resolve(context("", dir), CLOCK).epochSeconds());
  }

  @Test
  void fallsBackToTheSidWhenInfoCsvHasNoTime(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("info.csv"), "_sid,now\r\nx,\r\n");
    assertEquals(1629787812, SearchNow.resolve(context("1629787812.122", dir), CLOCK).epochSeconds());
  }

  @Test
  void readsTheEpochOfScheduledAndAdHocSids() {
    assertEquals(1629787800, SearchNow.resolve(
        context("scheduler__admin__search__RMD5abc_at_1629787800_123", null), CLOCK).epochSeconds());
    assertEquals(1629787812, SearchNow.resolve(context("rt_1629787812.122", null), CLOCK).epochSeconds());
    assertEquals(1629787812, SearchNow.resolve(
        context("admin__admin__search__search1_1629787812.7", null), CLOCK).epochSeconds());
  }

  @Test
  void usesTheClockLast() {
    SearchNow now = SearchNow.resolve(context("subsearch_x", null), CLOCK);
    assertEquals(1700000000, now.epochSeconds());
    assertEquals("the clock", now.source());
  }
}
