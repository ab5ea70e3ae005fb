package io.ecd.commands.stdev;

import io.ecd.command.Output;
import io.ecd.command.Record;
import java.util.ArrayList;
import java.util.List;

/** An {@link Output} that keeps what a command emits, for assertions. */
final class Collected implements Output {
  final List<Record> records = new ArrayList<>();
  final List<String> messages = new ArrayList<>();

  @Override
  public void emit(Record record) {
    records.add(record);
  }

  @Override
  public void message(Level level, String text) {
    messages.add(level + " " + text);
  }

  List<String> warnings() {
    return messages.stream().filter(m -> m.startsWith("WARN ")).toList();
  }
}
