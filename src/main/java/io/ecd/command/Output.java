package io.ecd.command;

import java.util.List;

/** Where a command puts its output records and the messages shown to the user. */
public interface Output {

  /** Adds a record to the reply. */
  void emit(Record record);

  /** Adds all of {@code records} to the reply, in order: as {@link #emit} of each. */
  default void emitAll(List<Record> records) {
    for (Record r : records) {
      emit(r);
    }
  }

  /** Adds a message for Splunk Web and the job inspector. */
  void message(Level level, String text);

  /** Message levels splunkd shows, upper case as the protocol uses them. */
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }
}
