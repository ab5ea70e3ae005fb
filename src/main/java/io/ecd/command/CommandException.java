package io.ecd.command;

/**
 * The one exception type of the command layer: bad options, bad lookups, bad data a command
 * cannot go on with. Its message is shown to the Splunk user as an ERROR message, so it must name
 * the command and, where it applies, the option, file and line, and say what was expected.
 */
public class CommandException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandException(String message) {
    super(message);
  }

  public CommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
