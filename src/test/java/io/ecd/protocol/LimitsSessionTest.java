package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import io.ecd.testing.Chunks;
import io.ecd.testing.Launch;
import io.ecd.testing.Reply;
import io.ecd.testing.SplunkdHarness;
import io.ecd.testing.TestCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The input caps and back-pressure, against a child JVM with a small heap. */
class LimitsSessionTest {
  private static final byte[] EXECUTE_META =
      "{\"action\":\"execute\",\"finished\":true}".getBytes(StandardCharsets.US_ASCII);

  private static List<String> echo(String heap) {
    List<String> cmd = new ArrayList<>(Launch.classpath(TestCommands.class, "echo"));
    cmd.add(1, "-Xmx" + heap);
    return cmd;
  }

  private static byte[] header(long metaLength, long bodyLength) {
    return ("chunked 1.0," + metaLength + "," + bodyLength + "\n").getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void gigabyteChunkIsRefusedBeforeItsBodyIsRead() {
    // stdin stays open and no body byte is sent: only a refusal from the header can answer
    try (SplunkdHarness splunkd = SplunkdHarness.start(echo("32m"), Map.of(), null, Duration.ofSeconds(10))) {
      splunkd.getinfo("echo");
      splunkd.send(header(36, 1_000_000_000L));
      Reply r = splunkd.request(EXECUTE_META);
      assertTrue(r.finished());
      assertEquals(List.of("ERROR: echo: frame 2 at byte " + Chunks.getinfo("echo").length
          + ": body length 1000000000 exceeds the limit of 268435456 bytes; lower maxresultrows for this"
          + " search or raise ECD_MAX_BODY_BYTES"), r.messages());
      splunkd.finishWith(1);
    }
  }

  @Test
  void raisedBodyCapStillHoldsOnlyTheBytesThatArrive() {
    // 1 GB declared and allowed, 4 MiB sent, then stdin closes: a 32 MiB heap must not run out
    byte[] sent = new byte[4 << 20];
    java.util.Arrays.fill(sent, (byte) 'x');
    try (SplunkdHarness splunkd = SplunkdHarness.start(echo("32m"),
        Map.of("ECD_MAX_BODY_BYTES", "1500M"), null, Duration.ofSeconds(20))) {
      splunkd.getinfo("echo");
      splunkd.send(header(36, 1_000_000_000L));
      splunkd.send(EXECUTE_META);
      List<Reply> replies = splunkd.sendAllAndDrain(sent);
      assertEquals(1, replies.size());
      assertEquals(List.of("ERROR: echo: frame 2 at byte " + (Chunks.getinfo("echo").length + 26 + 36)
          + ": body declared 1000000000 bytes but the input ended after " + sent.length),
          replies.get(0).messages());
      assertEquals(1, splunkd.exitCode());
    }
  }

  @Test
  void loweredCapsAreEnforcedWithTheirSettingNamed() {
    String wide = "a,b,c,d\n1,2,3,4\n";
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"),
        Map.of("ECD_MAX_FIELDS", "3"), null, Duration.ofSeconds(20))) {
      splunkd.getinfo("echo");
      Reply r = splunkd.execute(true, wide);
      assertTrue(r.messages().get(0).endsWith(
          "body header has 4 columns, more than the limit of 3 (ECD_MAX_FIELDS)"), r.messages().toString());
      splunkd.finishWith(1);
    }
    String longValue = "x\n" + "v".repeat(5000) + "\n";
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"),
        Map.of("ECD_MAX_VALUE_CHARS", "1K"), null, Duration.ofSeconds(20))) {
      splunkd.getinfo("echo");
      Reply r = splunkd.execute(true, longValue);
      assertEquals(List.of("ERROR: echo: frame 2 at byte " + Chunks.getinfo("echo").length
          + ": body line 2, column 1: a value of 5000 chars, more than the limit of 1024 (ECD_MAX_VALUE_CHARS)"),
          r.messages());
      splunkd.finishWith(1);
    }
  }

  @Test
  void badLimitSettingFailsTheSearchNamingIt() {
    try (SplunkdHarness splunkd = SplunkdHarness.start(Launch.classpath(TestCommands.class, "echo"),
        Map.of("ECD_MAX_BODY_BYTES", "lots"), null, Duration.ofSeconds(20))) {
      Reply r = splunkd.getinfo("echo");
      assertEquals(List.of("ERROR: echo: invalid value 'lots' for environment variable ECD_MAX_BODY_BYTES;"
          + " expected a whole number from 0 to 2147483583, optionally followed by K, M or G"), r.messages());
      splunkd.finishWith(1);
    }
  }

  @Test
  void largeChunkStreamsThroughASmallHeap() {
    // a 24 MB body (100,000 records of ~240 B) through a 256 MiB heap: held about 8 times over at most
    int rows = 100_000;
    StringBuilder body = new StringBuilder("_time,_raw,__mv__time,__mv__raw\n");
    String raw = "\"" + "r".repeat(220) + ",\"\"q\"\"\"";
    for (int i = 0; i < rows; i++) {
      body.append(i).append(',').append(raw).append(",,\n");
    }
    try (SplunkdHarness splunkd = SplunkdHarness.start(echo("256m"), Map.of(), null, Duration.ofSeconds(60))) {
      splunkd.getinfo("echo");
      Reply r = splunkd.execute(true, body.toString());
      assertEquals(List.of(), r.messages());
      assertEquals(rows, r.records().size());
      Record last = r.records().get(rows - 1);
      assertEquals(String.valueOf(rows - 1), last.get("_time"));
      assertEquals("r".repeat(220) + ",\"q\"", last.get("_raw"));
      splunkd.finishWith(0);
    }
  }

  @Test
  void slowReaderGetsAReplyManyTimesThePipeBufferWithoutDeadlock() {
    // ~6 MB replies (the pipe holds 64 KiB) read 32 KiB at a time with a 1 ms pause before each read
    int rows = 30_000;
    StringBuilder body = new StringBuilder("n,v,__mv_n,__mv_v\n");
    for (int i = 0; i < rows; i++) {
      body.append(i).append(',').append("v".repeat(180)).append(i).append(",,\n");
    }
    try (SplunkdHarness splunkd = SplunkdHarness.startSlowReader(
        Launch.classpath(TestCommands.class, "echo"), Duration.ofSeconds(60), 32 << 10, 1)) {
      splunkd.getinfo("echo");
      Reply first = splunkd.execute(false, body.toString());
      Reply second = splunkd.execute(true, body.toString());
      assertTrue(first.frame().body().length > 5_000_000, "reply of " + first.frame().body().length + " B");
      for (Reply r : List.of(first, second)) {
        assertEquals(rows, r.records().size());
        for (int i = 0; i < rows; i += 997) {
          assertEquals(String.valueOf(i), r.records().get(i).get("n"));
        }
      }
      assertTrue(second.finished());
      splunkd.finishWith(0);
    }
  }
}
