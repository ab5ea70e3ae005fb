package io.ecd.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the records a command leaves out, by reason, so that none is lost silently: {@link
 * #report} turns the counts into one WARN message per reason, e.g. {@code mailboxcollection:
 * skipped 3 of 120 records: no value in field 'Operation'}. Commands call {@link #report} with the
 * last chunk (or per chunk, for a running total per reply).
 */
public final class Skips {
  private final String command;
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long seen;

  public Skips(String command) {
    this.command = command;
  }

  /** Counts one record that was read (skipped or not). */
  public void seen() {
    seen++;
  }

  /** Counts one skipped record; {@code reason} is fixed text naming the cause. */
  public void skip(String reason) {
    counts.merge(reason, 1L, Long::sum);
  }

  /** The number of records skipped so far, for every reason. */
  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Writes one WARN per reason, in the order reasons first occurred, then starts counting anew. */
  public void report(Output out) {
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      long n = e.getValue();
      out.message(Output.Level.WARN, command + ": skipped " + n + " of " + seen + " record"
          + (seen == 1 ? "" : "s") + ": " + e.getKey());
    }
    counts.clear();
    seen = 0;
  }
}
