package io.ecd.commands.mailbox;

import io.ecd.command.CommandInfo;
import io.ecd.command.CommandType;
import io.ecd.command.Fields;
import io.ecd.command.Output;
import io.ecd.command.Record;
import io.ecd.command.RecordWork;
import io.ecd.command.SearchCommand;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Adds IsSuspiciousCmdlet, IsSuspiciousAgent, IsCrossMailboxAccess, SuspicionScore and
 * DetectionType to each event (extended profile: also MatchedSignals and SuppressedBy), passing
 * every input field through unchanged; with {@code keep=suspicious} it drops score-0 events.
 */
final class MailboxCollection implements SearchCommand {
  static final String NAME = "mailboxcollection";
  /**
   * Chunks of at least this many events are scored as two halves at once when the JVM has two
   * processors or more (a user keeps a command on one with {@code
   * ECD_JAVA_OPTS=-XX:ActiveProcessorCount=1}).
   */
  static final int HALVES_MIN_EVENTS = 4096;

  private final Scorer scorer;
  private final Keep keep;
  private final CommandType type;
  private final boolean halves;
  private boolean started;
  private final Half first;
  /** Scores the second half of large chunks, on another thread; made on first use. */
  private Half second;
  /**
   * The engine scores every event as it decodes it ({@link #recordWork}): execute() then counts
   * and filters them by the fields written.
   */
  private boolean scoredByEngine;

  MailboxCollection(Scorer scorer, Keep keep, boolean distributed) {
    this(scorer, keep, distributed, Runtime.getRuntime().availableProcessors() > 1);
  }

  /** With {@code halves} false, every chunk is scored on the calling thread (for tests). */
  MailboxCollection(Scorer scorer, Keep keep, boolean distributed, boolean halves) {
    this.scorer = scorer;
    this.keep = keep;
    this.type = distributed ? CommandType.STREAMING : CommandType.STATEFUL;
    this.halves = halves;
    this.first = new Half(scorer);
  }

  @Override
  public CommandInfo info() {
    return new CommandInfo(type, scorer.requiredFields());
  }

  /**
   * Scoring as the engine decodes each chunk: the first part of a body on lane 0 (the first half's
   * scorer), the second on lane 1 (the second half's).
   */
  @Override
  public RecordWork recordWork() {
    scoredByEngine = true;
    if (second == null) {
      second = new Half(scorer.forAnotherThread());
    }
    return new RecordWork() {
      @Override
      public void prepare(Fields fields) {
        first.prepare(fields);
        second.prepare(fields);
      }

      @Override
      public void apply(Record record, int lane) {
        (lane == 0 ? first : second).write(record);
      }
    };
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
    if (scoredByEngine && keep == Keep.ALL && scorer.profile() != Profile.EXTENDED) {
      // every event is passed on, and the documented summary counts only the events
      first.scored += records.size();
      out.emitAll(records);
    } else if (scoredByEngine) {
      for (Record r : records) {
        if (first.countWritten(r)) {
          out.emit(r);
        }
      }
    } else {
      scoreAndEmit(records, out);
    }
    if (last) {
      out.message(Output.Level.INFO, summary());
    }
  }

  /** Scores the events (in two halves at once when there are many), and emits those kept. */
  private void scoreAndEmit(List<Record> records, Output out) {
    int n = records.size();
    boolean[] drop = new boolean[n];
    boolean shared = shareFields(records);
    if (shared) {
      first.prepare(records.get(0).fields());
    }
    if (shared && halves && n >= HALVES_MIN_EVENTS) {
      if (second == null) {
        second = new Half(scorer.forAnotherThread());
      }
      // the halves' writers then only set fields that exist, on records of their own
      second.prepare(records.get(0).fields());
      int mid = n / 2;
      Half other = second;
      ForkJoinTask<?> task = ForkJoinPool.commonPool().submit(() -> other.score(records, mid, n, drop));
      try {
        first.score(records, 0, mid, drop);
      } finally {
        task.quietlyJoin();
      }
      task.join(); // rethrows what the second half threw
    } else {
      first.score(records, 0, n, drop);
    }
    for (int i = 0; i < n; i++) {
      if (!drop[i]) {
        out.emit(records.get(i));
      }
    }
  }

  private static boolean shareFields(List<Record> records) {
    if (records.isEmpty()) {
      return false;
    }
    Fields fields = records.get(0).fields();
    for (Record r : records) {
      if (r.fields() != fields) {
        return false;
      }
    }
    return true;
  }

  /** Scores events with a scorer and writer of its own, and counts them: one per thread. */
  private final class Half {
    private final Scorer scorer;
    private final ScoreWriter writer = new ScoreWriter();
    private long scored;
    private long dropped;
    private long systemPrincipals;
    private long allowlisted;

    Half(Scorer scorer) {
      this.scorer = scorer;
    }

    /** Adds the output fields to {@code fields} and looks up every field used in it. */
    void prepare(Fields fields) {
      // first the additions: a field found absent is looked up again once the fields grow
      writer.prepare(fields, scorer.profile() == Profile.EXTENDED);
      scorer.prepare(fields);
    }

    /** Scores {@code events[from, to)}, setting {@code drop[i]} for each event not passed on. */
    void score(List<Record> events, int from, int to, boolean[] drop) {
      boolean extended = scorer.profile() == Profile.EXTENDED;
      for (int i = from; i < to; i++) {
        Record event = events.get(i);
        Score score = scorer.score(event);
        if (!count(score.total(), score.suppressedBy())) {
          drop[i] = true;
          continue;
        }
        writer.write(event, score, extended);
      }
    }

    /** Scores {@code event} and sets its fields, whether it is kept or not. */
    void write(Record event) {
      writer.write(event, scorer.score(event), scorer.profile() == Profile.EXTENDED);
    }

    /** Counts an event {@link #write} scored, by the fields it wrote; whether it is passed on. */
    boolean countWritten(Record event) {
      // the documented profile sets no SuppressedBy: one the event came with says nothing here
      return count(writer.total(event),
          scorer.profile() == Profile.EXTENDED ? writer.suppressedBy(event) : null);
    }

    /** Counts a scored event; whether it is passed on. */
    private boolean count(int total, String suppressedBy) {
      scored++;
      if (suppressedBy != null) {
        if (suppressedBy.startsWith("system")) {
          systemPrincipals++;
        } else {
          allowlisted++;
        }
      }
      if (keep == Keep.SUSPICIOUS && total == 0) {
        dropped++;
        return false;
      }
      return true;
    }
  }

  String summary() {
    long scored = first.scored;
    long dropped = first.dropped;
    long systemPrincipals = first.systemPrincipals;
    long allowlisted = first.allowlisted;
    if (second != null) {
      scored += second.scored;
      dropped += second.dropped;
      systemPrincipals += second.systemPrincipals;
      allowlisted += second.allowlisted;
    }
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
