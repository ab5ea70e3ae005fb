package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecd.command.Record;
import io.ecd.protocol.frame.Frame;
import io.ecd.testing.Messages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the CSV body codec: any body decodes or fails with a readable {@link
 * CodecException}; any records survive an encode/decode round trip as splunkd would see them.
 */
class BodyCodecFuzzTest {
  private static final String[] NAMES = {"a", "b", "_time", "__mv_", "x y", "ท", "c,d", "e\"f", "g\nh"};
  private final BodyDecoder decoder = new BodyDecoder(4096, 64);

  private static Frame frame(byte[] body) {
    return new Frame(2, 100, 20, "{\"action\":\"execute\"}".getBytes(StandardCharsets.UTF_8), body);
  }

  @FuzzTest(maxDuration = "60s")
  void anyBodyGivesRecordsOrACodecException(byte[] body) {
    try {
      decoder.decode(frame(body));
    } catch (CodecException e) {
      Messages.assertReadable(e.getMessage());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void encodedRecordsDecodeAsSplunkdWouldSeeThem(FuzzedDataProvider data) {
    List<Record> records = new ArrayList<>();
    int n = data.consumeInt(0, 6);
    for (int i = 0; i < n; i++) {
      Record r = new Record();
      int fields = data.consumeInt(0, 4);
      for (int k = 0; k < fields; k++) {
        String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(8);
        int values = data.consumeInt(0, 3);
        List<String> vs = new ArrayList<>();
        for (int v = 0; v < values; v++) {
          vs.add(data.consumeString(20));
        }
        r.putAll(name, vs);
      }
      records.add(r);
    }
    List<String> names = new ArrayList<>();
    records.forEach(r -> names.addAll(r.names()));
    if (names.stream().anyMatch(BodyCodecFuzzTest::reserved)) {
      CodecException e = assertThrows(CodecException.class, () -> new BodyEncoder().encode(records));
      Messages.assertReadable(e.getMessage());
      return;
    }
    BodyEncoder.Body body = new BodyEncoder().encode(records);
    List<Record> back = decoder.decode(frame(body.toByteArray()));
    assertEquals(expected(records), back.stream().map(Record::toMap).toList());
  }

  private static boolean reserved(String name) {
    return name.isEmpty() || (name.startsWith("__mv_") && name.length() > 5);
  }

  /**
   * What splunkd reads: empty single values are null; when no record has any value there are no
   * columns, so no rows (a record without fields cannot be written as CSV).
   */
  private static List<Map<String, List<String>>> expected(List<Record> records) {
    List<Map<String, List<String>>> out = new ArrayList<>();
    for (Record r : records) {
      Map<String, List<String>> m = new LinkedHashMap<>();
      r.toMap().forEach((k, v) -> {
        List<String> vs = v.stream().map(BodyCodecFuzzTest::utf8).toList();
        if (!(vs.size() == 1 && vs.get(0).isEmpty())) {
          m.put(utf8(k), vs);
        }
      });
      out.add(m);
    }
    return records.stream().allMatch(r -> r.names().isEmpty()) ? List.of() : out;
  }

  /** The string after a UTF-8 round trip (unpaired surrogates become '?'). */
  private static String utf8(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }
}
