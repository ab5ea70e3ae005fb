package io.ecd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.codec.MetadataCodec;
import io.ecd.protocol.codec.Request;
import io.ecd.protocol.frame.Frame;
import io.ecd.protocol.frame.FrameReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The train tool's sessions; the archive the launchers record with it: PackageInstallIT. */
class TrainTest {

  @Test
  void aMissingOrUnknownCommandIsAUsageErrorNamingTheCommands() {
    for (String[] args : List.of(new String[0], new String[] {"detect"}, new String[] {"a", "b"})) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertEquals(2, Train.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
      assertEquals("usage: train <search command>, one of [mailboxcollection, stdevoutlier]\n",
          err.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void mailboxSessionIsGetinfoThenAFullChunkLargeEnoughForTwoHalvesThenTheLast() {
    List<Frame> frames = frames(Train.session("mailboxcollection", List.of("keep=all")));
    assertEquals(3, frames.size());
    Request.Getinfo getinfo = assertInstanceOf(Request.Getinfo.class, MetadataCodec.decode(frames.get(0)));
    assertEquals(List.of("keep=all"), getinfo.searchInfo().args());
    assertEquals("mailboxcollection", getinfo.searchInfo().command());
    assertEquals(new Request.Execute(false), MetadataCodec.decode(frames.get(1)));
    assertEquals(new Request.Execute(true), MetadataCodec.decode(frames.get(2)));
    // the codec decodes bodies of 1 MiB and more, and the command scores 4096 events and more, in halves
    assertTrue(frames.get(1).bodyLength() >= 1 << 20, "body of " + frames.get(1).bodyLength() + " bytes");
    List<Record> first = new BodyDecoder().decode(frames.get(1));
    assertEquals(50_000, first.size(), "as many events as splunkd sends in a chunk (and 4096 or more)");
    Record multivalue = first.get(0);
    assertEquals(List.of("203.0.113.0", "198.51.100.7"), multivalue.getAll("ClientIP"));
    assertEquals("Client=WebServices;MailSniper \"x\"", first.get(5).get("ClientInfoString"));
    assertNull(first.get(0).get("ResultStatus"), "an empty cell is null");
    assertEquals(50, new BodyDecoder().decode(frames.get(2)).size());
  }

  @Test
  void stdevSessionHasFourteenDaysOfEveryHostWithOneFarAboveItsUsual() {
    List<Frame> frames = frames(Train.session("stdevoutlier", List.of("field=bytes_out", "by=dest_ip")));
    BodyDecoder decoder = new BodyDecoder();
    List<Record> rows = new java.util.ArrayList<>(decoder.decode(frames.get(1)));
    rows.addAll(new BodyDecoder().decode(frames.get(2)));
    long hosts = rows.stream().map(r -> r.get("dest_ip")).distinct().count();
    assertEquals(14 * hosts, rows.size());
    Record last = rows.stream().filter(r -> r.get("dest_ip").equals("10.0.0.0"))
        .reduce((a, b) -> b).orElseThrow();
    assertEquals(40 * 1_000_000L, Long.parseLong(last.get("bytes_out")));
  }

  private static List<Frame> frames(byte[] session) {
    FrameReader reader = new FrameReader(new ByteArrayInputStream(session));
    List<Frame> frames = new java.util.ArrayList<>();
    for (Frame f = reader.next(); f != null; f = reader.next()) {
      frames.add(f);
    }
    return frames;
  }
}
