package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.cli.Commands;
import io.ecd.command.Record;
import io.ecd.protocol.ProtocolEngine;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** stdevoutlier served by the protocol engine, chunk by chunk, as splunkd drives it. */
class StdevOutlierProtocolTest {

  private static void frame(ByteArrayOutputStream out, String metadata, String body) {
    byte[] m = metadata.getBytes(StandardCharsets.UTF_8);
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(("chunked 1.0," + m.length + "," + b.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(m);
    out.writeBytes(b);
  }

  private static List<Frame> frames(byte[] bytes) {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes));
    List<Frame> frames = new ArrayList<>();
    for (Frame f = reader.next(); f != null; f = reader.next()) {
      frames.add(f);
    }
    return frames;
  }

  @Test
  void repliesEmptyUntilTheLastChunkThenSendsTheOutliers() {
    // the rows of StdevOutlierCommandTest.twoHosts in two chunks; now 2024-06-15T12:00Z.
    // TZ is not pinned here: the rows sit at whole days in UTC, and 2024-06-15T00:00Z is
    // today's window start only in UTC, so the test passes its own now and current=-12h
    // (12:00Z - 12h = 00:00Z in every zone).
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    frame(in, "{\"action\":\"getinfo\",\"preview\":false,\"searchinfo\":{\"args\":["
        + "\"field=bytes_out\",\"by=dest_ip\",\"threshold=1\",\"now=1718452800\",\"current=-12h\"],"
        + "\"sid\":\"1718452800.1\",\"dispatch_dir\":\"/nonexistent\",\"app\":\"search\"}}", "");
    frame(in, "{\"action\":\"execute\",\"finished\":false}",
        "_time,dest_ip,bytes_out\r\n"
            + "1718150400,10.0.0.1,10\r\n1718236800,10.0.0.1,20\r\n1718323200,10.0.0.1,30\r\n"
            + "1718409600,10.0.0.1,100\r\n");
    frame(in, "{\"action\":\"execute\",\"finished\":true}",
        "_time,dest_ip,bytes_out\r\n"
            + "1718150400,10.0.0.2,10\r\n1718236800,10.0.0.2,10\r\n1718323200,10.0.0.2,10\r\n"
            + "1718409600,10.0.0.2,10\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int code = new ProtocolEngine("stdevoutlier", Commands.find("stdevoutlier"))
        .run(new ByteArrayInputStream(in.toByteArray()), out);

    assertEquals(0, code);
    List<Frame> replies = frames(out.toByteArray());
    assertEquals(3, replies.size());
    String getinfo = new String(replies.get(0).metadata(), StandardCharsets.UTF_8);
    assertTrue(getinfo.contains("\"type\":\"events\""), getinfo);
    assertEquals(0, replies.get(1).body().length);
    assertTrue(new String(replies.get(1).metadata(), StandardCharsets.UTF_8).contains("\"finished\":false"));
    List<Record> results = new BodyDecoder().decode(replies.get(2));
    assertEquals(1, results.size());
    Record r = results.get(0);
    assertEquals("10.0.0.1", r.get("dest_ip"));
    assertEquals("1718409600", r.get("_time"));
    assertEquals("25", r.get("avg_bytes_out"));
    assertEquals("20", r.get("per_source_avg_bytes_out"));
    assertEquals("2.41", r.get("num_standard_deviations_away_from_server_average"));
    assertEquals("8", r.get("num_standard_deviations_away_from_client_average"));
    assertTrue(new String(replies.get(2).metadata(), StandardCharsets.UTF_8).contains("\"finished\":true"));
  }
}
