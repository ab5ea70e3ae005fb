package io.ecd.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTest {

  @Test
  void absentFieldIsNullAndHasNoValues() {
    Record r = new Record();
    assertNull(r.get("x"));
    assertEquals(List.of(), r.getAll("x"));
    assertFalse(r.has("x"));
  }

  @Test
  void multivalueGetReturnsTheFirstValue() {
    Record r = new Record().putAll("m", List.of("b", "a"));
    assertEquals("b", r.get("m"));
    assertEquals(List.of("b", "a"), r.getAll("m"));
  }

  @Test
  void putAllWithOneValueIsSingleValuedAndWithNoneRemoves() {
    Record r = new Record().putAll("m", List.of("only"));
    assertFalse(r.isMultivalue(r.fields().indexOf("m")));
    r.putAll("m", List.of());
    assertFalse(r.has("m"));
  }

  @Test
  void singleValueSetIsTheOneStringAFieldHoldsAndNullForNoneSeveralOrRemoved() {
    Record r = new Record().put("one", "x").putAll("many", List.of("a", "b")).put("gone", "y");
    r.remove("gone");
    Fields f = r.fields();
    assertEquals("x", r.singleValueSet(f.indexOf("one")));
    assertNull(r.singleValueSet(f.indexOf("many")));
    assertNull(r.singleValueSet(f.indexOf("gone")));
    assertNull(r.singleValueSet(f.add("absent")));
  }

  @Test
  void siblingsSharingFieldsSeeNewFieldsAsAbsent() {
    Fields shared = Fields.of(List.of("a"));
    Record one = new Record(shared).put("a", "1");
    Record two = new Record(shared).put("a", "2");
    one.put("added", "x");
    assertTrue(shared.indexOf("added") >= 0);
    assertNull(two.get("added"));
    assertEquals(List.of("a"), two.names());
  }

  @Test
  void equalityIgnoresFieldOrder() {
    assertEquals(Record.of("a", "1", "b", "2"), Record.of("b", "2", "a", "1"));
  }

  @Test
  void copyIsIndependent() {
    Record r = Record.of("a", "1");
    Record c = r.copy();
    c.put("a", "2");
    assertEquals("1", r.get("a"));
  }

  /** A wire row of fixed cells; null is an empty cell. */
  private record Cells(String... cells) implements Record.Wire {
    @Override
    public int size() {
      return cells.length;
    }

    @Override
    public boolean isNull(int i) {
      return cells[i] == null;
    }

    @Override
    public String value(int i) {
      return cells[i];
    }
  }

  private static Record decoded(String... namesAndCells) {
    Fields fields = new Fields();
    String[] cells = new String[namesAndCells.length / 2];
    for (int i = 0; i < cells.length; i++) {
      fields.add(namesAndCells[2 * i]);
      cells[i] = namesAndCells[2 * i + 1];
    }
    Record r = new Record(fields, new Cells(cells));
    r.settle();
    return r;
  }

  @Test
  void decodedRecordReadsItsCellsAndStaysUnchangedUntilACoveredFieldIsSet() {
    Record r = decoded("a", "1", "b", null, "c", "3");
    assertEquals(List.of("a", "c"), r.names());
    assertFalse(r.has("b"));
    r.put("added", "x");
    assertFalse(r.changedSinceSettled(), "adding a field leaves the row as it arrived");
    assertEquals("x", r.get("added"));
    assertTrue(r.unchanged(0) != null);
    assertNull(r.unchanged(3), "an added field has no wire form");
    assertNull(r.singleValueSet(0), "a value still in its wire form");
    assertEquals("x", r.singleValueSet(3));
    r.put("a", "one");
    assertTrue(r.changedSinceSettled());
    assertNull(r.unchanged(0));
    assertEquals("one", r.get("a"));
    assertEquals("3", r.get("c"));
  }

  @Test
  void removingACoveredFieldHidesItsCell() {
    Record r = decoded("a", "1", "b", "2");
    r.remove("a");
    assertFalse(r.has("a"));
    assertNull(r.get("a"));
    assertNull(r.unchanged(0));
    assertEquals(List.of("b"), r.names());
  }

  @Test
  void coveredSlotBeyondSixtyFourIsTrackedWithoutTheBitmask() {
    String[] namesAndCells = new String[140];
    for (int i = 0; i < 70; i++) {
      namesAndCells[2 * i] = "f" + i;
      namesAndCells[2 * i + 1] = "v" + i;
    }
    Record r = decoded(namesAndCells);
    assertTrue(r.unchanged(66) != null);
    r.putAll("f66", List.of("x", "y"));
    assertNull(r.unchanged(66));
    assertTrue(r.isMultivalue(66));
    assertEquals(List.of("x", "y"), r.getAll("f66"));
    assertTrue(r.unchanged(65) != null);
  }

  @Test
  void detachKeepsCellsChangesAndAddedFieldsButNotRemovals() {
    Record r = decoded("a", "1", "b", "2", "c", null);
    r.put("b", "two");
    r.remove("a");
    r.put("d", "4");
    r.detach();
    assertNull(r.wire());
    assertTrue(r.changedSinceSettled());
    assertEquals(Record.of("b", "two", "d", "4"), r);
    assertNull(r.unchanged(1));
    r.put("a", "back");
    assertEquals("back", r.get("a"));
  }
}
