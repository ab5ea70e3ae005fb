package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ecd.protocol.frame.Frame;
import io.ecd.testing.Messages;

/** Coverage-guided fuzzing of request metadata decoding. */
class MetadataCodecFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void anyMetadataGivesARequestOrACodecException(byte[] metadata) {
    MetadataCodec.sessionKeyIn(metadata);
    Frame frame = new Frame(1, 0, 20, metadata, new byte[0]);
    try {
      Request r = MetadataCodec.decode(frame);
      assertNotNull(r);
      if (r instanceof Request.Getinfo g) {
        assertNotNull(g.searchInfo().toString());
      }
    } catch (CodecException e) {
      Messages.assertReadable(e.getMessage());
    }
  }

  @FuzzTest(maxDuration = "60s")
  void anyTextParsesAsGsonsTreeParserParsesIt(String text) {
    if (text == null) {
      return;
    }
    assertEquals(MetadataJsonAgreementTest.gsonTree(text), MetadataJsonAgreementTest.codec(text));
  }
}
