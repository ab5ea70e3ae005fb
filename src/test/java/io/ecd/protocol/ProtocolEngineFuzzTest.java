package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ecd.protocol.frame.Frame;
import io.ecd.testing.Chunks;
import io.ecd.testing.Messages;
import io.ecd.testing.Recordings;
import io.ecd.testing.TestCommands;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coverage-guided fuzzing of a whole session: whatever splunkd sends, the engine ends with exit 0
 * or 1, writes only well-formed frames, at most one reply per request, and every ERROR it writes
 * is readable. Half of the inputs start with a valid getinfo so that the fuzzer reaches execute.
 */
class ProtocolEngineFuzzTest {
  private static final Limits SMALL = new Limits(64, 1 << 14, 1 << 16, 64, 4096);
  private static final byte[] GETINFO = Chunks.getinfo("echo");

  static {
    Logger.getLogger(ProtocolEngine.class.getName()).setLevel(Level.OFF);
  }

  @FuzzTest(maxDuration = "60s")
  void anyStreamEndsInFramesAndAnExitCode(FuzzedDataProvider data) {
    boolean prefixed = data.consumeBoolean();
    String command = data.pickValue(new String[] {"echo", "collect", "count"});
    byte[] rest = data.consumeRemainingAsBytes();
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    if (prefixed) {
      in.writeBytes(Chunks.getinfo(command));
    }
    in.writeBytes(rest);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = new ProtocolEngine(command, TestCommands.ALL.get(command), SMALL)
        .run(new ByteArrayInputStream(in.toByteArray()), out);
    assertTrue(exit == 0 || exit == 1, "exit " + exit);
    List<Frame> replies = Recordings.frames(out.toByteArray());
    for (int i = 0; i < replies.size(); i++) {
      JsonObject meta = JsonParser.parseString(
          new String(replies.get(i).metadata(), StandardCharsets.UTF_8)).getAsJsonObject();
      JsonElement inspector = meta.get("inspector");
      boolean error = false;
      if (inspector != null) {
        for (JsonElement m : inspector.getAsJsonObject().getAsJsonArray("messages")) {
          JsonArray pair = m.getAsJsonArray();
          if (pair.get(0).getAsString().equals("ERROR")) {
            error = true;
            Messages.assertShowable(pair.get(1).getAsString());
          }
        }
      }
      if (error) {
        assertEquals(replies.size() - 1, i, "an ERROR reply is the last one");
        assertEquals(1, exit);
      }
    }
    if (exit == 1) {
      assertTrue(!replies.isEmpty(), "a failure is reported in a frame");
    }
  }
}
