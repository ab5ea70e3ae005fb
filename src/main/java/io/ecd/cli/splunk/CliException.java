package io.ecd.cli.splunk;

/**
 * The one exception type of the replay/verify tools. Its message is printed to the user as is:
 * it names the tool and, where it applies, the option, file or host, and says what was expected.
 * It never holds a credential.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Exit code of a failed check: a mismatch, no results, a failed search. */
  static final int FAILURE = 1;
  /** Exit code of a usage, credential or connection error. */
  static final int USAGE = 2;

  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  static CliException usage(String message) {
    return new CliException(USAGE, message);
  }

  int exitCode() {
    return exitCode;
  }
}
