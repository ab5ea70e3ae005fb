package io.ecd.cli.splunk;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the table that {@code verify --expect FILE} compares results with.
 *
 * <ul>
 *   <li>CSV (any name not ending in {@code .json}): a header row, then one row per result, as
 *       Splunk exports results. A multivalue cell holds its values joined with line breaks;
 *       {@code \r\n} inside a cell counts as {@code \n}.
 *   <li>JSON ({@code .json}): an array of objects, or Splunk's results document (an object with a
 *       {@code results} array). Strings and numbers are cells as written, {@code true}/{@code
 *       false} likewise, {@code null} is empty, an array of scalars is a multivalue cell.
 *       Columns are the keys in the order first seen.
 * </ul>
 */
final class ExpectedTable {
  private ExpectedTable() {}

  static Table read(Path file) {
    try {
      return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")
          ? readJson(file)
          : readCsv(file);
    } catch (NoSuchFileException e) {
      throw fail(file, 0, "does not exist");
    } catch (IOException | UncheckedIOException e) {
      throw fail(file, 0, "cannot be read: " + SplunkSession.rootMessage(e));
    }
  }

  private static Table readCsv(Path file) throws IOException {
    List<String> columns = null;
    List<Map<String, String>> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> csv = CsvReader.builder().detectBomHeader(true).ofCsvRecord(file)) {
      for (CsvRecord rec : csv) {
        if (columns == null) {
          columns = rec.getFields();
          Set<String> seen = new LinkedHashSet<>();
          for (String c : columns) {
            if (c.isEmpty() || !seen.add(c)) {
              throw fail(file, rec.getStartingLineNumber(),
                  c.isEmpty() ? "has an empty column name in its header"
                      : "names column '" + c + "' twice in its header");
            }
          }
          continue;
        }
        if (rec.getFieldCount() == 1 && rec.getField(0).isEmpty() && columns.size() > 1) {
          continue; // blank line
        }
        if (rec.getFieldCount() != columns.size()) {
          throw fail(file, rec.getStartingLineNumber(),
              "has " + rec.getFieldCount() + " cells; expected " + columns.size()
                  + " as in the header");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
          row.put(columns.get(i), rec.getField(i).replace("\r\n", "\n"));
        }
        rows.add(row);
      }
    } catch (de.siegmar.fastcsv.reader.CsvParseException e) {
      throw fail(file, 0, "is not valid CSV: " + e.getMessage());
    }
    if (columns == null) {
      throw fail(file, 0, "is empty; expected a CSV header row");
    }
    return new Table(columns, rows);
  }

  private static Table readJson(Path file) throws IOException {
    JsonElement root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonReader reader = new JsonReader(in);
      reader.setStrictness(Strictness.STRICT);
      root = JsonParser.parseReader(reader);
    } catch (JsonParseException e) {
      throw fail(file, 0, "is not valid JSON: " + SplunkSession.rootMessage(e));
    }
    JsonArray array;
    if (root.isJsonArray()) {
      array = root.getAsJsonArray();
    } else if (root.isJsonObject() && root.getAsJsonObject().has("results")
        && root.getAsJsonObject().get("results").isJsonArray()) {
      array = root.getAsJsonObject().getAsJsonArray("results");
    } else {
      throw fail(file, 0, "holds no array of rows; expected [ {...}, ... ] or {\"results\": [...]}");
    }
    Set<String> columns = new LinkedHashSet<>();
    List<Map<String, String>> rows = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonElement el = array.get(i);
      if (!el.isJsonObject()) {
        throw failRow(file, i, "is not an object");
      }
      Map<String, String> row = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : ((JsonObject) el).entrySet()) {
        columns.add(e.getKey());
        row.put(e.getKey(), cell(file, i, e.getKey(), e.getValue()));
      }
      rows.add(row);
    }
    return new Table(new ArrayList<>(columns), rows);
  }

  private static String cell(Path file, int row, String key, JsonElement v) {
    if (v.isJsonNull()) {
      return "";
    }
    if (v.isJsonPrimitive()) {
      return v.getAsString();
    }
    if (v.isJsonArray()) {
      List<String> values = new ArrayList<>();
      for (JsonElement item : v.getAsJsonArray()) {
        if (!item.isJsonPrimitive()) {
          throw failRow(file, row, "has a nested value in '" + key + "'; expected a string, a number "
              + "or an array of them");
        }
        values.add(item.getAsString());
      }
      return String.join("\n", values);
    }
    throw failRow(file, row,
        "has an object in '" + key + "'; expected a string, a number or an array of them");
  }

  private static CliException failRow(Path file, int index, String what) {
    return CliException.usage("verify: --expect " + file + ": row " + (index + 1) + " " + what);
  }

  private static CliException fail(Path file, long line, String what) {
    return CliException.usage(
        "verify: --expect " + file + (line > 0 ? ":" + line : "") + " " + what);
  }
}
