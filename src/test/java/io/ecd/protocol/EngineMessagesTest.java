package io.ecd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.SearchCommand;
import io.ecd.testing.Chunks;
import io.ecd.testing.Recordings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whatever text a command puts in a message reaches the user escaped, cut and without the key. */
class EngineMessagesTest {

  private static String lastMetadata(SearchCommand command) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(Chunks.getinfo("noisy"));
    in.writeBytes(Chunks.execute(true, "x\n1\n"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ProtocolEngine("noisy", (options, context) -> command).run(new ByteArrayInputStream(in.toByteArray()), out);
    var frames = Recordings.frames(out.toByteArray());
    return new String(frames.get(frames.size() - 1).metadata(), StandardCharsets.UTF_8);
  }

  private static SearchCommand saying(String text) {
    return new SearchCommand() {
      @Override
      public CommandInfo info() {
        return CommandInfo.of(CommandType.STREAMING);
      }

      @Override
      public void execute(List<Record> records, boolean last, Output out) {
        out.message(Output.Level.WARN, text);
      }
    };
  }

  @Test
  void controlAndBidiCharactersAreEscaped() {
    assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"WARN\",\"a\\\\u001b[31mb\\\\u000ac\\\\u202ed 😀\"]]}}",
        lastMetadata(saying("a\u001b[31mb\nc\u202ed 😀")));
  }

  @Test
  void longMessagesAreCutWithTheirLengthShown() {
    String meta = lastMetadata(saying("w".repeat(10_000)));
    assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"WARN\",\"" + "w".repeat(4000)
        + "...(10000 chars)\"]]}}", meta);
  }

  @Test
  void theSessionKeyIsMasked() {
    assertEquals("{\"finished\":true,\"inspector\":{\"messages\":[[\"WARN\",\"key ********\"]]}}",
        lastMetadata(saying("key " + Chunks.SESSION_KEY)));
  }
}
