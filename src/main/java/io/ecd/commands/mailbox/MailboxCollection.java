package io.ecd.commands.mailbox;

import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.SearchCommand;
import java.util.List;
import java.util.Locale;

/**
 * Adds IsSuspiciousCmdlet, IsSuspiciousAgent, IsCrossMailboxAccess, SuspicionScore and
 * DetectionType to each event (extended profile: also MatchedSignals and SuppressedBy), passing
 * every input field through unchanged; with {@code keep=suspicious} it drops score-0 events.
 */
final class MailboxCollection implements SearchCommand {
  static final String NAME = "mailboxcollection";

  private final Scorer scorer;
  private final Keep keep;
  private final CommandType type;
  private boolean started;
  private long scored;
  private long dropped;
  private long systemPrincipals;
  private long allowlisted;
  private final ScoreWriter writer = new ScoreWriter();

  MailboxCollection(Scorer scorer, Keep keep, boolean distributed) {
    this.scorer = scorer;
    this.keep = keep;
    this.type = distributed ? CommandType.STREAMING : CommandType.STATEFUL;
  }

  @Override
  public CommandInfo info() {
    return new CommandInfo(type, scorer.requiredFields());
  }

  @Override
  public void execute(List<Record> records, boolean last, Output out) {
    if (!started) {
      started = true;
      for (Lookups.AllowEntry e : scorer.expiredEntries()) {
        out.message(Output.Level.WARN, NAME + ": allowlist entry on line " + e.line() + " ("
            + e.account() + ") expired on " + e.expires() + "; it no longer suppresses later events");
      }
    }
    boolean extended = scorer.profile() == Profile.EXTENDED;
    for (Record event : records) {
      Score score = scorer.score(event);
      scored++;
      if (score.suppressedBy() != null) {
        if (score.suppressedBy().startsWith("system")) {
          systemPrincipals++;
        } else {
          allowlisted++;
        }
      }
      if (keep == Keep.SUSPICIOUS && score.total() == 0) {
        dropped++;
        continue;
      }
      writer.write(event, score, extended);
      out.emit(event);
    }
    if (last) {
      out.message(Output.Level.INFO, summary());
    }
  }

  String summary() {
    StringBuilder b = new StringBuilder(NAME).append(" (profile=")
        .append(scorer.profile().name().toLowerCase(Locale.ROOT)).append("): ")
        .append(scored).append(" events scored, ").append(scored - dropped).append(" passed on");
    if (keep == Keep.SUSPICIOUS) {
      b.append(", ").append(dropped).append(" with SuspicionScore 0 dropped (keep=suspicious)");
    }
    if (scorer.profile() == Profile.EXTENDED) {
      b.append("; matching events suppressed: ").append(systemPrincipals).append(" by system principal, ")
          .append(allowlisted).append(" by the allowlist");
    }
    return b.toString();
  }
}
