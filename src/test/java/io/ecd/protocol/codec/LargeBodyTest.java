package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import io.ecd.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bodies of a MiB and more are decoded and encoded as two halves at once: the records, the reply
 * bytes and the errors are those of a single pass, whatever the body holds near its middle.
 */
class LargeBodyTest {
  private static final String HEADER = "\"_time\",user,\"client info\",n,\"__mv__time\",\"__mv_user\","
      + "\"__mv_client info\",\"__mv_n\"\n";

  private final BodyDecoder halves = new BodyDecoder(64 << 20, 10_000, true);
  private final BodyDecoder onePass = new BodyDecoder(64 << 20, 10_000, false);

  private static Frame frame(String body) {
    return new Frame(2, 500, 20, new byte[37], body.getBytes(StandardCharsets.UTF_8));
  }

  /** About 2.5 MB of rows as splunkd writes them: quoted values with commas, quotes, LFs, multivalues. */
  private static String body(long seed, String middleRow) {
    Random random = new Random(seed);
    StringBuilder b = new StringBuilder(HEADER);
    int i = 0;
    while (b.length() < 2_500_000) {
      if (middleRow != null && b.length() > 1_250_000 && b.length() < 1_250_400) {
        b.append(middleRow);
      }
      String user = switch (random.nextInt(4)) {
        case 0 -> "\"zoë.müller@contoso\"";
        case 1 -> "\"multi\nline\nuser\"";
        case 2 -> "plain" + i;
        default -> "";
      };
      String client = random.nextBoolean() ? "\"Client=REST;\"\"quoted\"\", with comma\"" : "OWA";
      String mv = random.nextInt(10) == 0 ? "\"$a$;$b\n$$c$\"" : "";
      b.append('"').append(1717200000 + i).append(".5\",").append(user).append(',').append(client)
          .append(',').append(i).append(",,,").append(mv.isEmpty() ? "" : mv).append(",\n");
      i++;
    }
    return b.toString();
  }

  @Test
  void aLargeBodyReadInHalvesGivesTheRecordsOfOnePass() {
    Frame f = frame(body(7, null));
    List<Record> ours = halves.decode(f);
    List<Record> reference = onePass.decode(f);
    assertEquals(reference, ours);
    assertTrue(ours.size() > 20_000, "rows: " + ours.size());
    BodyDecoder.WireRow first = (BodyDecoder.WireRow) ours.get(0).wire();
    BodyDecoder.WireRow last = (BodyDecoder.WireRow) ours.get(ours.size() - 1).wire();
    assertNotSame(first.chunk, last.chunk, "read as two parts");
    assertSame(first.chunk.header, last.chunk.header);
  }

  @Test
  void aQuotedCellOfManyLinesAcrossTheMiddleIsSplitAfterIt() {
    String longCell = "\"1717299999.5\",\"" + "line,\n".repeat(8_000) + "\",OWA,-1,,,,\n";
    Frame f = frame(body(5, longCell));
    int middle = f.bodyLength() / 2;
    String text = new String(f.body(), StandardCharsets.UTF_8);
    int cellStart = text.indexOf(longCell);
    assertTrue(cellStart < middle && middle < cellStart + longCell.length(), "the middle is inside it");
    List<Record> ours = halves.decode(f);
    assertEquals(onePass.decode(f), ours);
    BodyDecoder.WireRow first = (BodyDecoder.WireRow) ours.get(0).wire();
    BodyDecoder.WireRow last = (BodyDecoder.WireRow) ours.get(ours.size() - 1).wire();
    assertNotSame(first.chunk, last.chunk, "read as two parts");
  }

  @Test
  void quotesInsideAnUnquotedCellBeforeTheMiddleStillReadAsOnePass() {
    // quotes inside an unquoted cell may break the quote count that picks the split: such a body
    // is read in one pass
    String row = "\"1\",ab\"\"c,x,1,,,,\n";
    String body = body(11, null);
    body = body.replaceFirst("\n\"17172000", "\n" + row.replace("\n", "") + "\n\"17172000");
    Frame f = frame(body);
    assertEquals(onePass.decode(f), halves.decode(f));
  }

  @Test
  void errorsInTheSecondHalfAreTheErrorsOfOnePass() {
    Frame ragged = frame(body(3, "\"9\",too,few\n"));
    CodecException expected = assertThrows(CodecException.class, () -> onePass.decode(ragged));
    CodecException got = assertThrows(CodecException.class, () -> halves.decode(ragged));
    assertEquals(expected.getMessage(), got.getMessage());
    assertTrue(got.getMessage().contains("has 3 fields, but first record had 8"), got.getMessage());

    byte[] bad = body(5, null).getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 100] = (byte) 0xff;
    Frame notUtf8 = new Frame(2, 500, 20, new byte[37], bad);
    CodecException e1 = assertThrows(CodecException.class, () -> onePass.decode(notUtf8));
    CodecException e2 = assertThrows(CodecException.class, () -> halves.decode(notUtf8));
    assertEquals(e1.getMessage(), e2.getMessage());
    assertTrue(e2.getMessage().contains("not valid UTF-8 at byte " + (500 + 20 + 37 + bad.length - 100)));
  }

  @Test
  void aLargeReplyWrittenInHalvesIsTheReplyOfOnePass() {
    Frame f = frame(body(13, null));
    List<Record> records = halves.decode(f);
    for (int i = 0; i < records.size(); i += 3) {
      records.get(i).put("score", i % 7);
    }
    records.get(records.size() - 2).put("user", "changed, after the split");
    BodyEncoder.Body a = new BodyEncoder(true).encode(records);
    assertTrue(a.tailLength() > 0, "the second half is written from its own buffer");
    byte[] inHalves = a.toByteArray();
    BodyEncoder.Body b = new BodyEncoder(false).encode(records);
    assertArrayEquals(b.toByteArray(), inHalves);
    assertEquals(records, onePass.decode(new Frame(1, 0, 20, new byte[20], inHalves)));
  }

  @Test
  void aRecordReadAfterItsBodyWasRetiredFailsLoudly() {
    List<Record> records = halves.decode(frame(body(17, null)));
    Record kept = records.get(5);
    assertEquals("5", kept.get("n"));
    Record detached = records.get(6);
    detached.detach();
    halves.retire(records);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> kept.get("user"));
    assertTrue(e.getMessage().contains("detach()"), e.getMessage());
    assertEquals("6", detached.get("n"), "a detached record keeps its values");
  }

  @Test
  void aRetiredBodysSpanArraysServeTheNextBody() {
    Frame f = frame(body(19, null));
    List<Record> first = halves.decode(f);
    int[] spans = ((BodyDecoder.WireRow) first.get(0).wire()).chunk.spans;
    halves.retire(first);
    List<Record> second = halves.decode(f);
    assertSame(spans, ((BodyDecoder.WireRow) second.get(0).wire()).chunk.spans);
    assertEquals(onePass.decode(f), second);
  }
}
