package io.ecd.cli;

import java.io.PrintStream;

/** A command-line tool of the jar ({@code detect}, {@code replay}, {@code verify}). */
public interface Tool {

  /** One line for the usage listing. */
  String summary();

  /**
   * Runs the tool.
   *
   * @return the exit code: 0 ok, 1 failure or mismatch, 2 usage error
   */
  int run(String[] args, PrintStream out, PrintStream err);
}
