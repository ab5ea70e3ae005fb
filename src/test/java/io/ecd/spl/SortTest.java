package io.ecd.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ecd.command.Record;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortTest {

  private static List<String> ids(List<Record> rows) {
    List<String> ids = new ArrayList<>();
    rows.forEach(r -> ids.add(r.get("id")));
    return ids;
  }

  @Test
  void sortsNumericallyDescendingAndKeepsTiesInInputOrder() {
    List<Record> rows = List.of(
        Record.of("id", "a", "s", "2", "d", "1"),
        Record.of("id", "b", "s", "10", "d", "1"),
        Record.of("id", "c", "s", "2", "d", "3"),
        Record.of("id", "d", "s", "2", "d", "1"),
        Record.of("id", "e", "s", "9", "d", "0"));
    List<Record> sorted = Sort.sort(rows, List.of(Sort.Key.desc("s"), Sort.Key.desc("d")), 0);
    assertEquals(List.of("b", "e", "c", "a", "d"), ids(sorted));
  }

  @Test
  void putsNumbersBeforeStringsAndMissingValuesLast() {
    List<Record> rows = List.of(
        Record.of("id", "a", "s", "x"),
        Record.of("id", "b"),
        Record.of("id", "c", "s", "5"));
    assertEquals(List.of("c", "a", "b"), ids(Sort.sort(rows, List.of(Sort.Key.asc("s")), 0)));
    assertEquals(List.of("a", "c", "b"), ids(Sort.sort(rows, List.of(Sort.Key.desc("s")), 0)));
  }

  @Test
  void keepsTenThousandRowsByDefault() {
    List<Record> rows = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      rows.add(Record.of("id", Integer.toString(i), "s", Integer.toString(i)));
    }
    List<Record> sorted = Sort.sort(rows, List.of(Sort.Key.desc("s")), Sort.DEFAULT_LIMIT);
    assertEquals(10_000, sorted.size());
    assertEquals("10000", sorted.get(0).get("id"));
    assertEquals("1", sorted.get(9_999).get("id"));
  }
}
