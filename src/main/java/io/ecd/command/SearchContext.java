package io.ecd.command;

import java.nio.file.Path;

/**
 * What a command may know about its search, taken from getinfo's {@code searchinfo}. The session
 * key is deliberately absent: commands never see it.
 *
 * @param command the command's name as invoked
 * @param sid the search id, or empty
 * @param app the app the search runs in, or empty
 * @param username the user running the search, or empty
 * @param dispatchDir the job's dispatch folder, or {@code null} (getinfo-only probes)
 * @param splunkVersion the splunkd version string, or empty
 * @param earliestTime the search's earliest time in epoch seconds, or {@code null} when unbounded
 * @param latestTime the search's latest time in epoch seconds, or {@code null} when unbounded
 * @param maxResultRows splunkd's cap on records per chunk
 * @param preview true when splunkd runs the command for a preview pass
 */
public record SearchContext(
    String command,
    String sid,
    String app,
    String username,
    Path dispatchDir,
    String splunkVersion,
    Double earliestTime,
    Double latestTime,
    int maxResultRows,
    boolean preview) {

  /** splunkd's default record cap per chunk. */
  public static final int DEFAULT_MAX_RESULT_ROWS = 50_000;

  public SearchContext {
    sid = sid == null ? "" : sid;
    app = app == null ? "" : app;
    username = username == null ? "" : username;
    splunkVersion = splunkVersion == null ? "" : splunkVersion;
    if (maxResultRows <= 0) {
      maxResultRows = DEFAULT_MAX_RESULT_ROWS;
    }
  }

  /** A context for running a command outside splunkd (tests, the offline CLI). */
  public static SearchContext offline(String command) {
    return new SearchContext(command, "", "", "", null, "", null, null, DEFAULT_MAX_RESULT_ROWS, false);
  }
}
