package io.ecd.events;

import java.nio.file.Path;

/**
 * The one exception type of the event-file layer: the file cannot be read as events. The message
 * names the file, the line (and column or element where known) and what was expected.
 */
public final class EventFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long line;

  EventFileException(Path file, long line, String message, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message, cause);
    this.file = file;
    this.line = line;
  }

  EventFileException(Path file, long line, String message) {
    this(file, line, message, null);
  }

  /** The file that could not be read. */
  public Path file() {
    return file;
  }

  /** The 1-based line of the problem, or 0 when it concerns the whole file. */
  public long line() {
    return line;
  }
}
