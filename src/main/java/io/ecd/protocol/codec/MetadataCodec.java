package io.ecd.protocol.codec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.ecd.command.Options;
import io.ecd.protocol.frame.Frame;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes request metadata and encodes reply metadata (compact JSON, UTF-8). Both go through Gson's
 * streaming reader and writer rather than {@code JsonParser} and {@code JsonElement.toString()}:
 * those initialise Gson's table of type adapters, some 40 classes, on every command's start-up.
 */
public final class MetadataCodec {
  private static final String KEY_NAME = "\"session_key\"";

  private MetadataCodec() {}

  /** Decodes a request's metadata. */
  public static Request decode(Frame frame) {
    JsonObject meta = parseObject(frame);
    String action = string(meta, "action", frame);
    if (action == null) {
      throw error(frame, "metadata has no \"action\"; expected \"getinfo\" or \"execute\"");
    }
    return switch (action) {
      case "getinfo" -> new Request.Getinfo(bool(meta, "preview", frame), searchInfo(meta, frame));
      case "execute" -> new Request.Execute(bool(meta, "finished", frame));
      default -> throw error(frame, "unknown action " + quote(action)
          + "; expected \"getinfo\" or \"execute\"");
    };
  }

  /**
   * The session key in raw metadata, found without parsing it, so that it can be masked even in
   * the errors about metadata that does not parse; null when there is none.
   */
  public static String sessionKeyIn(byte[] metadata) {
    String text = new String(metadata, StandardCharsets.UTF_8);
    int at = text.indexOf(KEY_NAME);
    if (at < 0) {
      return null;
    }
    int i = at + KEY_NAME.length();
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == ':')) {
      i++;
    }
    if (i >= text.length() || text.charAt(i) != '"') {
      return null;
    }
    int from = ++i;
    while (i < text.length() && text.charAt(i) != '"') {
      i += text.charAt(i) == '\\' ? 2 : 1;
    }
    return text.substring(from, Math.min(i, text.length()));
  }

  /** The getinfo reply. */
  public static byte[] getinfoReply(
      String type, List<String> requiredFields, boolean finished, List<Message> messages) {
    StringWriter text = new StringWriter();
    try (JsonWriter w = open(text)) {
      w.name("type").value(type);
      if (requiredFields != null) {
        w.name("required_fields").beginArray();
        for (String field : requiredFields) {
          w.value(field);
        }
        w.endArray();
      }
      if (finished) {
        w.name("finished").value(true);
      }
      writeMessages(w, messages);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The reply to an execute chunk, or to a request that failed. */
  public static byte[] executeReply(boolean finished, List<Message> messages) {
    StringWriter text = new StringWriter();
    try (JsonWriter w = open(text)) {
      w.name("finished").value(finished);
      writeMessages(w, messages);
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A compact writer into {@code text} with a JSON object begun. The replies are written in place,
   * not through a lambda: the first lambda a process links costs several milliseconds of start-up.
   */
  private static JsonWriter open(StringWriter text) throws IOException {
    JsonWriter w = new JsonWriter(text);
    w.setStrictness(Strictness.LENIENT);
    w.beginObject();
    return w;
  }

  private static void writeMessages(JsonWriter w, List<Message> messages) throws IOException {
    if (messages.isEmpty()) {
      return;
    }
    w.name("inspector").beginObject().name("messages").beginArray();
    for (Message m : messages) {
      w.beginArray().value(m.level()).value(m.text()).endArray();
    }
    w.endArray().endObject();
  }

  private static JsonObject parseObject(Frame frame) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(frame.metadata()))
          .toString();
    } catch (CharacterCodingException e) {
      throw error(frame, "metadata is not valid UTF-8");
    }
    JsonElement element;
    try {
      element = parse(text);
    } catch (IOException | NumberFormatException e) {
      throw error(frame, "metadata is not valid JSON (" + clip(e) + "); expected a JSON object");
    }
    if (!element.isJsonObject()) {
      throw error(frame, "metadata is " + describe(element) + "; expected a JSON object");
    }
    return element.getAsJsonObject();
  }

  /**
   * The JSON value {@code text} holds, read as {@code JsonParser.parseString} reads it: leniently,
   * null for empty text, the whole text or an error. Gson's reader limits nesting to 255 levels.
   */
  static JsonElement parse(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.LENIENT);
    try {
      reader.peek();
    } catch (EOFException e) {
      return JsonNull.INSTANCE;
    }
    JsonElement element = read(reader);
    // as JsonParser does: lenient for the value, its reader's default (legacy strict) after it
    reader.setStrictness(Strictness.LEGACY_STRICT);
    if (!element.isJsonNull() && reader.peek() != JsonToken.END_DOCUMENT) {
      throw new IOException("Did not consume the entire document.");
    }
    return element;
  }

  private static JsonElement read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        JsonObject o = new JsonObject();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          o.add(name, read(reader));
        }
        reader.endObject();
        return o;
      }
      case BEGIN_ARRAY -> {
        JsonArray a = new JsonArray();
        reader.beginArray();
        while (reader.hasNext()) {
          a.add(read(reader));
        }
        reader.endArray();
        return a;
      }
      case STRING -> {
        return new JsonPrimitive(reader.nextString());
      }
      case NUMBER -> {
        return new JsonPrimitive(ToNumberPolicy.LAZILY_PARSED_NUMBER.readNumber(reader));
      }
      case BOOLEAN -> {
        return new JsonPrimitive(reader.nextBoolean());
      }
      case NULL -> {
        reader.nextNull();
        return JsonNull.INSTANCE;
      }
      default -> throw new IOException("Unexpected " + reader.peek() + " at path " + reader.getPath());
    }
  }

  private static SearchInfo searchInfo(JsonObject meta, Frame frame) {
    JsonElement si = meta.get("searchinfo");
    if (si == null || si.isJsonNull()) {
      throw error(frame, "getinfo has no \"searchinfo\" object");
    }
    if (!si.isJsonObject()) {
      throw error(frame, "\"searchinfo\" is " + describe(si) + "; expected a JSON object");
    }
    JsonObject o = si.getAsJsonObject();
    String search = orEmpty(string(o, "search", frame));
    return new SearchInfo(
        strings(o, "args", frame),
        strings(o, "raw_args", frame),
        orEmpty(string(o, "dispatch_dir", frame)),
        orEmpty(string(o, "sid", frame)),
        orEmpty(string(o, "app", frame)),
        orEmpty(string(o, "owner", frame)),
        orEmpty(string(o, "username", frame)),
        orEmpty(string(o, "session_key", frame)),
        orEmpty(string(o, "splunkd_uri", frame)),
        orEmpty(string(o, "splunk_version", frame)),
        decodeSearch(search),
        orEmpty(string(o, "command", frame)),
        (int) Math.min(Integer.MAX_VALUE, Math.max(0, number(o, "maxresultrows", frame, 0))),
        time(o, "earliest_time", frame),
        time(o, "latest_time", frame));
  }

  private static String decodeSearch(String search) {
    try {
      return URLDecoder.decode(search.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return search;
    }
  }

  private static String string(JsonObject o, String key, Frame frame) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (e.isJsonPrimitive()) {
      return e.getAsString();
    }
    throw error(frame, "\"" + key + "\" is " + describe(e) + "; expected a string");
  }

  private static boolean bool(JsonObject o, String key, Frame frame) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return false;
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
      return e.getAsBoolean();
    }
    throw error(frame, "\"" + key + "\" is " + describe(e) + "; expected true or false");
  }

  private static double number(JsonObject o, String key, Frame frame, double fallback) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    if (e.isJsonPrimitive()) {
      JsonPrimitive p = e.getAsJsonPrimitive();
      try {
        return p.isNumber() ? p.getAsDouble() : Double.parseDouble(p.getAsString().trim());
      } catch (NumberFormatException ex) {
        // reported below
      }
    }
    throw error(frame, "\"" + key + "\" is " + describe(e) + "; expected a number");
  }

  /** A search time bound: "0", 0 or absent mean unbounded. */
  private static Double time(JsonObject o, String key, Frame frame) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull() || (e.isJsonPrimitive() && e.getAsString().isEmpty())) {
      return null;
    }
    double t = number(o, key, frame, 0);
    return t == 0 ? null : t;
  }

  private static List<String> strings(JsonObject o, String key, Frame frame) {
    JsonElement e = o.get(key);
    List<String> list = new ArrayList<>();
    if (e == null || e.isJsonNull()) {
      return list;
    }
    if (!e.isJsonArray()) {
      throw error(frame, "\"" + key + "\" is " + describe(e) + "; expected an array of strings");
    }
    for (JsonElement item : e.getAsJsonArray()) {
      if (!item.isJsonPrimitive()) {
        throw error(frame, "\"" + key + "\" holds " + describe(item) + "; expected strings");
      }
      list.add(item.getAsString());
    }
    return list;
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String describe(JsonElement e) {
    if (e.isJsonObject()) {
      return "an object";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    if (e.isJsonNull()) {
      return "null";
    }
    return quote(e.toString());
  }

  private static String quote(String s) {
    return Options.quote(s);
  }

  /**
   * The parser's account of where the JSON broke ({@code "Expected ... at line 1 column 5 path
   * $.a"}), without its class names and advice for programmers, escaped and cut since it may quote
   * keys of the input.
   */
  private static String clip(Exception e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int see = m.indexOf("\nSee ");
    if (see >= 0) {
      m = m.substring(0, see);
    }
    m = m.replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON");
    String q = Options.quote(m);
    return q.substring(1, q.length() - 1);
  }

  private static CodecException error(Frame frame, String problem) {
    return new CodecException(frame.position() + " (metadata at byte " + frame.metadataOffset() + "): "
        + problem);
  }
}
