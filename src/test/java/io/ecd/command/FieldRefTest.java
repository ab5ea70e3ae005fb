package io.ecd.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FieldRefTest {

  @Test
  void readsAndSetsTheNamedFieldOfRecordsWithDifferentFields() {
    FieldRef user = new FieldRef("user");
    Record a = Record.of("x", "1", "user", "ann");
    Record b = Record.of("user", "bob");
    assertEquals("ann", user.get(a));
    assertEquals("bob", user.get(b));
    user.put(a, "carl");
    user.put(b, 42);
    assertEquals(Record.of("x", "1", "user", "carl"), a);
    assertEquals("42", b.get("user"));
    user.put(b, null);
    assertNull(user.get(b));
  }

  @Test
  void findsAFieldAddedToSharedFieldsAfterItWasLookedUp() {
    Fields shared = new Fields();
    Record first = new Record(shared).put("x", "1");
    Record second = new Record(shared);
    FieldRef score = new FieldRef("score");
    assertNull(score.get(first), "not there yet");
    second.put("score", "3");
    assertEquals("3", score.get(second));
    assertNull(score.get(first));
    score.put(first, 7);
    assertEquals(List.of("x", "score"), first.names());
  }

  @Test
  void indexInGivesTheFieldsIndexOrMinusOneAndFollowsTheFieldsGrowing() {
    Fields fields = new Fields();
    fields.add("a");
    FieldRef b = new FieldRef("b");
    assertEquals(-1, b.indexIn(fields));
    fields.add("b");
    assertEquals(1, b.indexIn(fields));
    Fields other = new Fields();
    other.add("b");
    assertEquals(0, b.indexIn(other));
    assertEquals("x", b.get(new Record(other).put("b", "x")));
  }
}
