package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ecd.command.Record;
import io.ecd.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level decoder agrees with FastCSV 4 (as the decoder used it before) on records and on
 * error messages, for random bodies made of the characters that matter to the dialect; and the
 * byte encoder, copying untouched values through, writes what the String-based encoder wrote.
 */
class BodyDecoderAgreementTest {
  private static final String[] PIECES = {
      "a", "b", "x1", ",", ",", "\"", "\"\"", "\n", "\n", "\r\n", "\r", "é", "ทt", "😀", "$a$;$b$",
      "$", ";", "__mv_", " ", "\"q,\"", "\"l\nl\""};

  private final BodyDecoder decoder = new BodyDecoder();
  private final FastCsvBodyDecoder reference = new FastCsvBodyDecoder();

  private static Frame frame(byte[] body) {
    return new Frame(2, 700, 21, new byte[36], body);
  }

  private static String outcome(BodyDecodingAttempt attempt) {
    return attempt.error != null ? "error: " + attempt.error : "records: " + attempt.records;
  }

  private record BodyDecodingAttempt(List<Record> records, String error) {}

  private static BodyDecodingAttempt attempt(java.util.function.Supplier<List<Record>> decode) {
    try {
      return new BodyDecodingAttempt(decode.get(), null);
    } catch (CodecException e) {
      return new BodyDecodingAttempt(null, e.getMessage());
    } catch (ArrayIndexOutOfBoundsException e) {
      // FastCSV 4 lets an empty line through as a one-cell record, whatever the header's width
      return new BodyDecodingAttempt(null, "empty line");
    }
  }

