package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

  private static Frame frame(String metadata) {
    return new Frame(1, 0, 20, metadata.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  // scp-v2.md §3: byte-exact 8.2.1 getinfo (session key shortened)
  private static final String GETINFO_821 = "{\"action\":\"getinfo\",\"preview\":false,"
      + "\"streaming_command_will_restart\":false,\"searchinfo\":{\"args\":[],\"raw_args\":[],"
      + "\"dispatch_dir\":\"C:\\\\Program Files\\\\Splunk\\\\var\\\\run\\\\splunk\\\\dispatch\\\\1629787812.122\","
      + "\"sid\":\"1629787812.122\",\"app\":\"CustomSearchCommandExamples\",\"owner\":\"admin\","
      + "\"username\":\"admin\",\"session_key\":\"Jpsi…XWL\",\"splunkd_uri\":\"https://127.0.0.1:8089\","
      + "\"splunk_version\":\"8.2.1\",\"search\":\"%7C%20generateevents%20%20%7C%20head%20100%20%7C%20export"
      + "%20add_timestamp%3Df%20add_offset%3Dt%20segmentation%3Draw\",\"command\":\"generateevents\","
      + "\"maxresultrows\":50000,\"earliest_time\":\"0\",\"latest_time\":\"0\"}}";

  @Test
  void decodesTheSplunkd821Getinfo() {
    Request.Getinfo g = (Request.Getinfo) MetadataCodec.decode(frame(GETINFO_821));
    SearchInfo si = g.searchInfo();
    assertFalse(g.preview());
    assertEquals("1629787812.122", si.sid());
    assertEquals("C:\\Program Files\\Splunk\\var\\run\\splunk\\dispatch\\1629787812.122", si.dispatchDir());
    assertEquals("| generateevents  | head 100 | export add_timestamp=f add_offset=t segmentation=raw",
        si.search());
    assertEquals("generateevents", si.command());
    assertEquals(50000, si.maxResultRows());
    assertNull(si.earliestTime(), "\"0\" means unbounded");
    assertEquals(List.of(), si.args());
  }

  @Test
  void searchInfoToStringHidesTheSessionKey() {
    Request.Getinfo g = (Request.Getinfo) MetadataCodec.decode(frame(GETINFO_821));
    assertFalse(g.searchInfo().toString().contains("Jpsi"));
    assertTrue(g.searchInfo().toString().contains("sessionKey=***"));
  }

  @Test
  void decodesExecuteFinishedFlag() {
    assertEquals(new Request.Execute(true),
        MetadataCodec.decode(frame("{\"action\":\"execute\",\"finished\":true}")));
    assertEquals(new Request.Execute(false),
        MetadataCodec.decode(frame("{\"action\":\"execute\",\"finished\":false}")));
  }

  @Test
  void acceptsNumericTimesAsThe2020SdkRecordingHasThem() {
    Request.Getinfo g = (Request.Getinfo) MetadataCodec.decode(frame(
        "{\"action\":\"getinfo\",\"searchinfo\":{\"earliest_time\":1599171244.5,\"latest_time\":\"1599171300\"}}"));
    assertEquals(1599171244.5, g.searchInfo().earliestTime());
    assertEquals(1599171300.0, g.searchInfo().latestTime());
  }

  @Test
  void rejectsAnUnknownActionNamingIt() {
    CodecException e = assertThrows(CodecException.class,
        () -> MetadataCodec.decode(frame("{\"action\":\"reticulate\"}")));
    assertEquals("frame 1 at byte 0 (metadata at byte 20): unknown action 'reticulate'; expected "
        + "\"getinfo\" or \"execute\"", e.getMessage());
  }

  @Test
  void rejectsMetadataThatIsNotJson() {
    CodecException e = assertThrows(CodecException.class, () -> MetadataCodec.decode(frame("{\"action\":")));
    assertTrue(e.getMessage().startsWith("frame 1 at byte 0 (metadata at byte 20): metadata is not valid JSON"),
        e.getMessage());
  }

  @Test
  void rejectsMetadataThatIsNotAnObject() {
    CodecException e = assertThrows(CodecException.class, () -> MetadataCodec.decode(frame("[1,2]")));
    assertEquals("frame 1 at byte 0 (metadata at byte 20): metadata is an array; expected a JSON object",
        e.getMessage());
  }

  @Test
  void rejectsAWronglyTypedFinishedFlag() {
    CodecException e = assertThrows(CodecException.class,
        () -> MetadataCodec.decode(frame("{\"action\":\"execute\",\"finished\":\"yes\"}")));
    assertTrue(e.getMessage().endsWith("\"finished\" is '\"yes\"'; expected true or false"), e.getMessage());
  }

  @Test
  void encodesRepliesCompactlyWithTheDocumentedLengths() {
    assertEquals("{\"finished\":true}", text(MetadataCodec.executeReply(true, List.of())));
    assertEquals(18, MetadataCodec.executeReply(false, List.of()).length);
    assertEquals("{\"type\":\"streaming\"}",
        text(MetadataCodec.getinfoReply("streaming", null, false, List.of())));
    assertEquals("{\"type\":\"events\",\"required_fields\":[\"age\"]}",
        text(MetadataCodec.getinfoReply("events", List.of("age"), false, List.of())));
    assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"ERROR\",\"x: bad \\\"y\\\"\"]]}}",
        text(MetadataCodec.executeReply(true, List.of(new Message("ERROR", "x: bad \"y\"")))));
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
