package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.codec.BodyEncoder;
import io.ecd.protocol.codec.MetadataCodec;
import io.ecd.protocol.codec.Request;
import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameException;
import io.ecd.protocol.frame.FrameReader;
import io.ecd.testing.Recordings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every recording in ../shared/fixtures/scpv2-recordings goes through the frame reader and codecs:
 * each execute chunk is decoded, re-encoded and decoded again, with record counts and values
 * checked against PROVENANCE.md and scp-v2.md §6.
 */
class RecordingsReplayTest {
  private final BodyDecoder decoder = new BodyDecoder();
  private final BodyEncoder encoder = new BodyEncoder();

  private List<Record> roundTrip(Frame f, List<Record> records) {
    BodyEncoder.Body body = encoder.encode(records);
    byte[] bytes = body.toByteArray();
    return decoder.decode(new Frame(f.index(), f.offset(), f.headerLength(), f.metadata(), bytes));
  }

  @Test
  void multibyteRecordingHasNineExecuteChunksWithTheDocumentedCounts() {
    byte[] stream = Recordings.bytes(Recordings.multibyte());
    assertEquals(1_059_352, stream.length);
    List<Frame> frames = Recordings.frames(stream);
    assertEquals(10, frames.size());
    Request.Getinfo g = assertInstanceOf(Request.Getinfo.class, MetadataCodec.decode(frames.get(0)));
    assertEquals("harvest", g.searchInfo().command());
    long[] offsets = {676, 173373, 325868, 325999, 497032, 651217, 818038, 976435, 1021779};
    int[] bodies = {172638, 152436, 76, 170974, 154126, 166762, 158338, 45286, 37516};
    int[] counts = {6638, 5861, 1, 6574, 5926, 6412, 6088, 1741, 1441};
    for (int i = 0; i < 9; i++) {
      Frame f = frames.get(i + 1);
      assertEquals(offsets[i], f.offset(), "offset of execute " + (i + 1));
      assertEquals(bodies[i], f.body().length);
      Request.Execute e = assertInstanceOf(Request.Execute.class, MetadataCodec.decode(f));
      assertEquals(i == 8, e.finished());
      List<Record> records = decoder.decode(f);
      assertEquals(counts[i], records.size(), "records in execute " + (i + 1));
      for (Record r : records) {
        assertEquals("ทt", r.get("teststring"));
        assertTrue(r.get("_time").matches("\\d{10}(\\.\\d{1,3})?"), r.get("_time"));
      }
      assertEquals(records, roundTrip(f, records));
    }
  }

  @Test
  void countmatchesRecordingKeepsEmbeddedNewlinesAndNonAsciiText() {
    List<Frame> frames = Recordings.frames(Recordings.bytes(Recordings.splunk63("countmatches.input.gz")));
    assertEquals(2, frames.size());
    Request.Getinfo g = (Request.Getinfo) MetadataCodec.decode(frames.get(0));
    assertEquals(List.of("fieldname=word_count", "pattern=\\w+", "text"), g.searchInfo().args());
    assertEquals(List.of("fieldname=word_count", "pattern=\"\\w+\"", "text"), g.searchInfo().rawArgs());
    List<Record> records = decoder.decode(frames.get(1));
    assertEquals(500, records.size());
    assertEquals("Tú novia te ama mucho", records.get(1).get("text"));
    long withNewline = records.stream().filter(r -> r.has("text") && r.get("text").contains("\n")).count();
    assertEquals(48, withNewline, "PROVENANCE.md: 48 quoted values with embedded LF");
    assertEquals(records, roundTrip(frames.get(1), records));
  }

  @Test
  void countmatchesSdkOutputDecodesToTheInputRecordsPlusWordCount() {
    List<Record> in = decoder.decode(
        Recordings.frames(Recordings.bytes(Recordings.splunk63("countmatches.input.gz"))).get(1));
    List<Frame> out = sdkOutputFrames(Recordings.bytes(Recordings.splunk63("countmatches.output")));
    assertEquals("{\"type\":\"streaming\"}", new String(out.get(0).metadata(), StandardCharsets.UTF_8));
    List<Record> replied = decoder.decode(out.get(1));
    assertEquals(in.size(), replied.size());
    for (int i = 0; i < in.size(); i++) {
      Record expected = in.get(i).copy();
      // the SDK wrote CRLF rows; inside quoted values its CR LF stands for the input's LF
      Record actual = replied.get(i).copy();
      if (actual.has("text")) {
        actual.put("text", actual.get("text").replace("\r\n", "\n"));
      }
      assertEquals(expected.get("text"), actual.get("text"), "row " + i);
      assertEquals(expected.get("_serial"), actual.get("_serial"));
      assertTrue(actual.get("word_count").matches("\\d+"));
    }
    assertEquals("14", replied.get(0).get("word_count"));
  }

