package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitsTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    Limits l = Limits.from(Map.of(), new Properties());
    assertEquals(Limits.DEFAULT, l);
    assertEquals(128, l.maxHeaderBytes());
    assertEquals(16 * 1024 * 1024, l.maxMetadataBytes());
    assertEquals(256 * 1024 * 1024, l.maxBodyBytes());
    assertEquals(10_000, l.maxFields());
    assertEquals(64 * 1024 * 1024, l.maxValueChars());
  }

  @Test
  void environmentSetsEachCapWithBinarySuffixes() {
    Limits l = Limits.from(Map.of("ECD_MAX_HEADER_BYTES", "256", "ECD_MAX_METADATA_BYTES", "64k",
        "ECD_MAX_BODY_BYTES", "1G", "ECD_MAX_FIELDS", "500", "ECD_MAX_VALUE_CHARS", " 2M "), new Properties());
    assertEquals(new Limits(256, 65_536, 1_073_741_824, 500, 2_097_152), l);
  }

  @Test
  void systemPropertyWinsOverTheEnvironment() {
    Limits l = Limits.from(Map.of("ECD_MAX_BODY_BYTES", "1M"), props("ecd.max_body_bytes", "2M"));
    assertEquals(2 << 20, l.maxBodyBytes());
  }

  @ParameterizedTest
  @ValueSource(strings = {"lots", "-1", "1.5M", "2048M", "99999999999999", "M", "1T"})
  void rejectsAValueOutsideTheGrammarOrRangeNamingTheVariable(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Limits.from(Map.of("ECD_MAX_BODY_BYTES", value), new Properties()));
    assertEquals("invalid value '" + value + "' for environment variable ECD_MAX_BODY_BYTES; expected a whole"
        + " number from 0 to 2147483583, optionally followed by K, M or G", e.getMessage());
  }

  @Test
  void rejectsAHeaderCapTooSmallForAnyHeader() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Limits.from(Map.of(), props("ecd.max_header_bytes", "10")));
    assertEquals("invalid value '10' for system property ecd.max_header_bytes; expected a whole number from 24"
        + " to 4096, optionally followed by K, M or G", e.getMessage());
  }
}
