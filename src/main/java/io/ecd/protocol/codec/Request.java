package io.ecd.protocol.codec;

/** The metadata of a chunk splunkd sends. */
public sealed interface Request {

  /** The first chunk: describe yourself. */
  record Getinfo(boolean preview, SearchInfo searchInfo) implements Request {}

  /** A chunk of records; {@code finished} marks the last one. */
  record Execute(boolean finished) implements Request {}
}