  @Test
  void sumMapRecordingHoldsFiftyThousandRecordsOfFortyEightColumns() {
    List<Frame> frames = Recordings.frames(Recordings.bytes(Recordings.splunk63("sum.map.input.gz")));
    assertEquals(16_109_782, frames.get(1).body().length);
    List<Record> records = decoder.decode(frames.get(1));
    assertEquals(50_000, records.size());
    assertEquals(24, records.get(0).fields().size());
    assertEquals(records, roundTrip(frames.get(1), records));
  }

  @Test
  void sumReduceRecordingIsTheDocumentedChunk() {
    byte[] stream = Recordings.bytes(Recordings.splunk63("sum.reduce.input.gz"));
    List<Frame> frames = Recordings.frames(stream);
    String chunk = new String(Recordings.raw(stream, frames.get(1)), StandardCharsets.UTF_8);
    assertEquals("chunked 1.0,36,36\n{\"action\":\"execute\",\"finished\":true}total,\"__mv_total\"\n"
        + "\"2147943.07811\",\n", chunk);
    assertEquals(List.of(Record.of("total", "2147943.07811")), decoder.decode(frames.get(1)));
  }

  @Test
  void truncatedGeneratehelloRecordingIsReportedWithItsOffset() {
    // PROVENANCE.md: hand-edited in 2017; the execute declares a 150-byte body that is missing
    FrameReader r = new FrameReader(new ByteArrayInputStream(
        Recordings.bytes(Recordings.splunk63("generatehello.input.gz"))));
    assertInstanceOf(Request.Getinfo.class, MetadataCodec.decode(r.next()));
    FrameException e = assertThrows(FrameException.class, r::next);
    assertTrue(e.getMessage().matches("frame 2 at byte \\d+: body declared 150 bytes but the input ended after \\d+"),
        e.getMessage());
  }

  @Test
  void pypygeneratetextRecordingEndsInAStrayNewlineThatIsNotAHeader() {
    FrameReader r = new FrameReader(new ByteArrayInputStream(
        Recordings.bytes(Recordings.splunk63("pypygeneratetext.input.gz"))));
    assertInstanceOf(Request.Getinfo.class, MetadataCodec.decode(r.next()));
    FrameException e = assertThrows(FrameException.class, r::next);
    assertTrue(e.getMessage().endsWith("expected 'chunked 1.0,<metadata length>,<body length>\\n' but got '\\n'"),
        e.getMessage());
  }

  @Test
  void recordWriterOutputIsRejectedAsNotUtf8AtItsOffset() {
    // PROVENANCE.md: the 2015 RecordWriterV2 output holds raw non-UTF-8 bytes
    byte[] stream = Recordings.bytes(Recordings.splunk63(
        "TestInternals.test_record_writer_with_recordings.1443154424.42.output"));
    Frame f = new FrameReader(new ByteArrayInputStream(stream)).next();
    assertEquals(14904, f.metadata().length);
    assertEquals(762288, f.body().length);
    var e = assertThrows(io.ecd.protocol.codec.CodecException.class, () -> decoder.decode(f));
    assertTrue(e.getMessage().startsWith("frame 1 at byte 0: body is not valid UTF-8 at byte "), e.getMessage());
  }

  /** The SDK's .output files put a stray LF after each chunk; skip it between frames. */
  private static List<Frame> sdkOutputFrames(byte[] stream) {
    List<Frame> frames = new ArrayList<>();
    int at = 0;
    while (at < stream.length) {
      if (stream[at] == '\n') {
        at++;
        continue;
      }
      FrameReader r = new FrameReader(new ByteArrayInputStream(stream, at, stream.length - at));
      Frame f = r.next();
      if (f == null) {
        break;
      }
      frames.add(f);
      at += (int) r.position();
    }
    return frames;
  }
}
