package io.ecd.cli.splunk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares search results with the expected table.
 *
 * <p>Columns: every result field must be an expected column, except Splunk's internal fields
 * (names starting with {@code _}) that the expected table does not name. An expected column that
 * no result has is null (empty) in every row, as in SPL; it is reported, and the rows decide. Rows: compared on the expected columns, cell by cell as strings
 * (exact, so {@code 1.0} differs from {@code 1}); by default as a multiset (order ignored, repeats
 * counted), with {@code ordered} position by position.
 *
 * @param columns the columns compared (the expected ones)
 * @param missingColumns expected columns no result has
 * @param extraColumns result fields the expected table does not name
 * @param missing expected rows not found in the results
 * @param unexpected result rows not in the expected table
 * @param matched rows found on both sides
 * @param expectedRows how many rows were expected
 * @param actualRows how many rows the search returned
 */
record TableDiff(
    List<String> columns, List<String> missingColumns, List<String> extraColumns,
    List<List<String>> missing, List<List<String>> unexpected, int matched, int expectedRows,
    int actualRows) {

  static TableDiff compare(Table expected, Table actual, boolean ordered) {
    List<String> cols = expected.columns();
    Set<String> actualCols = new LinkedHashSet<>(actual.columns());
    for (Map<String, String> row : actual.rows()) {
      actualCols.addAll(row.keySet());
    }
    List<String> missingCols = new ArrayList<>();
    for (String c : cols) {
      if (!actualCols.contains(c)) {
        missingCols.add(c);
      }
    }
    List<String> extraCols = new ArrayList<>();
    for (String c : actualCols) {
      if (!cols.contains(c) && !c.startsWith("_")) {
        extraCols.add(c);
      }
    }
    List<List<String>> exp = new ArrayList<>();
    for (Map<String, String> row : expected.rows()) {
      exp.add(Table.cells(row, cols));
    }
    List<List<String>> act = new ArrayList<>();
    for (Map<String, String> row : actual.rows()) {
      act.add(Table.cells(row, cols));
    }
    List<List<String>> missing = new ArrayList<>();
    List<List<String>> unexpected = new ArrayList<>();
    int matched = 0;
    if (ordered) {
      int n = Math.max(exp.size(), act.size());
      for (int i = 0; i < n; i++) {
        List<String> e = i < exp.size() ? exp.get(i) : null;
        List<String> a = i < act.size() ? act.get(i) : null;
        if (e != null && e.equals(a)) {
          matched++;
          continue;
        }
        if (e != null) {
          missing.add(e);
        }
        if (a != null) {
          unexpected.add(a);
        }
      }
    } else {
      Map<List<String>, Integer> left = new HashMap<>();
      for (List<String> a : act) {
        left.merge(a, 1, Integer::sum);
      }
      for (List<String> e : exp) {
        Integer k = left.get(e);
        if (k != null && k > 0) {
          left.put(e, k - 1);
          matched++;
        } else {
          missing.add(e);
        }
      }
      for (List<String> a : act) {
        Integer k = left.get(a);
        if (k != null && k > 0) {
          left.put(a, k - 1);
          unexpected.add(a);
        }
      }
    }
    return new TableDiff(cols, missingCols, extraCols, missing, unexpected, matched, exp.size(),
        act.size());
  }

  boolean matches() {
    // a column no result has is null in every row: the rows say whether that matters
    return extraColumns.isEmpty() && missing.isEmpty() && unexpected.isEmpty();
  }

  /**
   * A readable report: one line of verdict, then the column differences, then the rows: {@code -}
   * expected but missing, {@code +} returned but not expected. A missing and an unexpected row
   * with the same first cell are shown as one changed row, with the differing cells named.
   */
  String render() {
    StringBuilder sb = new StringBuilder();
    if (matches()) {
      sb.append("MATCH: ").append(matched).append(matched == 1 ? " row" : " rows")
          .append(" as expected\n");
      return sb.toString();
    }
    sb.append("MISMATCH: expected ").append(Replay.count(expectedRows, "row")).append(", got ")
        .append(actualRows).append("; ").append(matched).append(" matched, ").append(missing.size())
        .append(" missing, ").append(unexpected.size()).append(" unexpected\n");
    if (!missingColumns.isEmpty()) {
      sb.append("missing columns (expected, not in the results): ")
          .append(String.join(", ", missingColumns)).append('\n');
    }
    if (!extraColumns.isEmpty()) {
      sb.append("extra columns (in the results, not expected): ")
          .append(String.join(", ", extraColumns)).append('\n');
    }
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return sb.toString();
    }
    sb.append("  ").append(line(columns)).append('\n');
    List<List<String>> plus = new ArrayList<>(unexpected);
    for (List<String> e : missing) {
      List<String> partner = null;
      if (!columns.isEmpty()) {
        for (List<String> a : plus) {
          if (a.get(0).equals(e.get(0))) {
            partner = a;
            break;
          }
        }
      }
      if (partner == null) {
        sb.append("- ").append(line(e)).append('\n');
        continue;
      }
      plus.remove(partner);
      sb.append("- ").append(line(e)).append('\n');
      sb.append("+ ").append(line(partner)).append('\n');
      List<String> changed = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        if (!e.get(i).equals(partner.get(i))) {
          changed.add(columns.get(i) + ": expected " + quote(e.get(i)) + ", got " + quote(partner.get(i)));
        }
      }
      sb.append("    ").append(String.join("; ", changed)).append('\n');
    }
    for (List<String> a : plus) {
      sb.append("+ ").append(line(a)).append('\n');
    }
    return sb.toString();
  }

  private static String line(List<String> cells) {
    List<String> shown = new ArrayList<>(cells.size());
    for (String c : cells) {
      shown.add(show(c));
    }
    return String.join(" | ", shown);
  }

  /** A cell on one line: line breaks (multivalue) as {@code \n}, a bar as {@code \|}. */
  static String show(String cell) {
    if (cell.isEmpty()) {
      return "(empty)";
    }
    return cell.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "\\r").replace("\n", "\\n");
  }

  private static String quote(String cell) {
    return cell.isEmpty() ? "(empty)" : "'" + show(cell) + "'";
  }
}
