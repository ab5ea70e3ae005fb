package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ecd.command.CommandException;
import io.ecd.command.Options;
import io.ecd.command.SearchContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);

  private static Settings parse(String... args) {
    return Settings.parse(
        Options.parse("stdevoutlier", List.of(args)), SearchContext.offline("stdevoutlier"), CLOCK);
  }

  @Test
  void defaultsToTheDocumentedDetection() {
    Settings s = parse("field=bytes_out");
    assertEquals("bytes_out", s.field());
    assertNull(s.by());
    assertEquals(3, s.threshold());
    assertEquals(4, s.minSamples());
    assertEquals("@d", s.current().text());
    assertEquals(Emit.OUTLIERS, s.emit());
    assertEquals(Method.STDEV, s.method());
    assertEquals(1700000000, s.now()); // no dispatch folder, no sid: the clock
    assertEquals("the clock", s.nowSource());
  }

  @Test
  void readsEveryOption() {
    Settings s = parse("field=bytes_in", "by=src_ip", "threshold=2.5", "min_samples=10",
        "current=-1d@d", "now=1629787812.5", "emit=all", "method=mad");
    assertEquals("src_ip", s.by());
    assertEquals(2.5, s.threshold());
    assertEquals(10, s.minSamples());
    assertEquals("-1d@d", s.current().text());
    assertEquals(1629787812.5, s.now());
    assertEquals(Emit.ALL, s.emit());
    assertEquals(Method.MAD, s.method());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "by=dest_ip | stdevoutlier: missing required option field=<numeric field>",
    "field=bytes_out,threshold=0 | stdevoutlier: invalid value '0' for option threshold; expected a number greater than 0",
    "field=bytes_out,threshold=-1 | stdevoutlier: invalid value '-1' for option threshold; expected a number between 0 and 1000000000",
    "field=bytes_out,threshold=abc | stdevoutlier: invalid value 'abc' for option threshold; expected a number between 0 and 1000000000",
    "field=bytes_out,min_samples=0 | stdevoutlier: invalid value '0' for option min_samples; expected a whole number between 1 and 2147483647",
    "field=bytes_out,min_samples=2.5 | stdevoutlier: invalid value '2.5' for option min_samples; expected a whole number between 1 and 2147483647",
    "field=bytes_out,current=@x | stdevoutlier: invalid value '@x' for option current; expected a relative time such as @d, -1d@d or @h (invalid relative time '@x' at offset 1: expected a snap unit (s, m, h, d, w, mon, q or y, or w0..w7) after @)",
    "field=bytes_out,now=-5 | stdevoutlier: invalid value '-5' for option now; expected a number between 0 and 253402300799",
    "field=bytes_out,now=today | stdevoutlier: invalid value 'today' for option now; expected a number between 0 and 253402300799",
    "field=bytes out | stdevoutlier: invalid value 'bytes out' for option field; expected a field name (no blanks, quotes, =, comma, pipe, brackets or *)",
    "field=bytes_out,by=bytes_out | stdevoutlier: invalid value 'bytes_out' for option by; expected a field other than field=bytes_out",
    "field=bytes_out,emit=some | stdevoutlier: invalid value 'some' for option emit; expected one of outliers, all",
    "field=bytes_out,method=iqr | stdevoutlier: invalid value 'iqr' for option method; expected one of stdev, mad",
    "field=bytes_out,treshold=3 | stdevoutlier: unknown option 'treshold'; expected one of field, by, threshold, min_samples, current, now, emit, method",
  })
  void rejectsBadOptionsNamingOptionAndValue(String args, String message) {
    CommandException e = assertThrows(CommandException.class, () -> parse(args.split(",")));
    assertEquals(message, e.getMessage());
  }
}