  private static String body(Random random, boolean wellFormedHeader) {
    StringBuilder b = new StringBuilder();
    if (wellFormedHeader) {
      b.append("f,\"g h\",\"__mv_f\",\"__mv_g h\"\n");
    }
    int pieces = random.nextInt(24);
    for (int i = 0; i < pieces; i++) {
      b.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return b.toString();
  }

  /** The quoted-cell scan a byte at a time, as the decoder read cells before it read words. */
  private static int closingQuoteByteByByte(byte[] b, int from, int n) {
    for (int i = from; i < n; i++) {
      if (b[i] == '"') {
        if (i + 1 < n && b[i + 1] == '"' && i + 2 < n) {
          i++;
          continue;
        }
        return i;
      }
    }
    return n;
  }

  @Test
  void closingQuoteFindsWhatAByteAtATimeScanFindsForEveryPlacementOfQuotes() {
    // every body of up to 18 bytes of quotes and letters, from every offset: runs of quotes across
    // the 8-byte words' edges, pairs as the body's last bytes, an odd run closing the cell
    int checked = 0;
    for (int length = 0; length <= 18; length++) {
      byte[] b = new byte[length];
      for (int bits = 0; bits < 1 << length; bits++) {
        for (int i = 0; i < length; i++) {
          b[i] = (byte) ((bits >>> i & 1) == 1 ? '"' : 'a');
        }
        for (int from = 0; from <= length; from++) {
          assertEquals(closingQuoteByteByByte(b, from, length),
              BodyDecoder.closingQuote(b, from, length),
              () -> "body " + new String(b, StandardCharsets.US_ASCII));
          checked++;
        }
      }
    }
    assertEquals(9_437_185, checked);
  }

  @Test
  void agreesWithFastCsvOnRandomBodies() {
    Random random = new Random(Long.getLong("agreement.seed", 20240601));
    int agreedErrors = 0;
    int agreedRecords = 0;
    for (int k = 0; k < Integer.getInteger("agreement.bodies", 40_000); k++) {
      byte[] body = body(random, k % 2 == 0).getBytes(StandardCharsets.UTF_8);
      BodyDecodingAttempt ours = attempt(() -> decoder.decode(frame(body)));
      BodyDecodingAttempt theirs = attempt(() -> reference.decode(frame(body)));
      String shown = new String(body, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
      if ("empty line".equals(theirs.error)) {
        assertEquals(true, ours.error != null && ours.error.contains(" has 1 fields, but first record had "),
            "body " + shown + ": " + outcome(ours));
        agreedErrors++;
        continue;
      }
      assertEquals(outcome(theirs), outcome(ours), "body " + shown);
      if (ours.error == null) {
        agreedRecords++;
        String before;
        try {
          BodyEncoder.Body b = new StringBodyEncoder().encode(theirs.records);
          before = new String(b.toByteArray(), StandardCharsets.UTF_8);
        } catch (CodecException e) {
          before = "error: " + e.getMessage();
        }
        String after = reencode(ours.records);
        if (!ours.records.isEmpty() && ((BodyDecoder.WireRow) ours.records.get(0).wire()).chunk.header.paired) {
          // the reply keeps the request's header: FastCSV reads back every record, empty ones too
          assertEquals(theirs.records, readBack(after), "re-encoded body " + shown);
        } else {
          assertEquals(before, after, "re-encoded body " + shown);
        }
      } else {
        agreedErrors++;
      }
    }
    // both kinds of outcome were exercised
    assertEquals(true, agreedErrors > 1000, "errors: " + agreedErrors);
    assertEquals(true, agreedRecords > 1000, "records: " + agreedRecords);
  }

  @Test
  void aLoneCarriageReturnEndsARowOutsideQuotesAndIsKeptInsideThem() {
    // FastCSV 4.0.0 dropped the row "q,"a<CR>"" without a word; a CR is data inside quotes (RFC 4180)
    List<Record> rs = decoder.decode(frame("h,i\rq,\"a\r\"\r\n1,2\r".getBytes(StandardCharsets.UTF_8)));
    assertEquals(List.of(Record.of("h", "q", "i", "a\r"), Record.of("h", "1", "i", "2")), rs);
    assertEquals("h,__mv_h,i,__mv_i\nq,,\"a\r\",\n1,,2,\n", reencode(rs));
  }

  private List<Record> readBack(String body) {
    return body.isEmpty() ? List.of() : reference.decode(frame(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String reencode(List<Record> records) {
    BodyEncoder.Body b;
    try {
      b = new BodyEncoder().encode(records);
    } catch (CodecException e) {
      return "error: " + e.getMessage();
    }
    return new String(b.toByteArray(), StandardCharsets.UTF_8);
  }

  @Test
  void untouchedValuesAreCopiedThroughAndTouchedOnesRewritten() {
    String in = "a,b,c,\"__mv_a\",\"__mv_b\",\"__mv_c\"\n\"x,1\",\"say \"\"hi\"\"\",\"plain\",,,\n";
    List<Record> rs = decoder.decode(frame(in.getBytes(StandardCharsets.UTF_8)));
    Record r = rs.get(0);
    assertSame(r.unchanged(0), r.unchanged(1));
    assertEquals("say \"hi\"", r.get("b"));
    assertSame(r.unchanged(0), r.unchanged(1), "a value that was only read is still as it arrived");
    r.put("a", "x,1");
    assertNull(r.unchanged(0), "a value that was set is not");
    r.remove("c");
    r.put("d", "new");
    assertEquals("a,b,c,\"__mv_a\",\"__mv_b\",\"__mv_c\",d,__mv_d\n"
        + "\"x,1\",\"say \"\"hi\"\"\",,,,,new,\n", reencode(rs), "the request's header, the row rewritten");
  }

  @Test
  void aDetachedRecordKeepsItsValuesButNotTheBody() {
    Record r = decoder.decode(frame("a,b,c,\"__mv_a\",\"__mv_b\",\"__mv_c\"\n1,\"x,y\",3,,,\n"
        .getBytes(StandardCharsets.UTF_8))).get(0);
    r.remove("c");
    r.detach();
    assertNull(r.unchanged(0));
    assertNull(r.unchanged(1));
    assertEquals(Record.of("a", "1", "b", "x,y"), r);
    assertEquals("a,__mv_a,b,__mv_b\n1,,\"x,y\",\n", reencode(List.of(r)));
  }

  @Test
  void aRemovedWireValueIsNull() {
    Record r = decoder.decode(frame("a,\"__mv_a\"\n1,\n".getBytes(StandardCharsets.UTF_8))).get(0);
    r.remove("a");
    assertEquals(false, r.has("a"));
    assertEquals(List.of(), r.names());
    assertEquals(Record.of(), r);
  }

  @Test
  void multibyteValuesSurviveAndAreWrittenWithMinimalQuoting() {
    byte[] body = "t,\"__mv_t\"\n\"zoë.müller@contoso\",\n".getBytes(StandardCharsets.UTF_8);
    Record r = decoder.decode(frame(body)).get(0);
    assertEquals("zoë.müller@contoso", r.get("t"));
    assertEquals("t,__mv_t\nzoë.müller@contoso,\n", reencode(List.of(r.copy())));
    assertEquals("t,\"__mv_t\"\n\"zoë.müller@contoso\",\n", reencode(List.of(r)), "as it arrived");
  }
}
