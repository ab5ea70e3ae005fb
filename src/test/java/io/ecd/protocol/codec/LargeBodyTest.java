package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Fields;
import io.ecd.command.Record;
import io.ecd.command.RecordWork;
import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameException;
import io.ecd.protocol.frame.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Bodies of a MiB and more are decoded and encoded as two halves at once, the first half begun
 * while the body still arrives: the records, the reply bytes and the errors are those of a single
 * pass, whatever the body holds near its middle.
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
  void aSplitGuessedInsideAQuotedCellIsReadAgainAndTheSearchCountsQuotesFromThen() {
    String longCell = "\"1717299999.5\",\"" + "line,\n".repeat(8_000) + "\",OWA,-1,,,,\n";
    Frame f = frame(body(5, longCell));
    assertTrue(!halves.splitsByCountingQuotes());
    assertEquals(onePass.decode(f), halves.decode(f));
    assertTrue(halves.splitsByCountingQuotes(), "the first LF past the middle is inside the cell");
    Frame plain = frame(body(6, null));
    assertEquals(onePass.decode(plain), halves.decode(plain));
  }

  /**
   * The bytes of a body as they stand when {@code arrived} of them have come: past them, the rows
   * of an earlier body that the buffer held.
   */
  private static byte[] arriving(byte[] body, int arrived) {
    byte[] b = Arrays.copyOf(body, body.length);
    byte[] earlier = body(1, "\"1\",x,y,1,,,,\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(earlier, arrived, b, arrived, Math.min(b.length, earlier.length) - arrived);
    return b;
  }

  /** Where the decoder starts on a body of {@code length} bytes: once five eighths have arrived. */
  private static int fiveEighths(int length) {
    return length - length / 8 - length / 4;
  }

  /**
   * A frame of {@code full}'s length over {@code buffer}, whose first {@code arrived} bytes are
   * {@code full}'s: the decoder is told they arrived, and the rest of {@code full} arrives once the
   * first part it may have started has been read.
   */
  private Frame arrive(byte[] full, byte[] buffer, int arrived) {
    Frame f = new Frame(2, 500, 20, new byte[37], buffer);
    halves.arrived(f, arrived);
    assertTrue(ForkJoinPool.commonPool().awaitQuiescence(1, TimeUnit.MINUTES));
    System.arraycopy(full, arrived, buffer, arrived, full.length - arrived);
    return f;
  }

  @Test
  void theFirstPartIsReadFromTheBytesThatHadArrivedWhenFiveEighthsHad() {
    byte[] full = body(23, null).getBytes(StandardCharsets.UTF_8);
    int arrived = fiveEighths(full.length);
    byte[] b = arriving(full, arrived);
    Frame f = arrive(full, b, arrived);
    // the first row's end is changed after the first part was read: it is not read again
    b[firstRowEnd(full)] = ',';
    assertThrows(CodecException.class, () -> onePass.decode(f), "read now, the rows are ragged");
    List<Record> ours = halves.decode(f);
    List<Record> reference = onePass.decode(frame(new String(full, StandardCharsets.UTF_8)));
    assertEquals(reference.size(), ours.size());
    assertEquals(reference.subList(2, reference.size()), ours.subList(2, ours.size()));
  }

  @Test
  void lessThanFiveEighthsArrivedStartsNothing() {
    byte[] full = body(29, null).getBytes(StandardCharsets.UTF_8);
    int arrived = full.length / 2;
    byte[] b = arriving(full, arrived);
    Frame f = arrive(full, b, arrived);
    b[firstRowEnd(full)] = ',';
    CodecException expected = assertThrows(CodecException.class, () -> onePass.decode(f));
    CodecException got = assertThrows(CodecException.class, () -> halves.decode(f));
    assertEquals(expected.getMessage(), got.getMessage());
  }

  /** The offset of the LF that ends the first row of a {@link #body}. */
  private static int firstRowEnd(byte[] body) {
    int i = HEADER.length();
    while (!(body[i] == '\n' && body[i + 1] == '"' && body[i + 2] == '1' && body[i + 3] == '7')) {
      i++;
    }
    return i;
  }

  @Test
  void aRowCutWhereTheBodyHadArrivedIsReadWhenAllHas() {
    // a quoted cell from before the middle to past five eighths: the first part meets its cut end
    String longCell = "\"1717299999.5\",\"" + "line,\n".repeat(80_000) + "\",OWA,-1,,,,\n";
    byte[] full = body(31, longCell).getBytes(StandardCharsets.UTF_8);
    int arrived = fiveEighths(full.length);
    String text = new String(full, StandardCharsets.UTF_8);
    int cellStart = text.indexOf(longCell);
    assertTrue(cellStart < full.length / 2 && arrived < cellStart + longCell.length(), "cut inside");
    Frame f = arrive(full, arriving(full, arrived), arrived);
    assertEquals(onePass.decode(f), halves.decode(f));
  }

  @Test
  void aRowNotWhollyArrivedIsNotReadFromTheBytesThatWillBeOverwritten() {
    // one long single-line cell from before the middle to past five eighths; past the arrived
    // bytes, the buffer still holds an earlier body in which a row ends just where this one ends
    String prefix = body(53, null).substring(0, 1_100_000);
    prefix = prefix.substring(0, prefix.lastIndexOf("\n\"17") + 1);
    String row = "\"1717299999.5\",\"" + "y".repeat(600_000) + "\",OWA,-1,,,,\n";
    String text = prefix + row + body(59, null).substring(HEADER.length(), 800_000 + HEADER.length());
    text = text.substring(0, text.lastIndexOf("\n\"17") + 1);
    byte[] full = text.getBytes(StandardCharsets.UTF_8);
    int rowStart = prefix.getBytes(StandardCharsets.UTF_8).length;
    int rowEnd = rowStart + row.length();
    int arrived = rowEnd - 70_000;
    int middle = HEADER.length() + (full.length - HEADER.length()) / 2;
    assertTrue(arrived >= fiveEighths(full.length) && arrived > rowStart
        && rowStart < middle && middle < rowEnd, "the row spans the middle and the arrived bytes");
    byte[] b = full.clone();
    byte[] earlier = ("\"," + "z".repeat(70_000 - 10) + ",-1,,,,\n").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(earlier, 0, b, arrived, earlier.length);
    Frame f = arrive(full, b, arrived);
    assertEquals(onePass.decode(f), halves.decode(f));
  }

  @Test
  void bodiesReadWithTheDecoderWatchingGiveTheRecordsOfOnePass() {
    String[] bodies = {body(37, null), body(41, "\"9\",\"a\nb\",c,1,,,,\n")};
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      in.writeBytes(("chunked 1.0,2," + bytes.length + "\n{}").getBytes(StandardCharsets.US_ASCII));
      in.writeBytes(bytes);
    }
    FrameReader reader = new FrameReader(new ByteArrayInputStream(in.toByteArray()))
        .recycleBodies().watchBodies(halves::arrived);
    for (String body : bodies) {
      List<Record> records = halves.decode(reader.next());
      assertEquals(onePass.decode(frame(body)), records);
      halves.retire(records);
    }
  }

  @Test
  void aBodyCutShortAfterItsFirstPartStartedIsAFrameErrorAndTheNextBodyReadsWhole() {
    byte[] bytes = body(43, null).getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 1000);
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(("chunked 1.0,2," + bytes.length + "\n{}").getBytes(StandardCharsets.US_ASCII));
    in.writeBytes(cut);
    FrameReader reader = new FrameReader(new ByteArrayInputStream(in.toByteArray()))
        .recycleBodies().watchBodies(halves::arrived);
    FrameException e = assertThrows(FrameException.class, reader::next);
    assertTrue(e.getMessage().contains("body declared " + bytes.length
        + " bytes but the input ended after " + cut.length), e.getMessage());
    Frame next = frame(body(47, null));
    assertEquals(onePass.decode(next), halves.decode(next));
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
  void aBodyNotUtf8AfterAMalformedRowIsReportedAsNotUtf8InOnePassAndInHalves() {
    // rows are checked as they are read; bytes that are not UTF-8 anywhere in the body still win
    // over a malformed row before them, as when the whole body was checked first
    byte[] bad = body(3, "\"9\",too,few\n").getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 100] = (byte) 0xc3;
    bad[bad.length - 99] = (byte) '(';
    Frame f = new Frame(2, 500, 20, new byte[37], bad);
    String expected = "frame 2 at byte 500: body is not valid UTF-8 at byte "
        + (500 + 20 + 37 + bad.length - 100) + " (offset " + (bad.length - 100) + " in the body)";
    assertEquals(expected, assertThrows(CodecException.class, () -> onePass.decode(f)).getMessage());
    assertEquals(expected, assertThrows(CodecException.class, () -> halves.decode(f)).getMessage());
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
  void aLargeReplyWithARecordOfItsOwnFieldsInEitherHalfIsWrittenFromTheRecordsFields() {
    Frame f = frame(body(29, null));
    for (int at : new int[] {1, 30_000}) {
      List<Record> records = new ArrayList<>(halves.decode(f));
      assertTrue(at < records.size() / 2 == (at == 1), "one record in each half");
      Record own = new Record();
      own.put("n", "own");
      own.put("extra", "x,y");
      records.set(at, own);
      byte[] reply = new BodyEncoder(true).encode(records).toByteArray();
      String header = new String(reply, 0, 60, StandardCharsets.UTF_8);
      assertTrue(header.startsWith("_time,__mv__time,user,__mv_user,"), header);
      List<Record> back = onePass.decode(new Frame(1, 0, 20, new byte[20], reply));
      assertEquals(records.size(), back.size());
      assertEquals(Map.of("n", List.of("own"), "extra", List.of("x,y")), back.get(at).toMap());
      assertEquals(records.get(at + 1).toMap(), back.get(at + 1).toMap());
      assertEquals(records.get(records.size() - 1).toMap(), back.get(records.size() - 1).toMap());
    }
  }

  @Test
  void aReplyOfAFewOfTheRecordsIsEncodedIntoBuffersSizedForThem() {
    Frame f = frame(body(67, "\"9\",\"a\nb\",c,1,,,,\n"));
    for (BodyDecoder decoder : List.of(onePass, halves)) {
      List<Record> records = decoder.decode(f);
      List<Record> few = new ArrayList<>();
      for (int i = 0; i < records.size(); i += 100) {
        records.get(i).put("score", 3);
        few.add(records.get(i));
      }
      BodyEncoder.Body reply = new BodyEncoder(true).encode(few);
      assertEquals(few, onePass.decode(new Frame(1, 0, 20, new byte[20], reply.toByteArray())));
      int buffers = reply.head().length + reply.tail().length;
      assertTrue(buffers < f.bodyLength() / 20 && reply.length() <= buffers,
          buffers + " bytes of buffers for a reply of " + reply.length());
      BodyEncoder.Body all = new BodyEncoder(true).encode(records);
      assertTrue(all.head().length + all.tail().length < f.bodyLength() * 3 / 2);
      decoder.retire(records);
    }
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

  /**
   * Work that records, on each record, its lane and two of its values read during the call, and
   * counts its calls.
   */
  private static final class ReadingWork implements RecordWork {
    final AtomicInteger prepared = new AtomicInteger();
    final AtomicInteger applied = new AtomicInteger();

    @Override
    public void prepare(Fields fields) {
      prepared.incrementAndGet();
      fields.add("seen");
    }

    @Override
    public void apply(Record record, int lane) {
      applied.incrementAndGet();
      record.put("seen", lane + ":" + record.get("user") + ":" + record.get("n"));
    }
  }

  /** Checks each record saw its own values, and gives the lanes the records were worked on. */
  private static List<String> lanes(List<Record> records, List<Record> reference) {
    assertEquals(reference.size(), records.size());
    List<String> lanes = new java.util.ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      String seen = records.get(i).get("seen");
      Record r = reference.get(i);
      assertEquals(r.get("user") + ":" + r.get("n"), seen.substring(2), "record " + i);
      lanes.add(seen.substring(0, 1));
      records.get(i).remove("seen");
    }
    assertEquals(reference, records);
    return lanes;
  }

  @Test
  void recordWorkIsDoneOnEachRecordAsItIsReadOnTheLaneOfItsPart() {
    Frame f = frame(body(7, null));
    ReadingWork work = new ReadingWork();
    halves.work(work);
    List<String> lanes = lanes(halves.decode(f), onePass.decode(f));
    assertEquals(1, work.prepared.get());
    assertEquals(lanes.size(), work.applied.get(), "once per record");
    int firstOfSecondPart = lanes.indexOf("1");
    assertTrue(firstOfSecondPart > 0, "the second part on lane 1");
    assertEquals(firstOfSecondPart, lanes.lastIndexOf("0") + 1, "the first part on lane 0, in order");
  }

  @Test
  void recordWorkIsDoneOnEveryRecordOfARestReadAgain() {
    String longCell = "\"1717299999.5\",\"" + "line,\n".repeat(8_000) + "\",OWA,-1,,,,\n";
    Frame f = frame(body(5, longCell));
    ReadingWork work = new ReadingWork();
    halves.work(work);
    List<String> lanes = lanes(halves.decode(f), onePass.decode(f));
    assertTrue(halves.splitsByCountingQuotes(), "the first guess was read again");
    assertTrue(work.applied.get() >= lanes.size());
  }

  @Test
  void recordWorkReadsRecordsMadeAfterTheSpanArraysGrew() {
    // rows of the first 64 KiB are long, so the span arrays are sized for too few rows
    StringBuilder b = new StringBuilder(HEADER);
    String pad = "x".repeat(2_000);
    for (int i = 0; b.length() < 70_000; i++) {
      b.append("\"1\",").append(pad).append(',').append("OWA").append(',').append(i).append(",,,,\n");
    }
    for (int i = 0; i < 5_000; i++) {
      b.append("\"2\",u").append(i).append(",OWA,").append(i).append(",,,,\n");
    }
    Frame f = frame(b.toString());
    ReadingWork work = new ReadingWork();
    onePass.work(work);
    List<String> lanes = lanes(onePass.decode(f), new BodyDecoder(64 << 20, 10_000, false).decode(f));
    assertEquals(List.of("0"), lanes.stream().distinct().toList(), "one pass: lane 0");
  }
}
