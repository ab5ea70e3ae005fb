package io.ecd.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CollectingOutputTest {
  @Test
  void emitAllKeepsTheRecordsInOrderAfterThoseEmittedBefore() {
    CollectingOutput out = new CollectingOutput();
    Record a = Record.of("n", "1");
    Record b = Record.of("n", "2");
    Record c = Record.of("n", "3");
    out.emit(a);
    out.emitAll(List.of(b, c));
    assertEquals(List.of(a, b, c), out.records());
  }

  @Test
  void emitAllByDefaultEmitsEachRecord() {
    CollectingOutput kept = new CollectingOutput();
    Output each = new Output() {
      @Override
      public void emit(Record record) {
        kept.emit(record);
      }

      @Override
      public void message(Level level, String text) {
        kept.message(level, text);
      }
    };
    Record a = Record.of("n", "1");
    Record b = Record.of("n", "2");
    each.emitAll(List.of(a, b));
    assertEquals(List.of(a, b), kept.records());
  }
}
