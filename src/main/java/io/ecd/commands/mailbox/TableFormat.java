package io.ecd.commands.mailbox;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.ecd.command.Record;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** How the offline runners print a table: aligned text, CSV or JSON. */
public enum TableFormat {
  /** Aligned columns; a multivalue cell takes one line per value. */
  TABLE,
  /** CSV with a header; multivalue cells joined by newlines, as Splunk exports them. */
  CSV,
  /** A JSON array of objects; multivalue cells are arrays, null cells are left out. */
  JSON;

  public String render(List<String> columns, List<Record> rows) {
    return switch (this) {
      case TABLE -> table(columns, rows);
      case CSV -> csv(columns, rows);
      case JSON -> json(columns, rows);
    };
  }

  private static String csv(List<String> columns, List<Record> rows) {
    StringWriter text = new StringWriter();
    try (CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(text)) {
      csv.writeRecord(columns);
      for (Record row : rows) {
        List<String> cells = new ArrayList<>(columns.size());
        for (String c : columns) {
          cells.add(String.join("\n", row.getAll(c)));
        }
        csv.writeRecord(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static String json(List<String> columns, List<Record> rows) {
    JsonArray array = new JsonArray();
    for (Record row : rows) {
      JsonObject object = new JsonObject();
      for (String c : columns) {
        List<String> values = row.getAll(c);
        if (values.size() == 1) {
          object.addProperty(c, values.get(0));
        } else if (values.size() > 1) {
          JsonArray many = new JsonArray();
          values.forEach(many::add);
          object.add(c, many);
        }
      }
      array.add(object);
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array) + "\n";
  }

  private static String table(List<String> columns, List<Record> rows) {
    int[] width = new int[columns.size()];
    for (int i = 0; i < width.length; i++) {
      width[i] = columns.get(i).length();
      for (Record row : rows) {
        for (String v : row.getAll(columns.get(i))) {
          width[i] = Math.max(width[i], v.length());
        }
      }
    }
    StringBuilder b = new StringBuilder();
    line(b, width, i -> columns.get(i));
    line(b, width, i -> "-".repeat(width[i]));
    for (Record row : rows) {
      int height = 1;
      for (String c : columns) {
        height = Math.max(height, row.getAll(c).size());
      }
      for (int l = 0; l < height; l++) {
        int at = l;
        line(b, width, i -> {
          List<String> values = row.getAll(columns.get(i));
          return at < values.size() ? values.get(at) : "";
        });
      }
    }
    return b.toString();
  }

  private static void line(StringBuilder b, int[] width, java.util.function.IntFunction<String> cell) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      if (i > 0) {
        l.append("  ");
      }
      String v = cell.apply(i);
      l.append(v).append(" ".repeat(width[i] - v.length()));
    }
    b.append(l.toString().stripTrailing()).append('\n');
  }
}
