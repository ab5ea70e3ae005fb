package io.ecd.events;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.ecd.command.Fields;
import io.ecd.command.Record;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file of events into {@link Record}s. The format is sniffed from the first character
 * (after a byte order mark and white space):
 *
 * <ul>
 *   <li>{@code [}: a JSON array of objects;
 *   <li><code>{</code>: NDJSON, one object per line (blank lines are ignored);
 *   <li>anything else: CSV with a header row, as Splunk exports it. Empty cells are null; a cell
 *       holding line breaks is a multivalue field (Splunk joins multivalue cells with newlines),
 *       except in {@code _raw}.
 * </ul>
 *
 * <p>A JSON object with {@code _time} or {@code _raw} is an exported Splunk event: arrays are
 * multivalue fields. Splunk's export wrappers ({@code {"preview":..,"result":{..}}} per line, or
 * one object with a {@code results} array) are unwrapped. Any other object is a raw O365
 * Management Activity API record: it is flattened as the Splunk add-on does (see
 * {@code O365Flattener}), {@code _time} is its {@code CreationTime} (UTC) in epoch seconds, and
 * {@code _raw} is the record's JSON text (the line itself for NDJSON; compact JSON for an array
 * element). An exported event whose only fields are {@code _raw} and Splunk's default fields, with
 * {@code _raw} holding a JSON object, gets the same extraction from its {@code _raw}.
 *
 * <p>{@code _time} of exported events is normalised to epoch seconds; a value that is neither
 * epoch seconds nor ISO 8601 is an error. An O365 record whose {@code CreationTime} is missing or
 * not a valid date-time (real records carry {@code 2023-10-10T17:08:65}) is kept with {@code _time}
 * null and counted in {@link Summary#invalidTimes()}, with a warning naming its line: Splunk
 * would not parse such a stamp either and would fall back to another time, which we cannot know.
 *
 * <p>Anything else malformed throws {@link EventFileException} naming the file and line; nothing
 * is skipped.
 */
public final class EventFiles {
  /** Warnings kept in a {@link Summary}; later ones are only counted. */
  static final int MAX_WARNINGS = 20;

  private static final Pattern GSON_LOCATION = Pattern.compile("line (\\d+) column (\\d+)");
  private static final Set<String> SPLUNK_DEFAULT_FIELDS = Set.of(
      "host", "source", "sourcetype", "index", "splunk_server", "linecount", "punct", "eventtype",
      "tag", "timestartpos", "timeendpos");

  private EventFiles() {}

  /** The layout of an event file. */
  public enum Format {
    CSV,
    JSON_ARRAY,
    NDJSON,
    /** Nothing but white space. */
    EMPTY
  }

  /**
   * What reading a file found.
   *
   * @param file the file
   * @param format its sniffed layout
   * @param events how many events were produced
   * @param rawO365Records how many of them were raw O365 records (flattened)
   * @param invalidTimes how many events were kept with a null {@code _time}
   * @param warnings the first {@value #MAX_WARNINGS} warnings, each naming its line
   */
  public record Summary(
      Path file, Format format, long events, long rawO365Records, long invalidTimes,
      List<String> warnings) {
    public Summary {
      warnings = List.copyOf(warnings);
    }
  }

  /** Every event of a file, with the summary of reading it. */
  public record Loaded(List<Record> events, Summary summary) {}

  /** Every event of {@code file}, in file order. */
  public static List<Record> read(Path file) {
    return load(file).events();
  }

  /** Every event of {@code file}, in file order, with what was found. */
  public static Loaded load(Path file) {
    List<Record> events = new ArrayList<>();
    Summary summary = forEach(file, events::add);
    return new Loaded(events, summary);
  }

  /**
   * Streams the events of {@code file} to {@code sink}, one at a time, in file order; for files
   * too large to hold. Records share one {@link Fields}.
   */
  public static Summary forEach(Path file, Consumer<? super Record> sink) {
    Reading r = new Reading(file, sink);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int first = sniff(in);
      if (first < 0) {
        r.format = Format.EMPTY;
      } else if (first == '[') {
        r.format = Format.JSON_ARRAY;
        r.readJsonArray(in);
      } else if (first == '{') {
        r.format = Format.NDJSON;
        r.readNdjson(in);
      } else {
        r.format = Format.CSV;
        r.readCsv(in);
      }
    } catch (CharacterCodingException e) {
      throw new EventFileException(file, 0, "not UTF-8 text: expected a CSV, JSON or NDJSON file", e);
    } catch (IOException | UncheckedIOException e) {
      throw new EventFileException(file, 0, "cannot read the file: " + e.getMessage(), e);
    }
    if (r.warningCount > r.warnings.size()) {
      r.warnings.add("... and " + (r.warningCount - r.warnings.size()) + " more warnings");
    }
    return new Summary(file, r.format, r.events, r.rawRecords, r.invalidTimes, r.warnings);
  }

  /** Skips a byte order mark and leading white space; returns the first other char, or -1. */
  private static int sniff(BufferedReader in) throws IOException {
    while (true) {
      in.mark(1);
      int c = in.read();
      if (c < 0) {
        return -1;
      }
      if (c != '\uFEFF' && !Character.isWhitespace(c)) {
        in.reset();
        return c;
      }
    }
  }

  /** The state of reading one file. */
  private static final class Reading {
    final Path file;
    final Consumer<? super Record> sink;
    final Fields fields = new Fields();
    Format format;
    long events;
    long rawRecords;
    long invalidTimes;
    long warningCount;
    final List<String> warnings = new ArrayList<>();

    Reading(Path file, Consumer<? super Record> sink) {
      this.file = file;
      this.sink = sink;
    }

    // ---- CSV

    void readCsv(BufferedReader in) {
      try (CsvReader<CsvRecord> csv = CsvReader.builder()
          .allowExtraFields(true)
          .allowMissingFields(true)
          .ofCsvRecord(in)) {
        String[] header = null;
        int rawColumn = -1;
        int timeColumn = -1;
        for (CsvRecord row : csv) {
          long line = row.getStartingLineNumber();
          if (header == null) {
            header = row.getFields().toArray(new String[0]);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < header.length; i++) {
              if (header[i].isEmpty()) {
                throw error(line, "header column " + (i + 1) + " is empty; expected a field name");
              }
              if (!seen.add(header[i])) {
                throw error(line, "header names field '" + header[i] + "' twice");
              }
              fields.add(header[i]);
            }
            rawColumn = Arrays.asList(header).indexOf("_raw");
            timeColumn = Arrays.asList(header).indexOf("_time");
            continue;
          }
          if (row.getFieldCount() != header.length) {
            throw error(line, "expected " + header.length + " fields as in the header, found "
                + row.getFieldCount());
          }
          Record record = new Record(fields);
          for (int i = 0; i < header.length; i++) {
            String cell = row.getField(i);
            if (cell.isEmpty()) {
              continue;
            }
            if (i == timeColumn) {
              record.put("_time", exportedTime(cell, line));
            } else if (i != rawColumn && cell.indexOf('\n') >= 0) {
              record.putAll(header[i], multivalue(cell));
            } else {
              record.put(header[i], cell);
            }
          }
          exported(record, line);
        }
      } catch (CsvParseException e) {
        throw error(0, "malformed CSV: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static List<String> multivalue(String cell) {
      List<String> values = new ArrayList<>();
      for (String v : cell.split("\r?\n", -1)) {
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
      return values;
    }

    // ---- JSON

    void readJsonArray(BufferedReader in) throws IOException {
      JsonReader json = new JsonReader(in);
      json.setStrictness(Strictness.STRICT);
      try {
        json.beginArray();
        long index = 0;
        while (json.hasNext()) {
          JsonElement element = JsonParser.parseReader(json);
          long line = line(json.toString());
          if (!element.isJsonObject()) {
            throw error(line, "element " + index + " of the JSON array is not an object; expected"
                + " one object per event");
          }
          JsonObject object = element.getAsJsonObject();
          object(object, null, line);
          index++;
        }
        json.endArray();
        if (json.peek() != JsonToken.END_DOCUMENT) {
          throw error(line(json.toString()), "unexpected data after the JSON array");
        }
      } catch (MalformedJsonException | JsonParseException | IllegalStateException e) {
        throw error(line(e.getMessage()), where(e) + "malformed JSON (" + reason(e)
            + "); expected a JSON array of objects");
      }
    }

    void readNdjson(BufferedReader in) throws IOException {
      long line = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonElement element;
        try {
          JsonReader json = new JsonReader(new StringReader(text));
          json.setStrictness(Strictness.STRICT);
          element = JsonParser.parseReader(json);
          if (json.peek() != JsonToken.END_DOCUMENT) {
            throw error(line, "more than one JSON value on the line; expected one object per line"
                + " (NDJSON)");
          }
        } catch (JsonParseException | IOException | IllegalStateException e) {
          throw error(line, where(e) + "malformed JSON (" + reason(e)
              + "); expected one JSON object per line (NDJSON)");
        }
        if (!element.isJsonObject()) {
          throw error(line, "expected a JSON object per line (NDJSON), found " + kind(element));
        }
        JsonObject object = element.getAsJsonObject();
        JsonElement results = object.get("results");
        if (object.has("preview") && results != null && results.isJsonArray()) {
          for (JsonElement result : results.getAsJsonArray()) {
            if (!result.isJsonObject()) {
              throw error(line, "an item of 'results' is " + kind(result) + "; expected an object");
            }
            exported(jsonEvent(result.getAsJsonObject(), line), line);
          }
          continue;
        }
        object(object, text.strip(), line);
      }
    }

    /** One JSON object: an export wrapper, an exported event or a raw O365 record. */
    private void object(JsonObject object, String rawText, long line) {
      JsonElement result = object.get("result");
      if (object.has("preview") && result != null && result.isJsonObject()) {
        exported(jsonEvent(result.getAsJsonObject(), line), line);
      } else if (object.has("_time") || object.has("_raw")) {
        exported(jsonEvent(object, line), line);
      } else {
        raw(object, rawText == null ? object.toString() : rawText, line);
      }
    }

    /** An exported event as JSON: scalars are values, arrays multivalue fields. */
    private Record jsonEvent(JsonObject object, long line) {
      Record record = new Record(fields);
      for (Map.Entry<String, JsonElement> e : object.entrySet()) {
        String name = e.getKey();
        JsonElement v = e.getValue();
        if (v.isJsonNull()) {
          continue;
        }
        if (v.isJsonArray()) {
          List<String> values = new ArrayList<>();
          for (JsonElement item : v.getAsJsonArray()) {
            String s = item.isJsonNull() ? "" : item.isJsonPrimitive() ? item.getAsString() : item.toString();
            if (!s.isEmpty()) {
              values.add(s);
            }
          }
          record.putAll(name, values);
        } else {
          String s = v.isJsonPrimitive() ? v.getAsString() : v.toString();
          if (!s.isEmpty()) {
            record.put(name, name.equals("_time") ? exportedTime(s, line) : s);
          }
        }
      }
      return record;
    }

    // ---- events

    /** Emits an exported event, extracting O365 fields from a bare {@code _raw}. */
    private void exported(Record record, long line) {
      String raw = record.get("_raw");
      if (raw != null && raw.startsWith("{") && onlyDefaultFields(record)) {
        JsonObject object = parseRaw(raw);
        if (object != null) {
          rawRecords++;
          Map<String, List<String>> flat = O365Flattener.flatten(object);
          if (!record.has("_time")) {
            record.put("_time", creationTime(object, line));
          }
          for (Map.Entry<String, List<String>> f : flat.entrySet()) {
            if (!record.has(f.getKey())) {
              record.putAll(f.getKey(), f.getValue());
            }
          }
        } else {
          warn(line, "_raw starts with '{' but is not a JSON object; no fields extracted from it");
        }
      }
      emit(record);
    }

    private void raw(JsonObject object, String rawText, long line) {
      rawRecords++;
      Record record = new Record(fields);
      record.put("_time", creationTime(object, line));
      for (Map.Entry<String, List<String>> f : O365Flattener.flatten(object).entrySet()) {
        record.putAll(f.getKey(), f.getValue());
      }
      record.put("_raw", rawText);
      emit(record);
    }

    private void emit(Record record) {
      events++;
      sink.accept(record);
    }

    private static boolean onlyDefaultFields(Record record) {
      for (String name : record.names()) {
        if (!name.startsWith("_") && !SPLUNK_DEFAULT_FIELDS.contains(name)
            && !name.startsWith("date_")) {
          return false;
        }
      }
      return true;
    }

    private static JsonObject parseRaw(String raw) {
      try {
        JsonReader json = new JsonReader(new StringReader(raw));
        json.setStrictness(Strictness.STRICT);
        JsonElement e = JsonParser.parseReader(json);
        return e.isJsonObject() && json.peek() == JsonToken.END_DOCUMENT ? e.getAsJsonObject() : null;
      } catch (JsonParseException | IOException | IllegalStateException e) {
        return null;
      }
    }

    /** {@code _time} of a raw record, or null (counted, with a warning). */
    private String creationTime(JsonObject object, long line) {
      JsonElement t = object.get("CreationTime");
      if (t == null || !t.isJsonPrimitive()) {
        invalidTimes++;
        warn(line, "O365 record has no CreationTime; _time left empty");
        return null;
      }
      try {
        return Times.toEpoch(t.getAsString());
      } catch (IllegalArgumentException e) {
        invalidTimes++;
        warn(line, "CreationTime '" + t.getAsString() + "' is " + e.getMessage() + "; _time left empty");
        return null;
      }
    }

    private String exportedTime(String value, long line) {
      try {
        return Times.toEpoch(value);
      } catch (IllegalArgumentException e) {
        throw error(line, "_time '" + value + "': " + e.getMessage());
      }
    }

    private void warn(long line, String text) {
      warningCount++;
      if (warnings.size() < MAX_WARNINGS) {
        warnings.add(file + ":" + line + ": " + text);
      }
    }

    private EventFileException error(long line, String message) {
      return new EventFileException(file, line, message);
    }

    private static long line(String gsonText) {
      Matcher m = GSON_LOCATION.matcher(String.valueOf(gsonText));
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** "column C: " from a Gson message, or nothing. */
    private static String where(Exception e) {
      Matcher m = GSON_LOCATION.matcher(String.valueOf(e.getMessage()));
      return m.find() ? "column " + m.group(2) + ": " : "";
    }

    /** Gson's reason without its location, exception class and help link. */
    private static String reason(Exception e) {
      Throwable t = e.getCause() instanceof MalformedJsonException ? e.getCause() : e;
      String text = String.valueOf(t.getMessage());
      int nl = text.indexOf('\n');
      if (nl >= 0) {
        text = text.substring(0, nl);
      }
      int at = text.indexOf(" at line ");
      if (at >= 0) {
        text = text.substring(0, at);
      }
      int colon = text.lastIndexOf("Exception: ");
      return colon >= 0 ? text.substring(colon + "Exception: ".length()) : text;
    }

    private static String kind(JsonElement e) {
      if (e.isJsonArray()) {
        return "an array";
      }
      if (e.isJsonNull()) {
        return "null";
      }
      return e.isJsonPrimitive() ? "a scalar value" : "an object";
    }
  }
}
