package io.ecd.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecd.testing.Messages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the frame layer. Without {@code JAZZER_FUZZ} each method replays its
 * inputs in {@code FrameReaderFuzzTestInputs/<method>/}.
 */
class FrameReaderFuzzTest {
  private static final FrameLimits SMALL = new FrameLimits(64, 4096, 1 << 16);

  @FuzzTest(maxDuration = "60s")
  void anyBytesGiveFramesOrAFrameException(byte[] input) {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(input), SMALL);
    long next = 0;
    try {
      for (Frame f = reader.next(); f != null; f = reader.next()) {
        assertEquals(next, f.offset(), "frames are contiguous");
        assertTrue(f.headerLength() <= SMALL.maxHeaderBytes());
        assertTrue(f.metadata().length <= SMALL.maxMetadataBytes());
        assertTrue(f.body().length <= SMALL.maxBodyBytes());
        next = f.bodyOffset() + f.body().length;
      }
      assertEquals(input.length, reader.position(), "a clean end consumes every byte");
    } catch (FrameException e) {
      Messages.assertReadable(e.getMessage());
      assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void writtenFramesReadBackByteForByte(FuzzedDataProvider data) {
    List<byte[][]> sent = new ArrayList<>();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FrameWriter writer = new FrameWriter(out);
    int n = data.consumeInt(0, 5);
    for (int i = 0; i < n; i++) {
      byte[] meta = data.consumeBytes(data.consumeInt(0, 300));
      byte[] body = data.consumeBytes(data.consumeInt(0, 3000));
      writer.write(meta, body, body.length);
      sent.add(new byte[][] {meta, body});
    }
    FrameReader reader = new FrameReader(new ByteArrayInputStream(out.toByteArray()), SMALL);
    for (byte[][] s : sent) {
      Frame f = reader.next();
      assertArrayEquals(s[0], f.metadata());
      assertArrayEquals(s[1], f.body());
    }
    assertNull(reader.next());
  }
}
