package io.ecd.cli;

import java.io.PrintStream;

/** A command-line tool of the jar ({@code detect}, {@code replay}, {@code train}, {@code verify}). */
public interface Tool {

  /** One line for the usage listing. */
  String summary();

  /**
   * Runs the tool.
   *
   * @return the exit code: 0 ok, 1 failure or mismatch, 2 usage error
   */
  int run(String[] args, PrintStream out, PrintStream err);

  /** What a tool runs. */
  @FunctionalInterface
  interface Runner {
    int run(String[] args, PrintStream out, PrintStream err);
  }

  /** A tool with this summary that runs {@code runner}. */
  static Tool of(String summary, Runner runner) {
    return new Tool() {
      @Override
      public String summary() {
        return summary;
      }

      @Override
      public int run(String[] args, PrintStream out, PrintStream err) {
        return runner.run(args, out, err);
      }
    };
  }
}
