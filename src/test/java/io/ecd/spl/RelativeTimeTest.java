package io.ecd.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

// Expected epochs are calendar.timegm() of the UTC instants named in each comment.
class RelativeTimeTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  private static double at(String modifier, double now, ZoneId zone) {
    return RelativeTime.parse(modifier).apply(now, zone);
  }

  @ParameterizedTest(name = "{0} from 2024-08-20T15:45:30Z is {1}")
  @CsvSource({
    "now,        1724168730", // unchanged
    "@d,         1724112000", // 2024-08-20T00:00Z
    "-1d@d,      1724025600", // 2024-08-19T00:00Z
    "@h,         1724166000", // 15:00
    "+1h,        1724172330", // 16:45:30
    "-30m@m,     1724166900", // 15:15:00
    "@mon,       1722470400", // 2024-08-01
    "@q,         1719792000", // 2024-07-01, third quarter
    "@y,         1704067200", // 2024-01-01
    "@w0,        1723939200", // Sunday 2024-08-18 (the 20th is a Tuesday)
    "@w,         1723939200", // @w is @w0
    "@w7,        1723939200", // w7 is Sunday too
    "@w1,        1724025600", // Monday 2024-08-19
    "@d+3h,      1724122800", // steps apply left to right: 03:00
    "-2days@day, 1723939200", // long unit names
    "-1mon@mon,  1719792000", // 2024-07-01
    "-1q@q,      1711929600", // 2024-04-01
    "-1y@y,      1672531200", // 2023-01-01
  })
  void resolvesModifiersInUtc(String modifier, long expected) {
    assertEquals(expected, at(modifier, 1724168730, UTC));
  }

  @Test
  void snapsSevenDaysBackToSunday() {
    // Wed 2024-06-12T10:00Z -7d = Wed 2024-06-05, @w0 = Sun 2024-06-02T00:00Z
    assertEquals(1717286400, at("-7d@w0", 1718186400, UTC));
  }

  @Test
  void snapsToTodayWhenTodayIsTheWeekday() {
    // Mon 2024-06-10T09:00Z @w1 = Mon 2024-06-10T00:00Z
    assertEquals(1717977600, at("@w1", 1718010000, UTC));
  }

  @Test
  void snapsDayAtLocalMidnightOnSpringForwardDay() {
    // 2024-03-10T12:00-04:00 (16:00Z); midnight that day was still EST: 2024-03-10T05:00Z,
    // 11 elapsed hours earlier
    assertEquals(1710046800, at("@d", 1710086400, NEW_YORK));
  }

  @Test
  void subtractsACalendarDayAcrossSpringForward() {
    // 2024-03-10T12:00 EDT -1d = 2024-03-09T12:00 EST = 17:00Z, 23 elapsed hours
    assertEquals(1710003600, at("-1d", 1710086400, NEW_YORK));
    // 2024-03-11T00:30 EDT (04:30Z) -1d = 2024-03-10T00:30 EST, @d = 2024-03-10T05:00Z;
    // 24 elapsed hours back would be 2024-03-09T23:30 EST and snap to the 9th
    assertEquals(1710046800, at("-1d@d", 1710131400, NEW_YORK));
  }

  @Test
  void snapsDayAtLocalMidnightOnFallBackDay() {
    // 2024-11-03T12:00 EST (17:00Z); midnight was EDT: 2024-11-03T04:00Z, 13 elapsed hours
    assertEquals(1730606400, at("@d", 1730653200, NEW_YORK));
  }

  @Test
  void snapsHourInTheRepeatedHourKeepingItsOffset() {
    // second 01:30 of 2024-11-03 is EST (06:30Z); @h = 01:00 EST = 06:00Z
    assertEquals(1730613600, at("@h", 1730615400, NEW_YORK));
  }

  @Test
  void snapsInHalfHourZones() {
    // 2024-06-15T02:00Z is 07:30 IST; @d = 2024-06-15T00:00+05:30 = 2024-06-14T18:30Z
    assertEquals(1718389800, at("@d", 1718416800, KOLKATA));
    // 2024-06-15T02:15Z is 07:45 IST; @h = 07:00 IST = 01:30Z
    assertEquals(1718415000, at("@h", 1718417700, KOLKATA));
  }

  @Test
  void keepsFractionsThroughOffsetsAndDropsThemOnSnaps() {
    assertEquals(1724168730.25 - 60, at("-1m", 1724168730.25, UTC), 1e-6);
    assertEquals(1724168730, at("@s", 1724168730.75, UTC));
  }

  @ParameterizedTest(name = "rejects ''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''     | invalid relative time '' at offset 0: expected a relative time such as @d, -1d@d or now",
        "d      | invalid relative time 'd' at offset 0: expected +, - or @",
        "-1x    | invalid relative time '-1x' at offset 2: expected a time unit (s, m, h, d, w, mon, q or y) after the amount",
        "-1     | invalid relative time '-1' at offset 2: expected a time unit (s, m, h, d, w, mon, q or y) after the amount",
        "@      | invalid relative time '@' at offset 1: expected a snap unit (s, m, h, d, w, mon, q or y, or w0..w7) after @",
        "@w8    | invalid relative time '@w8' at offset 2: expected a weekday 0..7 after @w",
        "@d1    | invalid relative time '@d1' at offset 2: expected +, - or @",
        "@mon1  | invalid relative time '@mon1' at offset 4: expected +, - or @",
        "@weeks3| invalid relative time '@weeks3' at offset 6: expected a weekday digit only after @w",
        "' @d'  | invalid relative time ' @d' at offset 0: expected +, - or @",
      })
  void rejectsMalformedModifiersNamingTheOffset(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RelativeTime.parse(text));
    assertEquals(message, e.getMessage());
  }
}
