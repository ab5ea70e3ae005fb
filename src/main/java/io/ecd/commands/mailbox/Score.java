package io.ecd.commands.mailbox;

import java.util.List;

/**
 * The scoring of one event.
 *
 * @param cmdlet IsSuspiciousCmdlet, 0 or 1
 * @param agent IsSuspiciousAgent, 0 or 1
 * @param cross IsCrossMailboxAccess, 0 or 1
 * @param signals what matched, e.g. {@code cmdlet:Search-Mailbox}, {@code agent:python}; kept
 *     when the event is suppressed
 * @param suppressedBy why matching signals do not count (system principal, allowlist), or null
 */
record Score(int cmdlet, int agent, int cross, List<String> signals, String suppressedBy) {
  static final String CMDLET = "ExchangeCollectionCmdlet";
  static final String AGENT = "SuspiciousEWSClient";
  static final String CROSS = "CrossMailboxAccess";
  static final String UNKNOWN = "Unknown";

  Score {
    signals = List.copyOf(signals);
    if (suppressedBy != null) {
      cmdlet = 0;
      agent = 0;
      cross = 0;
    }
  }

  /** SuspicionScore. */
  int total() {
    return cmdlet + agent + cross;
  }

  /** DetectionType: cmdlet, then agent, then cross-mailbox, else Unknown. */
  String detectionType() {
    if (cmdlet == 1) {
      return CMDLET;
    }
    if (agent == 1) {
      return AGENT;
    }
    return cross == 1 ? CROSS : UNKNOWN;
  }
}
