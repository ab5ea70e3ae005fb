package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ecd.command.Record;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayEncoderTest {
  private final ReplayEncoder encoder = new ReplayEncoder(null, null);

  @ParameterizedTest
  @CsvSource({
      "1709294400, 1709294400.000000",
      "1709294400.5, 1709294400.500000",
      "1709294400.1234565, 1709294400.123457",
      "0, 0.000000",
      "' 42 ', 42.000000"})
  void timeIsEpochSecondsWithSixDecimals(String time, String expected) {
    assertEquals(expected, ReplayEncoder.epochMicros(time));
  }

  @ParameterizedTest
  @CsvSource({"2024-03-01T12:00:00Z", "abc", "''"})
  void nonNumericTimeIsNotATime(String time) {
    assertNull(ReplayEncoder.epochMicros(time));
  }

  @Test
  void jsonLineLeavesOutInternalAndDefaultFields() {
    Record e = Record.of("_time", "1709294400", "_cd", "1:2", "user", "a\"b", "index", "main",
        "date_hour", "12", "punct", "..", "Parameters{}.Name", "Identity");
    e.putAll("dest", List.of("x", "y"));
    e.put("source", "orig.log");

    ReplayEncoder.Outgoing o = encoder.encode(e, "file.csv");

    assertEquals("{\"_time\":\"1709294400.000000\",\"user\":\"a\\\"b\",\"Parameters{}.Name\":\"Identity\","
        + "\"dest\":[\"x\",\"y\"]}", o.text());
    assertEquals("ecd:replay:json", o.sourcetype());
    assertEquals("orig.log", o.source());
    assertNull(o.host());
  }

  @Test
  void rawIsSentAsIsUnderTheGivenSourcetypeAndHost() {
    ReplayEncoder given = new ReplayEncoder("o365:management:activity", "lab-host");
    Record e = Record.of("_raw", "{\"a\": 1}", "_time", "1", "sourcetype", "other", "host", "h");

    ReplayEncoder.Outgoing o = given.encode(e, "f.ndjson");

    assertEquals(new ReplayEncoder.Outgoing("o365:management:activity", "f.ndjson", "lab-host", "{\"a\": 1}", true), o);
  }

  @Test
  void eventWithoutRawOrTimeIsNotSent() {
    assertNull(encoder.encode(Record.of("user", "a"), "f.csv"));
  }
}
