package io.ecd.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

  private static FrameReader reader(String s) {
    return new FrameReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTheRecordedSumReduceChunkByteForByte() {
    // scp-v2.md §2: the execute chunk of sum.reduce.input.gz, 36 + 36 bytes
    String chunk = "chunked 1.0,36,36\n{\"action\":\"execute\",\"finished\":true}"
        + "total,\"__mv_total\"\n\"2147943.07811\",\n";
    FrameReader r = reader(chunk);
    Frame f = r.next();
    assertEquals(1, f.index());
    assertEquals(0, f.offset());
    assertEquals("{\"action\":\"execute\",\"finished\":true}",
        new String(f.metadata(), StandardCharsets.UTF_8));
    assertEquals("total,\"__mv_total\"\n\"2147943.07811\",\n", new String(f.body(), StandardCharsets.UTF_8));
    assertEquals(18 + 36, f.bodyOffset());
    assertNull(r.next());
  }

  @Test
  void countsLengthsInUtf8BytesNotCharacters() {
    String meta = "{\"a\":\"ทt\"}"; // 'ท' is 3 bytes
    String body = "x\n\"😀\"\n"; // the emoji is 4 bytes
    byte[] m = meta.getBytes(StandardCharsets.UTF_8);
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    FrameReader r = reader("chunked 1.0," + m.length + "," + b.length + "\n" + meta + body
        + "chunked 1.0,2,0\n{}");
    assertEquals(meta, new String(r.next().metadata(), StandardCharsets.UTF_8));
    Frame second = r.next();
    assertEquals(2, second.index());
    int header = ("chunked 1.0," + m.length + "," + b.length + "\n").length();
    assertEquals(12, m.length);
    assertEquals(header + 12 + 9, second.offset());
  }

  @Test
  void aBodyWrittenAsHeadAndTailIsReadAsOneBodyOfTheirLength() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head = "h,__mv_h\n1,\nunused".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "2,\nunused".getBytes(StandardCharsets.UTF_8);
    new FrameWriter(out).write("{}".getBytes(StandardCharsets.UTF_8), head, 12, tail, 3);
    assertEquals("chunked 1.0,2,15\n{}h,__mv_h\n1,\n2,\n", out.toString(StandardCharsets.UTF_8));
    Frame f = new FrameReader(new ByteArrayInputStream(out.toByteArray())).next();
    assertEquals("h,__mv_h\n1,\n2,\n", new String(f.body(), StandardCharsets.UTF_8));
  }

  @Test
  void returnsNullOnCleanEndOfInput() {
    assertNull(reader("").next());
  }

  @Test
  void toleratesBlanksAndCarriageReturnAsTheReferenceSdkDoes() {
    FrameReader r = reader("chunked  1.0 , 2 , 0 \r\n{}");
    assertEquals(2, r.next().metadata().length);
  }

  @Test
  void readsAcrossPartialPipeReads() {
    byte[] all = "chunked 1.0,2,3\n{}abc".getBytes(StandardCharsets.US_ASCII);
    InputStream trickle = new InputStream() {
      int i;

      @Override
      public int read() {
        return i < all.length ? all[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (i >= all.length) {
          return -1;
        }
        b[off] = all[i++];
        return 1;
      }
    };
    Frame f = new FrameReader(trickle).next();
    assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), f.body());
  }

  @Test
  void rejectsGarbageInsteadOfAHeaderNamingFrameAndOffset() {
    FrameReader r = reader("chunked 1.0,2,0\n{}hello world\n");
    r.next();
    FrameException e = assertThrows(FrameException.class, r::next);
    assertEquals("frame 2 at byte 18: expected 'chunked 1.0,<metadata length>,<body length>\\n' but got "
        + "'hello world\\n'", e.getMessage());
    assertEquals(2, e.frame());
    assertEquals(18, e.offset());
  }

  @ParameterizedTest
  @ValueSource(strings = {"chunked 1.0,-5,0\n", "chunked 1.0,x,0\n", "chunked 1.0,5\n",
      "chunked 1.0,,0\n", "chunked 1.0,1,2,3\n", "chunked1.0,1,1\n"})
  void rejectsMalformedLengths(String header) {
    FrameException e = assertThrows(FrameException.class, () -> reader(header + "xxxxxxxx").next());
    assertEquals(1, e.frame());
    assertEquals(true, e.getMessage().startsWith("frame 1 at byte 0: expected 'chunked 1.0,"),
        e.getMessage());
  }

  @Test
  void rejectsOverflowingLength() {
    FrameException e = assertThrows(FrameException.class,
        () -> reader("chunked 1.0,99999999999999999999,0\n").next());
    assertEquals("frame 1 at byte 0: metadata length overflows in header "
        + "'chunked 1.0,99999999999999999999,0\\n'", e.getMessage());
  }

  @Test
  void rejectsAnotherProtocolVersion() {
    FrameException e = assertThrows(FrameException.class, () -> reader("chunked 2.0,2,0\n{}").next());
    assertEquals("frame 1 at byte 0: unsupported protocol version in header 'chunked 2.0,2,0\\n'; "
        + "expected 'chunked 1.0' (set chunked = true in commands.conf)", e.getMessage());
  }

  @Test
  void rejectsAHeaderWithoutNewlineBeyondTheCap() {
    FrameException e = assertThrows(FrameException.class, () -> reader("chunked 1.0," + "1".repeat(200)).next());
    assertEquals(true, e.getMessage().contains("header longer than 128 bytes (ECD_MAX_HEADER_BYTES) without a newline"),
        e.getMessage());
  }

  @Test
  void reportsInputEndingInsideTheBody() {
    FrameException e = assertThrows(FrameException.class,
        () -> reader("chunked 1.0,2,10\n{}abc").next());
    assertEquals("frame 1 at byte 19: body declared 10 bytes but the input ended after 3", e.getMessage());
  }

  @Test
  void reportsInputEndingInsideTheHeader() {
    FrameException e = assertThrows(FrameException.class, () -> reader("chunked 1.0,2").next());
    assertEquals("frame 1 at byte 0: input ended inside the header after 13 bytes: 'chunked 1.0,2'",
        e.getMessage());
  }

  @Test
  void enforcesBodyAndMetadataLimitsBeforeAllocating() {
    FrameLimits small = new FrameLimits(128, 100, 1000);
    FrameException body = assertThrows(FrameException.class, () -> new FrameReader(
        new ByteArrayInputStream("chunked 1.0,2,2000000000\n{}".getBytes(StandardCharsets.US_ASCII)), small)
        .next());
    assertEquals("frame 1 at byte 0: body length 2000000000 exceeds the limit of 1000 bytes; lower "
        + "maxresultrows for this search or raise ECD_MAX_BODY_BYTES", body.getMessage());
    FrameException meta = assertThrows(FrameException.class, () -> new FrameReader(
        new ByteArrayInputStream("chunked 1.0,101,0\n".getBytes(StandardCharsets.US_ASCII)), small).next());
    assertEquals(true, meta.getMessage().startsWith("frame 1 at byte 0: metadata length 101 exceeds"));
  }

  @Test
  void writerProducesTheDocumentedBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new FrameWriter(out).write("{\"finished\":true}".getBytes(StandardCharsets.UTF_8));
    assertEquals("chunked 1.0,17,0\n{\"finished\":true}", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void recycledBodiesShareOneBufferAndCarryTheirOwnLength() {
    FrameReader r = reader("chunked 1.0,2,6\n{}abcdef" + "chunked 1.0,2,3\n{}xyz" + "chunked 1.0,2,8\n{}12345678")
        .recycleBodies();
    Frame a = r.next();
    assertEquals("abcdef", new String(a.body(), 0, a.bodyLength(), StandardCharsets.UTF_8));
    Frame b = r.next();
    assertEquals(3, b.bodyLength());
    assertEquals("xyz", new String(b.body(), 0, b.bodyLength(), StandardCharsets.UTF_8));
    assertEquals(true, a.body() == b.body(), "the second body went into the first one's buffer");
    Frame c = r.next();
    assertEquals("12345678", new String(c.body(), 0, c.bodyLength(), StandardCharsets.UTF_8));
    assertEquals(2 + 16 + 6 + 2 + 16 + 3 + 2 + 16 + 8, r.position());
  }

  @Test
  void aRecycledBodyCutShortIsStillAnError() {
    FrameReader r = reader("chunked 1.0,2,10\n{}abc").recycleBodies();
    FrameException e = assertThrows(FrameException.class, r::next);
    assertEquals(true, e.getMessage().contains("body declared 10 bytes but the input ended after 3"),
        e.getMessage());
  }

  /** A frame with {@code declared} body bytes in its header and {@code sent} of them after it. */
  private static byte[] bodyFrame(int declared, int sent) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("chunked 1.0,2," + declared + "\n{}").getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < sent; i++) {
      out.write(i % 251);
    }
    return out.toByteArray();
  }

  @Test
  void aWatcherHearsOfEachPieceOfABodyButTheLastWithTheFrameNextReturns() {
    int piece = FrameReader.IO_PIECE_BYTES;
    List<Integer> heard = new ArrayList<>();
    List<Frame> frames = new ArrayList<>();
    byte[] stream = bodyFrame(2 * piece + 100, 2 * piece + 100);
    FrameReader r = new FrameReader(new ByteArrayInputStream(stream)).recycleBodies()
        .watchBodies((frame, bytes) -> {
          // what has arrived is there already
          assertEquals((byte) ((bytes - 1) % 251), frame.body()[bytes - 1]);
          heard.add(bytes);
          frames.add(frame);
        });
    Frame f = r.next();
    assertEquals(List.of(piece, 2 * piece), heard);
    assertSame(f, frames.get(0));
    assertSame(f, frames.get(1));
    assertEquals((byte) ((2 * piece + 99) % 251), f.body()[2 * piece + 99]);
    assertNull(r.next());
  }

  @Test
  void aBodyOfOnePieceIsNotWatched() {
    List<Integer> heard = new ArrayList<>();
    FrameReader r = new FrameReader(new ByteArrayInputStream(bodyFrame(1000, 1000)))
        .watchBodies((frame, bytes) -> heard.add(bytes));
    assertEquals(1000, r.next().bodyLength());
    assertEquals(List.of(), heard);
  }

  @Test
  void aWatchedBodyCutShortIsStillAnErrorAfterWhatArrivedWasHeardOf() {
    int piece = FrameReader.IO_PIECE_BYTES;
    List<Integer> heard = new ArrayList<>();
    FrameReader r = new FrameReader(new ByteArrayInputStream(bodyFrame(3 * piece, piece + 5)))
        .watchBodies((frame, bytes) -> heard.add(bytes));
    FrameException e = assertThrows(FrameException.class, r::next);
    String header = "chunked 1.0,2," + (3 * piece) + "\n";
    assertEquals("frame 1 at byte " + (header.length() + 2) + ": body declared " + (3 * piece)
        + " bytes but the input ended after " + (piece + 5), e.getMessage());
    assertEquals(List.of(piece, piece + 5), heard);
  }
}
