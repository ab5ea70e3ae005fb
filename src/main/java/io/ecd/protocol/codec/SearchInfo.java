package io.ecd.protocol.codec;

import java.util.List;

/**
 * getinfo's {@code searchinfo}. {@link #toString()} never shows the session key.
 *
 * @param args the command's arguments, quotes stripped by splunkd
 * @param rawArgs the same arguments with quoting kept
 * @param dispatchDir the job folder, or empty
 * @param sid search id
 * @param app app
 * @param owner owner
 * @param username user
 * @param sessionKey the splunkd session key; never log or show it
 * @param splunkdUri management URI
 * @param splunkVersion splunkd version
 * @param search the search string, URL-decoded
 * @param command the command name (8.x), or empty
 * @param maxResultRows records cap per chunk, 0 when absent
 * @param earliestTime earliest time in epoch seconds, null when unbounded ("0") or absent
 * @param latestTime latest time in epoch seconds, null when unbounded ("0") or absent
 */
public record SearchInfo(
    List<String> args,
    List<String> rawArgs,
    String dispatchDir,
    String sid,
    String app,
    String owner,
    String username,
    String sessionKey,
    String splunkdUri,
    String splunkVersion,
    String search,
    String command,
    int maxResultRows,
    Double earliestTime,
    Double latestTime) {

  public SearchInfo {
    args = List.copyOf(args);
    rawArgs = List.copyOf(rawArgs);
  }

  @Override
  public String toString() {
    return "SearchInfo[sid=" + sid + ", app=" + app + ", command=" + command + ", args=" + args
        + ", splunkVersion=" + splunkVersion + ", sessionKey=" + (sessionKey.isEmpty() ? "" : "***") + "]";
  }
}
