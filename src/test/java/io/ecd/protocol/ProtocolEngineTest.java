package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import io.ecd.protocol.frame.Frame;
import io.ecd.testing.Chunks;
import io.ecd.testing.Recordings;
import io.ecd.testing.TestCommands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine in-process, on byte streams built the way splunkd sends them. */
class ProtocolEngineTest {

  private record Run(int exit, List<Frame> replies, String stdout) {
    String meta(int i) {
      return new String(replies.get(i).metadata(), StandardCharsets.UTF_8);
    }

    String body(int i) {
      return new String(replies.get(i).body(), StandardCharsets.UTF_8);
    }
  }

  private static Run run(String command, byte[]... chunks) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (byte[] c : chunks) {
      in.writeBytes(c);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new ProtocolEngine(command, TestCommands.ALL.get(command))
        .run(new ByteArrayInputStream(in.toByteArray()), out);
    byte[] bytes = out.toByteArray();
    return new Run(exit, Recordings.frames(bytes), out.toString(StandardCharsets.UTF_8));
  }

  private static final String BODY = Chunks.csv(List.of("_time", "x"),
      List.of(List.of("1599171244.277", "a,b"), List.of("1599171245", "ทt")));

  @Test
  void streamingCommandEchoesFinishedAndKeepsEveryField() {
    Run r = run("echo", Chunks.getinfo("echo"), Chunks.execute(false, BODY), Chunks.execute(true, BODY));
    assertEquals(0, r.exit());
    assertEquals(3, r.replies().size());
    assertEquals("{\"type\":\"streaming\"}", r.meta(0));
    assertEquals("{\"finished\":false}", r.meta(1));
    assertEquals("{\"finished\":true}", r.meta(2));
    // the request's header and rows as splunkd sent them, the added field after them
    assertEquals("\"_time\",x,\"__mv__time\",\"__mv_x\",chunk,__mv_chunk\n"
        + "\"1599171244.277\",\"a,b\",,,1,\n1599171245,\"ทt\",,,1,\n", r.body(1));
    assertTrue(r.body(2).endsWith("1599171245,\"ทt\",,,2,\n"));
  }

  @Test
  void requiredFieldsAreDeclaredAndChunkedIdxComesBackUnchanged() {
    String body = Chunks.csv(List.of("x", "_chunked_idx"), List.of(List.of("a", "0"), List.of("b", "1")));
    Run r = run("echo", Chunks.getinfo("echo", "fields=x"), Chunks.execute(true, body));
    assertEquals("{\"type\":\"streaming\",\"required_fields\":[\"x\"]}", r.meta(0));
    assertEquals("x,\"_chunked_idx\",\"__mv_x\",\"__mv__chunked_idx\",chunk,__mv_chunk\na,0,,,1,\nb,1,,,1,\n",
        r.body(1));
  }

