package io.ecd.cli.splunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableDiffTest {
  private static Table table(List<String> columns, String... rows) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String row : rows) {
      String[] cells = row.split(",", -1);
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        m.put(columns.get(i), cells[i].replace(";", "\n"));
      }
      out.add(m);
    }
    return new Table(columns, out);
  }

  private static final List<String> COLS = List.of("dest_ip", "bytes_out");

  @Test
  void sameRowsInAnotherOrderMatch() {
    TableDiff d = TableDiff.compare(table(COLS, "10.0.0.1,5", "10.0.0.2,7"), table(COLS, "10.0.0.2,7", "10.0.0.1,5"), false);
    assertTrue(d.matches());
    assertEquals("MATCH: 2 rows as expected\n", d.render());
  }

  @Test
  void orderedComparisonSeesTheOrder() {
    TableDiff d = TableDiff.compare(table(COLS, "10.0.0.1,5", "10.0.0.2,7"), table(COLS, "10.0.0.2,7", "10.0.0.1,5"), true);
    assertFalse(d.matches());
    assertEquals(2, d.missing().size());
    assertEquals(2, d.unexpected().size());
  }

  @Test
  void repeatedRowsAreCounted() {
    TableDiff d = TableDiff.compare(table(COLS, "10.0.0.1,5", "10.0.0.1,5"), table(COLS, "10.0.0.1,5"), false);
    assertFalse(d.matches());
    assertEquals(List.of(List.of("10.0.0.1", "5")), d.missing());
    assertEquals(1, d.matched());
  }

  @Test
  void cellsCompareAsExactStrings() {
    TableDiff d = TableDiff.compare(table(COLS, "10.0.0.1,5"), table(COLS, "10.0.0.1,5.0"), false);
    assertFalse(d.matches());
    assertEquals("MISMATCH: expected 1 row, got 1; 0 matched, 1 missing, 1 unexpected\n"
        + "  dest_ip | bytes_out\n"
        + "- 10.0.0.1 | 5\n"
        + "+ 10.0.0.1 | 5.0\n"
        + "    bytes_out: expected '5', got '5.0'\n", d.render());
  }

  @Test
  void missingAndEmptyCellsAreTheSame() {
    Table expected = table(COLS, "10.0.0.1,");
    Table actual = new Table(List.of("dest_ip"), List.of(Map.of("dest_ip", "10.0.0.1")));
    // bytes_out is in no result row: null everywhere, as expected
    TableDiff d = TableDiff.compare(expected, actual, false);
    assertEquals(List.of("bytes_out"), d.missingColumns());
    assertTrue(d.matches());

    TableDiff wrong = TableDiff.compare(table(COLS, "10.0.0.1,5"), actual, false);
    assertEquals("MISMATCH: expected 1 row, got 1; 0 matched, 1 missing, 1 unexpected\n"
        + "missing columns (expected, not in the results): bytes_out\n"
        + "  dest_ip | bytes_out\n"
        + "- 10.0.0.1 | 5\n"
        + "+ 10.0.0.1 | (empty)\n"
        + "    bytes_out: expected '5', got (empty)\n", wrong.render());
  }

  @Test
  void extraFieldsCountUnlessInternal() {
    Table actual = new Table(List.of("dest_ip", "bytes_out", "_time", "_bkt", "note"),
        List.of(Map.of("dest_ip", "10.0.0.1", "bytes_out", "5", "_time", "1", "_bkt", "x", "note", "n")));
    TableDiff d = TableDiff.compare(table(COLS, "10.0.0.1,5"), actual, false);
    assertEquals(List.of("note"), d.extraColumns());
    assertEquals("MISMATCH: expected 1 row, got 1; 1 matched, 0 missing, 0 unexpected\n"
        + "extra columns (in the results, not expected): note\n", d.render());
  }

  @Test
  void multivalueAndSpecialCellsAreShownOnOneLine() {
    TableDiff d = TableDiff.compare(table(COLS, "a;b,x|y"), table(COLS), false);
    assertEquals("MISMATCH: expected 1 row, got 0; 0 matched, 1 missing, 0 unexpected\n"
        + "  dest_ip | bytes_out\n"
        + "- a\\nb | x\\|y\n", d.render());
  }

  @Test
  void emptyExpectationMatchesNoResults() {
    assertTrue(TableDiff.compare(table(COLS), table(List.of()), false).matches());
    assertEquals("MATCH: 0 rows as expected\n", TableDiff.compare(table(COLS), table(List.of()), false).render());
  }
}
