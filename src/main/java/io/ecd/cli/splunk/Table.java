package io.ecd.cli.splunk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of search results, or of the results expected: named columns and rows of string cells.
 * A multivalue cell holds its values joined with {@code \n}; a missing or null cell is {@code ""},
 * as SPL treats an empty field as null.
 *
 * @param columns the column names, in order
 * @param rows each row, column name to cell; cells absent from a row are empty
 */
record Table(List<String> columns, List<Map<String, String>> rows) {
  Table {
    columns = List.copyOf(columns);
    List<Map<String, String>> copy = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) {
      copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** The cell of {@code row} in {@code column}; empty when absent. */
  static String cell(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null ? "" : v;
  }

  /** {@code row}'s cells in the order of {@code cols}. */
  static List<String> cells(Map<String, String> row, List<String> cols) {
    List<String> out = new ArrayList<>(cols.size());
    for (String c : cols) {
      out.add(cell(row, c));
    }
    return out;
  }
}
