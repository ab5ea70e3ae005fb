package io.ecd.command;

/**
 * Work a command does on each record alone, reading and setting that record's own fields only,
 * that the engine does while it decodes a chunk: right after each row is read, while the row's
 * bytes are still in the processor's cache, on up to two threads at once ({@link
 * SearchCommand#recordWork()}).
 */
public interface RecordWork {
  /**
   * Called on the engine's thread once a body's header is read, before any record of that body:
   * adds the fields {@link #apply} sets to {@code fields}, and looks up those it reads.
   */
  void prepare(Fields fields);

  /**
   * Does the work on {@code record}, whose fields {@link #prepare} has seen. Calls for one lane (0
   * or 1) come from one thread at a time; the two lanes may run at once, each on records of its
   * own. A record may be decoded again and its copy worked on again, so the work keeps nothing of
   * a record outside it.
   */
  void apply(Record record, int lane);
}
