package io.ecd.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.ecd.command.Record;
import io.ecd.protocol.codec.BodyDecoder;
import io.ecd.protocol.frame.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One reply frame from the command under test, with its metadata parsed and body decoded. */
public record Reply(Frame frame, JsonObject metadata, List<Record> records) {

  static Reply of(Frame frame) {
    JsonObject meta = JsonParser.parseString(new String(frame.metadata(), StandardCharsets.UTF_8))
        .getAsJsonObject();
    return new Reply(frame, meta, new BodyDecoder().decode(frame));
  }

  /** The reply's {@code finished}; false when absent. */
  public boolean finished() {
    JsonElement f = metadata.get("finished");
    return f != null && f.getAsBoolean();
  }

  /** The metadata text as sent. */
  public String metadataText() {
    return new String(frame.metadata(), StandardCharsets.UTF_8);
  }

  /** The body text as sent. */
  public String bodyText() {
    return new String(frame.body(), StandardCharsets.UTF_8);
  }

  /** The inspector messages as "LEVEL: text". */
  public List<String> messages() {
    List<String> out = new ArrayList<>();
    JsonObject inspector = metadata.getAsJsonObject("inspector");
    if (inspector == null || !inspector.has("messages")) {
      return out;
    }
    for (JsonElement m : inspector.getAsJsonArray("messages")) {
      JsonArray pair = m.getAsJsonArray();
      out.add(pair.get(0).getAsString() + ": " + pair.get(1).getAsString());
    }
    return out;
  }
}
