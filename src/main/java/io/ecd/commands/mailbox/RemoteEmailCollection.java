package io.ecd.commands.mailbox;

import io.ecd.command.Fields;
import io.ecd.command.Record;
import io.ecd.spl.Sort;
import io.ecd.spl.Spl;
import io.ecd.spl.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The whole detection "Detect Remote Email Collection" on events in memory, after the base search
 * {@code index=o365 sourcetype="o365:management:activity"}: the {@code Workload} filter, scoring,
 * {@code where SuspicionScore > 0}, the documented {@code stats ... by UserId, DetectionType},
 * BulkAccess, {@code where EventCount > 0}, RiskLevel, {@code table} and
 * {@code sort - MaxScore, - DistinctMailboxes} (SPL's default limit of 10000 rows).
 *
 * <p>The extended profile also keeps Workload SecurityComplianceCenter, takes ClientIP from
 * ClientIPAddress where ClientIP is null (MailItemsAccessed records carry only the latter), and
 * adds a {@code Signals} column ({@code values(MatchedSignals)}).
 */
final class RemoteEmailCollection {
  static final List<String> COLUMNS = List.of("FirstSeen", "LastSeen", "UserId", "DetectionType",
      "RiskLevel", "EventCount", "DistinctMailboxes", "Operations", "ClientIPs", "UserAgents",
      "MaxScore");

  /** How many events got where. */
  record Counts(long events, long inWorkload, long suspicious, long suppressed) {}

  /** The table and the counts. */
  record Result(List<Record> rows, Counts counts) {}

  private RemoteEmailCollection() {}

  static Set<String> workloads(Profile profile) {
    return profile == Profile.DOCUMENTED
        ? Set.of("exchange")
        : Set.of("exchange", "securitycompliancecenter");
  }

  static List<String> columns(Profile profile) {
    if (profile == Profile.DOCUMENTED) {
      return COLUMNS;
    }
    List<String> c = new ArrayList<>(COLUMNS);
    c.add("Signals");
    return List.copyOf(c);
  }

  /** Runs the detection; scores the events in place. */
  static Result run(List<Record> events, Scorer scorer) {
    Profile profile = scorer.profile();
    boolean extended = profile == Profile.EXTENDED;
    Set<String> workloads = workloads(profile);
    Stats stats = Stats.by("UserId", "DetectionType")
        .count("EventCount")
        .dc("MailboxOwnerUPN", "DistinctMailboxes")
        .values("Operation", "Operations")
        .values("ClientIP", "ClientIPs")
        .values("ClientInfoString", "UserAgents")
        .max("SuspicionScore", "MaxScore")
        .earliest("_time", "FirstSeen")
        .latest("_time", "LastSeen");
    if (extended) {
      stats.values("MatchedSignals", "Signals");
    }
    ScoreWriter writer = new ScoreWriter();
    long inWorkload = 0;
    long suspicious = 0;
    long suppressed = 0;
    for (Record event : events) {
      if (!inWorkload(event, workloads)) {
        continue;
      }
      inWorkload++;
      Score score = scorer.score(event);
      if (score.suppressedBy() != null) {
        suppressed++;
      }
      if (score.total() == 0) {
        continue;
      }
      suspicious++;
      writer.write(event, score, extended);
      if (extended && !event.has("ClientIP")) {
        event.putAll("ClientIP", event.getAll("ClientIPAddress"));
      }
      stats.add(event);
    }
    List<String> columns = columns(profile);
    Fields fields = Fields.of(columns);
    List<Record> table = new ArrayList<>();
    for (Record row : stats.rows()) {
      Double eventCount = Spl.number(row.get("EventCount"));
      if (eventCount == null || !(eventCount > 0)) {
        continue; // where EventCount > 0
      }
      Double distinct = Spl.number(row.get("DistinctMailboxes"));
      int bulk = distinct != null && distinct >= 5 ? 1 : 0;
      Double max = Spl.number(row.get("MaxScore"));
      String risk;
      if ((max != null && max >= 2) || bulk == 1) {
        risk = "High";
      } else if (max != null && max == 1 && Score.CMDLET.equals(row.get("DetectionType"))) {
        risk = "High";
      } else {
        risk = "Medium";
      }
      row.put("RiskLevel", risk);
      Record out = new Record(fields);
      for (String c : columns) {
        out.putAll(c, row.getAll(c));
      }
      table.add(out);
    }
    List<Record> sorted = Sort.sort(table,
        List.of(Sort.Key.desc("MaxScore"), Sort.Key.desc("DistinctMailboxes")), Sort.DEFAULT_LIMIT);
    return new Result(sorted, new Counts(events.size(), inWorkload, suspicious, suppressed));
  }

  /** The base search's {@code Workload=X}: case-insensitive, any value of a multivalue field. */
  static boolean inWorkload(Record event, Set<String> workloads) {
    for (String w : event.getAll("Workload")) {
      if (workloads.contains(w.toLowerCase(java.util.Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }
}
