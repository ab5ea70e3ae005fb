package io.ecd.commands.mailbox;

import io.ecd.command.FieldRef;
import io.ecd.command.Fields;
import io.ecd.command.Record;
import java.util.List;

/**
 * Sets a {@link Score}'s fields on its event: IsSuspiciousCmdlet, IsSuspiciousAgent,
 * IsCrossMailboxAccess, SuspicionScore and DetectionType, and for the extended profile
 * MatchedSignals and SuppressedBy. Not thread-safe.
 */
final class ScoreWriter {
  private static final String CMDLET = "IsSuspiciousCmdlet";
  private static final String AGENT = "IsSuspiciousAgent";
  private static final String CROSS = "IsCrossMailboxAccess";
  private static final String TOTAL = "SuspicionScore";
  private static final String TYPE = "DetectionType";
  private static final String SIGNALS = "MatchedSignals";
  private static final String SUPPRESSED_BY = "SuppressedBy";
  /** The fields {@link #write} sets, in the order it sets them. */
  private static final List<String> DOCUMENTED_FIELDS = List.of(CMDLET, AGENT, CROSS, TOTAL, TYPE);
  private static final List<String> EXTENDED_FIELDS =
      List.of(CMDLET, AGENT, CROSS, TOTAL, TYPE, SIGNALS, SUPPRESSED_BY);

  private final FieldRef cmdlet = new FieldRef(CMDLET);
  private final FieldRef agent = new FieldRef(AGENT);
  private final FieldRef cross = new FieldRef(CROSS);
  private final FieldRef total = new FieldRef(TOTAL);
  private final FieldRef type = new FieldRef(TYPE);
  private final FieldRef suppressedBy = new FieldRef(SUPPRESSED_BY);

  /**
   * Adds the fields {@link #write} sets to {@code fields}, in the order it sets them, and looks
   * them up, for a loop over records that share those fields; writers on two threads can then
   * set them on such records at once.
   */
  void prepare(Fields fields, boolean extended) {
    for (String name : extended ? EXTENDED_FIELDS : DOCUMENTED_FIELDS) {
      fields.add(name);
    }
    for (FieldRef ref : List.of(cmdlet, agent, cross, total, type, suppressedBy)) {
      ref.indexIn(fields);
    }
  }

  /** The SuspicionScore {@link #write} set on {@code event}. */
  int total(Record event) {
    return Integer.parseInt(total.get(event));
  }

  /** The SuppressedBy {@link #write} set on {@code event} in the extended profile, or null. */
  String suppressedBy(Record event) {
    return suppressedBy.get(event);
  }

  void write(Record event, Score score, boolean extended) {
    cmdlet.put(event, score.cmdlet());
    agent.put(event, score.agent());
    cross.put(event, score.cross());
    total.put(event, score.total());
    type.put(event, score.detectionType());
    if (extended) {
      event.putAll(SIGNALS, score.signals());
      suppressedBy.put(event, score.suppressedBy());
    }
  }
}
