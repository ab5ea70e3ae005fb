package io.ecd.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The metadata codec reads and writes JSON with Gson's streaming API; Gson's tree API
 * ({@code JsonParser.parseString}, {@code JsonElement.toString()}) is the reference it must agree
 * with.
 */
class MetadataJsonAgreementTest {

  /** What Gson's tree API makes of {@code text}: the element, or null when it throws. */
  static JsonElement gsonTree(String text) {
    try {
      return JsonParser.parseString(text);
    } catch (JsonParseException e) {
      return null;
    }
  }

  /** What the codec makes of {@code text}: the element, or null when it throws. */
  static JsonElement codec(String text) {
    try {
      return MetadataCodec.parse(text);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  /** The reply the codec wrote before, through Gson's tree API. */
  static String gsonReply(boolean finished, List<Message> messages) {
    JsonObject o = new JsonObject();
    o.addProperty("finished", finished);
    if (!messages.isEmpty()) {
      JsonArray list = new JsonArray();
      for (Message m : messages) {
        JsonArray pair = new JsonArray();
        pair.add(m.level());
        pair.add(m.text());
        list.add(pair);
      }
      JsonObject inspector = new JsonObject();
      inspector.add("messages", list);
      o.add("inspector", inspector);
    }
    return o.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"action\":\"getinfo\",\"searchinfo\":{\"args\":[\"a\",\"b\"],\"maxresultrows\":50000}}",
      "{\"earliest_time\":1599171244.5,\"n\":-0,\"e\":1e5,\"big\":123456789012345678901234567890}",
      "{\"a\":1,\"a\":2}",
      "{\"a\":null,\"b\":[null,true,false,[],{}]}",
      "{a:b}", "{'a':'b'}", "{\"a\":1;\"b\":2}", "{\"a\"=>1}", "{\"a\":1,}", "[1,,2]", "[1,2,]",
      "// comment\n{\"a\":1}", "{\"a\":NaN}", "{\"a\":Infinity}", ")]}'\n{\"a\":1}",
      "", " ", "null", "1", "\"s\"", "true", "[1,2]", "{} {}", "{} x", "{}garbage", "{\"a\":",
      "{\"a\":\"\\u00e9\\ud83d\\ude00\"}", "{\"a\":\"\\x\"}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]"
          + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"})
  void readsTextAsGsonsTreeParserReadsIt(String text) {
    assertEquals(gsonTree(text), codec(text), text);
  }

  @ParameterizedTest
  @ValueSource(ints = {254, 255, 256, 10_000})
  void rejectsNestingBeyondGsonsLimitAsGsonsTreeParserDoes(int depth) {
    String text = "[".repeat(depth) + "]".repeat(depth);
    assertEquals(gsonTree(text), codec(text), "depth " + depth);
    if (depth > 255) {
      assertThrows(IOException.class, () -> MetadataCodec.parse(text));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "x: bad \"y\"", "back\\slash", "tab\tnew\nline\r\u0000\u001f",
      "html <a href='x'>&amp;</a> =", "line\u2028para\u2029", "é ü 日本 😀", "\ud800 lone surrogate"})
  void writesRepliesAsGsonsTreeWroteThem(String text) {
    List<Message> messages = List.of(new Message("ERROR", text), new Message("WARN", text + "!"));
    assertArrayEquals(gsonReply(true, messages).getBytes(StandardCharsets.UTF_8),
        MetadataCodec.executeReply(true, messages));
    assertArrayEquals(gsonReply(false, List.of()).getBytes(StandardCharsets.UTF_8),
        MetadataCodec.executeReply(false, List.of()));
  }
}
