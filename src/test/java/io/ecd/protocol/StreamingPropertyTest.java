package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.Frame;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Recordings;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import io.ecd.testing.TestCommands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property: a streaming command that passes records through returns every record, in order, with
 * every value as sent, whatever the chunk sizes and whatever the values hold (astral chars,
 * combining marks, CR, LF, quotes, commas, {@code $}, empty values, multivalues); records it skips
 * are counted and reported. Inputs come from a seeded {@link Random}; bodies are written here the
 * way splunkd writes them (docs/scp-v2.md §7), independently of the product's encoder.
 */
class StreamingPropertyTest {
  private static final String[] NAMES =
      {"_time", "user", "ท", "naïve", "e\u0301", "😀f", "a,b", "q\"x", "$d", "sp ace"};
  private static final String[] PIECES = {"a", "Z9", "😀", "𝄞", "e\u0301", "\u0915\u094d\u0937", "\r", "\n",
      "\r\n", "\"", "\"\"", ",", "$", "$$", ";", "$a$;$b$", " ", "ทt", "\t", "=", "\\", "'"};
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9]+");

  /** A record as splunkd holds it: field -> values (one for a single value, two or more for a multivalue). */
  private record Row(Map<String, List<String>> fields) {}

  private static String value(Random rnd) {
    StringBuilder b = new StringBuilder();
    int n = rnd.nextInt(5);
    for (int i = 0; i < n; i++) {
      b.append(PIECES[rnd.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  private static List<Row> rows(Random rnd, int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, List<String>> f = new LinkedHashMap<>();
      f.put("serial", List.of(String.valueOf(i)));
      for (String name : NAMES) {
        int kind = rnd.nextInt(6);
        if (kind == 0 || kind == 1) {
          continue; // absent
        }
        if (kind == 5) {
          List<String> many = new ArrayList<>();
          int n = 2 + rnd.nextInt(3);
          for (int k = 0; k < n; k++) {
            many.add(value(rnd));
          }
          f.put(name, many);
        } else {
          String v = value(rnd);
          if (!v.isEmpty()) { // an empty cell is null in splunkd's CSV
            f.put(name, List.of(v));
          }
        }
      }
      rows.add(new Row(f));
    }
    return rows;
  }

  private static String cell(String v) {
    return v.isEmpty() || BARE.matcher(v).matches() ? v : '"' + v.replace("\"", "\"\"") + '"';
  }

  /** A body as splunkd writes it: every field, then one __mv_ column per field; LF rows. */
  private static String body(List<Row> rows) {
    List<String> fields = new ArrayList<>(List.of("serial"));
    fields.addAll(List.of(NAMES));
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    fields.forEach(f -> header.add(cell(f)));
    fields.forEach(f -> header.add(cell("__mv_" + f)));
    b.append(String.join(",", header)).append('\n');
    for (Row row : rows) {
      List<String> display = new ArrayList<>();
      List<String> mv = new ArrayList<>();
      for (String f : fields) {
        List<String> vs = row.fields().getOrDefault(f, List.of());
        display.add(vs.isEmpty() ? "" : cell(String.join("\n", vs)));
        if (vs.size() < 2) {
          mv.add("");
        } else {
          List<String> items = new ArrayList<>();
          vs.forEach(v -> items.add("$" + v.replace("$", "$$") + "$"));
          mv.add(cell(String.join(";", items)));
        }
      }
      display.addAll(mv);
      b.append(String.join(",", display)).append('\n');
    }
    return b.toString();
  }

  /** The rows cut into chunks of random sizes (some empty), as execute frames. */
  private static List<byte[]> chunks(Random rnd, List<Row> rows, int maxChunk) {
    List<byte[]> out = new ArrayList<>();
    int i = 0;
    while (i < rows.size() || out.isEmpty()) {
      int n = Math.min(rows.size() - i, rnd.nextInt(maxChunk + 1));
      List<Row> part = rows.subList(i, i + n);
      i += n;
      boolean last = i >= rows.size();
      String text = part.isEmpty() && rnd.nextBoolean() ? "" : body(part);
      out.add(Chunks.execute(last, text));
    }
    return out;
  }

  private static Map<String, List<String>> withoutChunk(Record r) {
    Map<String, List<String>> m = r.toMap();
    m.remove("chunk");
    return m;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
  void everyRecordComesBackInOrderAcrossChunkSizes(long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = rows(rnd, rnd.nextInt(400));
    int maxChunk = 1 + rnd.nextInt(seed % 4 == 0 ? 2 : 150);
    boolean filter = seed % 3 == 0;
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(filter ? Chunks.getinfo("echo", "require=ท") : Chunks.getinfo("echo"));
    List<byte[]> chunks = chunks(rnd, rows, maxChunk);
    chunks.forEach(in::writeBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new ProtocolEngine("echo", TestCommands.ALL.get("echo"))
        .run(new ByteArrayInputStream(in.toByteArray()), out);
    assertEquals(0, exit, () -> out.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("ERROR")).findFirst().orElse(""));

    List<Frame> replies = Recordings.frames(out.toByteArray());
    assertEquals(chunks.size() + 1, replies.size(), "one reply per request");
    List<Map<String, List<String>>> got = new ArrayList<>();
    BodyDecoder decoder = new BodyDecoder();
    for (int c = 1; c < replies.size(); c++) {
      for (Record r : decoder.decode(replies.get(c))) {
        assertEquals(String.valueOf(c), r.get("chunk"), "chunk number");
        got.add(withoutChunk(r));
      }
    }
    List<Map<String, List<String>>> expected = rows.stream()
        .filter(r -> !filter || r.fields().containsKey("ท"))
        .map(Row::fields).toList();
    assertEquals(expected.size(), got.size(), "record count");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), got.get(i), "record " + i);
    }
    String lastMeta = new String(replies.get(replies.size() - 1).metadata(), StandardCharsets.UTF_8);
    long skipped = rows.size() - expected.size();
    if (skipped > 0) {
      assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"WARN\",\"echo: skipped " + skipped
          + " of " + rows.size() + " records: no value in field 'ท'\"]]}}", lastMeta);
    } else {
      assertEquals("{\"finished\":true}", lastMeta);
    }
  }

  @Test
  void recordsSurviveThePipesOfAChildProcess() {
    Random rnd = new Random(42);
    List<Row> rows = rows(rnd, 2000);
    List<byte[]> chunks = chunks(rnd, rows, 700);
    List<Map<String, List<String>>> got = new ArrayList<>();
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"))) {
      splunkd.getinfo("echo");
      for (byte[] c : chunks) {
        Reply r = splunkd.request(c);
        r.records().forEach(rec -> got.add(withoutChunk(rec)));
      }
      splunkd.finishWith(0);
    }
    assertEquals(rows.stream().map(Row::fields).toList(), got);
  }
}