  @Test
  void eventsCommandRepliesEmptyUntilTheLastChunk() {
    Run r = run("collect", Chunks.getinfo("collect"), Chunks.execute(false, BODY),
        Chunks.execute(false, BODY), Chunks.execute(true, BODY));
    assertEquals(0, r.exit());
    assertEquals("{\"type\":\"events\",\"required_fields\":[\"_time\",\"x\"]}", r.meta(0));
    assertEquals("{\"finished\":false}", r.meta(1));
    assertEquals(0, r.replies().get(1).body().length);
    assertEquals("{\"finished\":false}", r.meta(2));
    assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"WARN\",\"collect: 6 records\"]]}}", r.meta(3));
    assertEquals(7, r.body(3).split("\n").length, "header + 6 records");
  }

  @Test
  void reportingCommandEmitsItsTableAtTheEnd() {
    Run r = run("count", Chunks.getinfo("count"), Chunks.execute(false, BODY), Chunks.execute(true, ""));
    assertEquals("{\"type\":\"reporting\"}", r.meta(0));
    assertEquals("", r.body(1));
    assertEquals("count,__mv_count\n2,\n", r.body(2));
  }

  @Test
  void getinfoOnlyProbeExitsZeroQuietly() {
    Run r = run("echo", Chunks.getinfo("echo"));
    assertEquals(0, r.exit());
    assertEquals(1, r.replies().size());
  }

  @Test
  void emptyInputExitsZeroWithoutOutput() {
    Run r = run("echo");
    assertEquals(0, r.exit());
    assertEquals("", r.stdout());
  }

  @Test
  void badOptionValueGivesAnErrorThatNamesCommandOptionAndValue() {
    Run r = run("echo", Chunks.getinfo("echo", "type=sideways"));
    assertEquals(1, r.exit());
    assertEquals("{\"type\":\"streaming\",\"finished\":true,\"inspector\":{\"messages\":[[\"ERROR\","
        + "\"echo: invalid value 'sideways' for option type; expected one of streaming, stateful\"]]}}",
        r.meta(0));
  }

  @Test
  void unknownOptionIsReportedWithTheKnownOnes() {
    Run r = run("echo", Chunks.getinfo("echo", "feilds=x"));
    assertEquals(1, r.exit());
    assertTrue(r.meta(0).contains("echo: unknown option 'feilds'; expected one of fields, type, tag"), r.meta(0));
  }

  @Test
  void executeBeforeGetinfoIsAnError() {
    Run r = run("echo", Chunks.execute(true, BODY));
    assertEquals(1, r.exit());
    assertTrue(r.meta(0).contains("\"finished\":true"));
    assertTrue(r.meta(0).contains("echo: frame 1 at byte 0: expected a getinfo request first but got execute"),
        r.meta(0));
  }

  @Test
  void corruptChunkGetsAnErrorReplyWithItsOffset() {
    byte[] garbage = "chunked 1.0,36,999\n{\"action\":\"execute\",\"finished\":true}short"
        .getBytes(StandardCharsets.UTF_8);
    byte[] getinfo = Chunks.getinfo("echo");
    Run r = run("echo", getinfo, garbage);
    assertEquals(1, r.exit());
    assertEquals(2, r.replies().size());
    assertTrue(r.meta(1).contains("echo: frame 2 at byte " + (getinfo.length + 19 + 36)
        + ": body declared 999 bytes but the input ended after 5"), r.meta(1));
  }

  @Test
  void commandFailureEndsTheSearchWithItsMessage() {
    Run r = run("boom", Chunks.getinfo("boom", "at=2"), Chunks.execute(false, BODY), Chunks.execute(true, BODY));
    assertEquals(1, r.exit());
    assertEquals(3, r.replies().size());
    assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"ERROR\",\"boom: failed on chunk 2\"]]}}",
        r.meta(2));
  }

  @Test
  void sessionKeyNeverReachesAMessageEvenWhenAnOptionEchoesIt() {
    Run r = run("echo", Chunks.getinfo("echo", "type=" + Chunks.SESSION_KEY));
    assertEquals(1, r.exit());
    assertFalse(r.stdout().contains(Chunks.SESSION_KEY));
    assertTrue(r.meta(0).contains("invalid value '********' for option type"), r.meta(0));
  }

  @Test
  void recordsSurviveAsTheyCame() {
    Run r = run("echo", Chunks.getinfo("echo"), Chunks.execute(true, BODY));
    List<Record> out = new io.ecd.protocol.codec.BodyDecoder().decode(r.replies().get(1));
    assertEquals("a,b", out.get(0).get("x"));
    assertEquals("ทt", out.get(1).get("x"));
  }

  @Test
  void runningOutOfHeapSaysHowToRaiseIt() {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(Chunks.getinfo("hog"));
    in.writeBytes(Chunks.execute(true, BODY));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    io.ecd.command.CommandFactory hog = (options, context) -> new io.ecd.command.SearchCommand() {
      @Override
      public io.ecd.command.CommandInfo info() {
        return io.ecd.command.CommandInfo.of(io.ecd.command.CommandType.STREAMING);
      }

      @Override
      public void execute(List<Record> records, boolean last, io.ecd.command.Output o) {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    int exit = new ProtocolEngine("hog", hog).run(new ByteArrayInputStream(in.toByteArray()), out);
    assertEquals(1, exit);
    String reply = new String(Recordings.frames(out.toByteArray()).get(1).metadata(), StandardCharsets.UTF_8);
    assertTrue(reply.contains("hog: the data of this chunk does not fit in the JVM heap (at most "), reply);
    assertTrue(reply.contains("raise it with ECD_JAVA_OPTS=-Xmx<size>"), reply);
  }
}
