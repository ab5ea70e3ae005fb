package io.ecd.app;

import io.ecd.command.Record;
import io.ecd.testing.Chunks;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Execute bodies as splunkd writes them (docs/scp-v2.md §7) for records with multivalue fields:
 * every field, then one {@code __mv_} column per field; a multivalue cell shows the values joined
 * by newlines and its {@code __mv_} cell holds {@code $a$;$b$} with {@code $} doubled.
 */
final class SplunkdCsv {
  private SplunkdCsv() {}

  static String body(List<Record> records) {
    Set<String> names = new LinkedHashSet<>();
    records.forEach(r -> names.addAll(r.names()));
    StringBuilder b = new StringBuilder();
    List<String> header = new ArrayList<>();
    names.forEach(n -> header.add(Chunks.cell(n)));
    names.forEach(n -> header.add(Chunks.cell("__mv_" + n)));
    b.append(String.join(",", header)).append('\n');
    for (Record r : records) {
      List<String> cells = new ArrayList<>();
      List<String> mv = new ArrayList<>();
      for (String n : names) {
        List<String> values = r.has(n) ? r.getAll(n) : List.of();
        if (values.isEmpty()) {
          cells.add("");
          mv.add("");
        } else if (values.size() == 1) {
          cells.add(values.get(0) == null ? "" : Chunks.cell(values.get(0)));
          mv.add("");
        } else {
          cells.add(Chunks.cell(String.join("\n", values)));
          StringBuilder m = new StringBuilder();
          for (String v : values) {
            if (m.length() > 0) {
              m.append(';');
            }
            m.append('$').append(v == null ? "" : v.replace("$", "$$")).append('$');
          }
          mv.add(Chunks.cell(m.toString()));
        }
      }
      cells.addAll(mv);
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }
}
