package io.ecd.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ecd.command.Record;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  private static Record event(String... namesAndValues) {
    return Record.of(namesAndValues);
  }

  @Test
  void dropsEventsWhoseByFieldIsNull() {
    Stats stats = Stats.by("UserId").count("EventCount");
    stats.add(event("UserId", "a"));
    stats.add(event("Other", "x"));
    stats.add(event("UserId", "a"));
    List<Record> rows = stats.rows();
    assertEquals(1, rows.size());
    assertEquals("2", rows.get(0).get("EventCount"));
  }

  @Test
  void distinctCountSkipsNullsAndCountsMultivalueItems() {
    Stats stats = Stats.by("u").dc("owner", "n");
    stats.add(event("u", "a", "owner", "x"));
    stats.add(event("u", "a"));
    stats.add(event("u", "a", "owner", "x"));
    Record mv = event("u", "a");
    mv.putAll("owner", List.of("y", "z"));
    stats.add(mv);
    stats.add(event("u", "b"));
    List<Record> rows = stats.rows();
    assertEquals("3", rows.get(0).get("n")); // x, y, z
    assertEquals("0", rows.get(1).get("n")); // only nulls
  }

  @Test
  void valuesAreUniqueAndSortedLexicographically() {
    Stats stats = Stats.by("u").values("op", "ops");
    for (String op : List.of("b", "B", "a", "10", "9", "b", "A")) {
      stats.add(event("u", "x", "op", op));
    }
    stats.add(event("u", "x"));
    // byte order: digits, then upper case, then lower case; "10" before "9"
    assertEquals(List.of("10", "9", "A", "B", "a", "b"), stats.rows().get(0).getAll("ops"));
  }

  @Test
  void valuesOfOnlyNullsIsNull() {
    Stats stats = Stats.by("u").values("op", "ops");
    stats.add(event("u", "x"));
    assertFalse(stats.rows().get(0).has("ops"));
  }

  @Test
  void earliestAndLatestFollowTimeNotInputOrder() {
    Stats stats = Stats.by("u").earliest("_time", "first").latest("_time", "last")
        .earliest("ip", "firstIp").latest("ip", "lastIp");
    stats.add(event("u", "a", "_time", "300", "ip", "3"));
    stats.add(event("u", "a", "_time", "100.5", "ip", "1"));
    stats.add(event("u", "a", "_time", "1000", "ip", "9"));
    stats.add(event("u", "a", "ip", "no-time"));
    stats.add(event("u", "a", "_time", "200", "ip", "2"));
    Record row = stats.rows().get(0);
    assertEquals("100.5", row.get("first"));
    assertEquals("1000", row.get("last"));
    assertEquals("1", row.get("firstIp"));
    assertEquals("9", row.get("lastIp"));
  }

  @Test
  void maxIsNumericWhenValuesAreNumbers() {
    Stats stats = Stats.by("u").max("s", "m");
    for (String s : List.of("9", "10", "2")) {
      stats.add(event("u", "a", "s", s));
    }
    assertEquals("10", stats.rows().get(0).get("m"));
    assertEquals("abc", Stats.larger("abb", "abc"));
    assertEquals("1", Stats.larger("zzz", "1"));
  }

  @Test
  void rowsAreOrderedByByFieldsLexicographically() {
    Stats stats = Stats.by("u", "t").count("c");
    stats.add(event("u", "b", "t", "x"));
    stats.add(event("u", "a", "t", "y"));
    stats.add(event("u", "a", "t", "x"));
    stats.add(event("u", "B", "t", "x"));
    List<String> keys = new ArrayList<>();
    for (Record r : stats.rows()) {
      keys.add(r.get("u") + "/" + r.get("t"));
    }
    assertEquals(List.of("B/x", "a/x", "a/y", "b/x"), keys);
  }

  @Test
  void multivalueByFieldCountsTheEventInEachGroup() {
    Stats stats = Stats.by("u").count("c");
    Record e = new Record();
    e.putAll("u", List.of("a", "b", "a"));
    stats.add(e);
    List<Record> rows = stats.rows();
    assertEquals(2, rows.size());
    assertEquals("1", rows.get(0).get("c"));
    assertEquals("1", rows.get(1).get("c"));
  }

  @Test
  void comparisonWithNullIsNeitherEqualNorUnequal() {
    assertNull(Spl.equal(null, "a"));
    assertNull(Spl.notEqual("a", null));
    assertTrue(Spl.notEqual("Alice", "alice"));
    assertTrue(Spl.equal("1.0", "1"));
    assertEquals("3", Spl.format(3.0));
    assertEquals("0.5", Spl.format(0.5));
    assertNull(Spl.number("NaN"));
    assertNull(Spl.number("0x10"));
  }
}
