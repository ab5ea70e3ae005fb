package io.ecd.command;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An {@link Output} that keeps what a command emits: for running a command outside splunkd (the
 * offline detections) and for tests. Messages are kept as {@code "LEVEL text"} and also passed to an
 * optional listener.
 */
public final class CollectingOutput implements Output {
  private final List<Record> records = new ArrayList<>();
  private final List<String> messages = new ArrayList<>();
  private final Consumer<String> listener;

  /** Keeps records and messages. */
  public CollectingOutput() {
    this(m -> { });
  }

  /** Keeps records and messages, and hands each message ({@code "LEVEL text"}) to {@code listener}. */
  public CollectingOutput(Consumer<String> listener) {
    this.listener = listener;
  }

  @Override
  public void emit(Record record) {
    records.add(record);
  }

  @Override
  public void emitAll(List<Record> all) {
    records.addAll(all);
  }

  @Override
  public void message(Level level, String text) {
    String m = level + " " + text;
    messages.add(m);
    listener.accept(m);
  }

  /** The emitted records, in order (live list). */
  public List<Record> records() {
    return records;
  }

  /** The messages as {@code "LEVEL text"}, in order (live list). */
  public List<String> messages() {
    return messages;
  }

  /** The messages of one level, text only. */
  public List<String> messages(Level level) {
    String prefix = level + " ";
    return messages.stream().filter(m -> m.startsWith(prefix)).map(m -> m.substring(prefix.length()))
        .toList();
  }
}
