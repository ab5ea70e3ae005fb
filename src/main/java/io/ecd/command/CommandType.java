package io.ecd.command;

/** The four command types of the chunked protocol, as named in the getinfo reply. */
public enum CommandType {
  /** Record in, records out, no state across records; may run on the indexers. */
  STREAMING("streaming"),
  /** Streaming with state across chunks; runs on the search head only. */
  STATEFUL("stateful"),
  /** Needs all events before it emits; may reorder; runs on the search head. */
  EVENTS("events"),
  /** Transforming: needs all input, emits a new table; runs on the search head. */
  REPORTING("reporting");

  private final String wireName;

  CommandType(String wireName) {
    this.wireName = wireName;
  }

  /** The value of {@code type} in the getinfo reply. */
  public String wireName() {
    return wireName;
  }

  /** True when replies to intermediate chunks must be empty and output comes with the last one. */
  public boolean emitsOnlyAtEnd() {
    return this == EVENTS || this == REPORTING;
  }
}
