package io.ecd.command;

import java.util.List;

/**
 * A custom search command. The protocol engine creates one instance per search process through
 * a {@link CommandFactory}, asks it for its {@link CommandInfo} once, then calls {@link #execute}
 * once per execute chunk, in order.
 *
 * <p>Streaming and stateful commands emit the records of each chunk as they go. Events and
 * reporting commands may emit at any time; the engine holds their output and replies with it to
 * the last chunk, answering every earlier chunk with an empty reply.
 */
public interface SearchCommand {

  /** The getinfo declaration: command type and required fields. */
  CommandInfo info();

  /**
   * Processes the records of one execute chunk.
   *
   * @param records the chunk's records, in order; the command may change and emit them. They are
   *     read from the chunk's body, whose buffer the next chunk reuses: a streaming or stateful
   *     command that keeps a record past this call calls {@link Record#detach()} on it first (the
   *     engine does so for events and reporting commands); reading one that was not detached
   *     later fails with an {@link IllegalStateException}
   * @param last true for the final chunk of the search
   * @param out where output records and user messages go
   * @throws CommandException when the command cannot go on; the search then fails with its message
   */
  void execute(List<Record> records, boolean last, Output out);

  /**
   * Per-record work for the engine to do while it decodes each chunk ({@link RecordWork}), or
   * null: then {@link #execute} does all the work. Asked at most once, after {@link #info()}: once
   * asked, a command gets every record passed to {@link #execute} with the work done.
   */
  default RecordWork recordWork() {
    return null;
  }
}
