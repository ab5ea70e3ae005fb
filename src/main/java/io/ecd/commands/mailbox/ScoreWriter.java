package io.ecd.commands.mailbox;

import io.ecd.command.FieldRef;
import io.ecd.command.Record;

/**
 * Sets a {@link Score}'s fields on its event: IsSuspiciousCmdlet, IsSuspiciousAgent,
 * IsCrossMailboxAccess, SuspicionScore and DetectionType, and for the extended profile
 * MatchedSignals and SuppressedBy. Not thread-safe.
 */
final class ScoreWriter {
  private final FieldRef cmdlet = new FieldRef("IsSuspiciousCmdlet");
  private final FieldRef agent = new FieldRef("IsSuspiciousAgent");
  private final FieldRef cross = new FieldRef("IsCrossMailboxAccess");
  private final FieldRef total = new FieldRef("SuspicionScore");
  private final FieldRef type = new FieldRef("DetectionType");
  private final FieldRef suppressedBy = new FieldRef("SuppressedBy");

  void write(Record event, Score score, boolean extended) {
    cmdlet.put(event, score.cmdlet());
    agent.put(event, score.agent());
    cross.put(event, score.cross());
    total.put(event, score.total());
    type.put(event, score.detectionType());
    if (extended) {
      event.putAll("MatchedSignals", score.signals());
      suppressedBy.put(event, score.suppressedBy());
    }
  }
}
