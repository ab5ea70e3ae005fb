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
}
