package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.Frame;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Recordings;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import io.ecd.testing.TestCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness plays splunkd against a real child JVM running the engine with test commands. */
class ChildProcessSessionTest {

  private static SplunkdHarness start(String command) {
    return SplunkdHarness.start(Launch.classpath(TestCommands.class, command));
  }

  @Test
  void replaysTheMultibyteRecordingInLockstep() {
    byte[] stream = Recordings.bytes(Recordings.multibyte());
    List<Frame> frames = Recordings.frames(stream);
    int[] counts = {6638, 5861, 1, 6574, 5926, 6412, 6088, 1741, 1441};
    try (SplunkdHarness splunkd = start("echo")) {
      Reply info = splunkd.request(Chunks.getinfo("echo"));
      assertEquals("{\"type\":\"streaming\"}", info.metadataText());
      for (int i = 1; i < frames.size(); i++) {
        Reply r = splunkd.request(Recordings.raw(stream, frames.get(i)));
        assertEquals(i == frames.size() - 1, r.finished(), "finished mirrored on chunk " + i);
        assertEquals(counts[i - 1], r.records().size());
        List<io.ecd.command.Record> sent = new BodyDecoder().decode(frames.get(i));
        for (int k = 0; k < sent.size(); k++) {
          assertEquals(sent.get(k).get("_time"), r.records().get(k).get("_time"));
          assertEquals("ทt", r.records().get(k).get("teststring"));
          assertEquals(String.valueOf(i), r.records().get(k).get("chunk"));
        }
      }
      splunkd.finishWith(0);
      splunkd.assertSessionKeyNeverShown();
    }
  }

  @Test
  void eventsCommandAnswersEveryIntermediateChunkEmpty() {
    String body = Chunks.csv(List.of("_time", "x"), List.of(List.of("1", "a"), List.of("2", "b")));
    try (SplunkdHarness splunkd = start("collect")) {
      splunkd.getinfo("collect");
      for (int i = 0; i < 3; i++) {
        Reply r = splunkd.execute(false, body);
        assertEquals("{\"finished\":false}", r.metadataText());
        assertEquals(0, r.frame().body().length);
      }
      Reply last = splunkd.execute(true, body);
      assertTrue(last.finished());
      assertEquals(8, last.records().size());
      assertEquals("2", last.records().get(0).get("_time"));
      splunkd.finishWith(0);
    }
  }

  @Test
  void getinfoOnlyProbeExitsZeroWithNothingOnStderr() {
    try (SplunkdHarness splunkd = start("echo")) {
      splunkd.getinfo("echo", "fields=a,b");
      splunkd.finishWith(0);
      assertEquals("", splunkd.stderr());
    }
  }

  @Test
  void garbageOnStdinEndsWithAnErrorFrameAndExitOne() {
    try (SplunkdHarness splunkd = start("echo")) {
      splunkd.getinfo("echo");
      Reply r = splunkd.request("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(r.finished());
      assertEquals(List.of("ERROR: echo: frame 2 at byte " + Chunks.getinfo("echo").length
          + ": expected 'chunked 1.0,<metadata length>,<body length>\\n' but got 'GET / HTTP/1.1\\r\\n'"),
          r.messages());
      splunkd.finishWith(1);
      assertFalse(splunkd.stderr().contains(Chunks.SESSION_KEY));
    }
  }

  @Test
  void stdinClosedInTheMiddleOfAChunkIsReported() {
    try (SplunkdHarness splunkd = start("echo")) {
      splunkd.getinfo("echo");
      byte[] chunk = Chunks.execute(true, "x\n1\n2\n");
      splunkd.send(java.util.Arrays.copyOf(chunk, chunk.length - 3));
      splunkd.closeStdin();
      Reply r = splunkd.nextReply();
      assertTrue(r.messages().get(0).contains("body declared 6 bytes but the input ended after 3"),
          r.messages().toString());
    }
  }
}
