package io.ecd.cli.splunk;

import com.google.gson.stream.JsonWriter;
import io.ecd.command.Record;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;

/**
 * Turns an event into the text that {@code replay} sends, with the metadata it is sent under.
 *
 * <p>An event with {@code _raw} is sent as its {@code _raw}, unchanged, so that the sourcetype's
 * own line breaking, timestamp extraction and field extractions apply, as for the original data.
 * Its sourcetype is {@code --sourcetype}, else the event's {@code sourcetype} field; one of them is
 * needed.
 *
 * <p>An event without {@code _raw} is sent as one line of JSON that starts with its {@code _time}
 * in epoch seconds with six decimals, then its fields in order: {@code
 * {"_time":"1611094899.000000","user":"a@b.c","dest":["x","y"]}}. Multivalue fields are arrays,
 * null fields are left out, and so are Splunk's internal fields ({@code _*}) and default fields
 * ({@code host}, {@code source}, {@code index}, {@code punct}, {@code date_*}, ...). Its sourcetype
 * is {@code --sourcetype}, else {@value #SOURCETYPE}, for which the app ships a {@code props.conf}
 * stanza that takes {@code _time} from the start of the line and extracts the JSON fields.
 */
final class ReplayEncoder {
  /** The sourcetype of events sent as JSON lines; see the app's props.conf. */
  static final String SOURCETYPE = "ecd:replay:json";

  private static final Set<String> DEFAULT_FIELDS = Set.of(
      "host", "source", "sourcetype", "index", "splunk_server", "splunk_server_group", "linecount",
      "punct", "eventtype", "tag", "timestartpos", "timeendpos", "date_hour", "date_mday",
      "date_minute", "date_month", "date_second", "date_wday", "date_year", "date_zone");

  private final String sourcetype;
  private final String eventHost;

  /**
   * @param sourcetype {@code --sourcetype}, or null
   * @param eventHost {@code --event-host}, or null
   */
  ReplayEncoder(String sourcetype, String eventHost) {
    this.sourcetype = sourcetype;
    this.eventHost = eventHost;
  }

  /**
   * What is sent for one event.
   *
   * @param sourcetype the sourcetype, or null when none is known (an error for the caller)
   * @param source the source
   * @param host the host, or null to let splunkd choose
   * @param text the event text, without a final line break
   * @param raw whether {@code text} is the event's {@code _raw}
   */
  record Outgoing(String sourcetype, String source, String host, String text, boolean raw) {
    /** Events with the same key can share one request. */
    String key() {
      return sourcetype + '\u0000' + source + '\u0000' + host;
    }
  }

  /**
   * The outgoing form of {@code event}, or null when it has neither {@code _raw} nor a {@code
   * _time} in epoch seconds (the caller counts it as skipped).
   */
  Outgoing encode(Record event, String fileName) {
    String source = orElse(event.get("source"), fileName);
    String host = eventHost != null ? eventHost : event.get("host");
    String raw = event.get("_raw");
    if (raw != null) {
      return new Outgoing(orElse(sourcetype, event.get("sourcetype")), source, host, raw, true);
    }
    String time = epochMicros(event.get("_time"));
    if (time == null) {
      return null;
    }
    return new Outgoing(orElse(sourcetype, SOURCETYPE), source, host, json(event, time), false);
  }

  /** {@code _time} in epoch seconds as {@code s.uuuuuu}, or null when it is not a number. */
  static String epochMicros(String time) {
    if (time == null) {
      return null;
    }
    try {
      return new BigDecimal(time.strip()).setScale(6, RoundingMode.HALF_UP).toPlainString();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String json(Record event, String time) {
    StringWriter text = new StringWriter();
    try (JsonWriter w = new JsonWriter(text)) {
      w.setHtmlSafe(false);
      w.beginObject();
      w.name("_time").value(time);
      for (String name : event.names()) {
        if (name.startsWith("_") || DEFAULT_FIELDS.contains(name)) {
          continue;
        }
        List<String> values = event.getAll(name);
        if (values == null || values.isEmpty()) {
          continue;
        }
        w.name(name);
        if (values.size() == 1) {
          w.value(values.get(0));
        } else {
          w.beginArray();
          for (String v : values) {
            w.value(v);
          }
          w.endArray();
        }
      }
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static String orElse(String a, String b) {
    return a != null && !a.isEmpty() ? a : b;
  }
}
