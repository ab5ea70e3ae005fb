package io.ecd.commands.mailbox;

import io.ecd.command.FieldRef;
import io.ecd.command.Fields;
import io.ecd.command.Record;
import io.ecd.spl.Spl;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Scores events; a pure function of the event (and, for allowlist entries without an event time,
 * of the clock). Agent patterns are literal substrings of the lower-cased ClientInfoString; no
 * regular expressions. A multivalue field is judged by its first value; an empty one is null.
 */
final class Scorer {
  /** The documented SPL's {@code Operation IN (...)} list, verbatim. */
  static final List<String> DOCUMENTED_OPERATIONS = List.of(
      "New-MailboxExportRequest", "Get-MailboxExportRequest", "Search-Mailbox",
      "New-ComplianceSearch", "Start-ComplianceSearch", "New-ComplianceSearchAction",
      "Get-ComplianceSearchAction", "Invoke-MailboxSearch", "New-MailboxSearch");
  /** The documented SPL's {@code like(lower(ClientInfoString), "%...%")} substrings, verbatim. */
  static final List<String> DOCUMENTED_AGENTS = List.of(
      "mailsniper", "python", "go-http-client", "curl/", "wget", "microsoft.exchange.webservices");
  /** Extended: mailbox operations where a non-owner logon means cross-mailbox access. */
  static final Set<String> MAILBOX_ACCESS_OPERATIONS = Set.of("mailitemsaccessed", "folderbind", "messagebind");
  /** Extended: LogonType values Admin (1), Delegated (2) and DelegatedAdmin (6). */
  static final Set<Double> NON_OWNER_LOGON_TYPES = Set.of(1.0, 2.0, 6.0);

  /**
   * The documented operations and then MailboxLogin, as UTF-8, for matching an Operation's bytes
   * where they arrived ({@link #documentedOperation}).
   */
  private static final List<String> DOCUMENTED_OPERATIONS_AND_LOGIN;
  private static final byte[][] DOCUMENTED_OPERATIONS_AND_LOGIN_UTF8;
  private static final int MAILBOX_LOGIN = DOCUMENTED_OPERATIONS.size();

  static {
    List<String> names = new ArrayList<>(DOCUMENTED_OPERATIONS);
    names.add("MailboxLogin");
    DOCUMENTED_OPERATIONS_AND_LOGIN = List.copyOf(names);
    DOCUMENTED_OPERATIONS_AND_LOGIN_UTF8 = new byte[names.size()][];
    for (int k = 0; k < names.size(); k++) {
      DOCUMENTED_OPERATIONS_AND_LOGIN_UTF8[k] = names.get(k).getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The documented profile's eight possible scores (no signals, never suppressed), shared. */
  private static final Score[] DOCUMENTED_SCORES = new Score[8];

  static {
    for (int i = 0; i < DOCUMENTED_SCORES.length; i++) {
      DOCUMENTED_SCORES[i] = new Score(i >> 2 & 1, i >> 1 & 1, i & 1, List.of(), null);
    }
  }

  static final List<String> DOCUMENTED_FIELDS =
      List.of("Operation", "ClientInfoString", "UserId", "MailboxOwnerUPN");

  private final Profile profile;
  /** Extended: lower-case operation to the workloads it counts in (null entry: any). */
  private final Map<String, List<String>> operations = new HashMap<>();
  private final AgentSearch agents;
  private final Map<String, List<Lookups.AllowEntry>> allowlist = new HashMap<>();
  private final List<String> requiredFields;
  private final Clock clock;
  private final FieldRef operationField = new FieldRef("Operation");
  private final FieldRef clientInfoField = new FieldRef("ClientInfoString");
  private final FieldRef userField = new FieldRef("UserId");
  private final FieldRef ownerField = new FieldRef("MailboxOwnerUPN");
  private final FieldRef workloadField = new FieldRef("Workload");
  private final FieldRef logonTypeField = new FieldRef("LogonType");
  private final FieldRef timeField = new FieldRef("_time");

  private Scorer(Profile profile, List<Lookups.Operation> operations, List<String> agents,
      List<Lookups.AllowEntry> allowlist, Clock clock) {
    this.profile = profile;
    this.clock = clock;
    this.agents = new AgentSearch(agents);
    boolean workload = false;
    for (Lookups.Operation op : operations) {
      this.operations.computeIfAbsent(op.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(op.workload());
      workload |= op.workload() != null;
    }
    boolean expiring = false;
    for (Lookups.AllowEntry entry : allowlist) {
      this.allowlist.computeIfAbsent(entry.account().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(entry);
      expiring |= entry.expires() != null;
    }
    List<String> fields = new ArrayList<>(DOCUMENTED_FIELDS);
    if (profile == Profile.EXTENDED) {
      fields.add("LogonType");
      if (workload) {
        fields.add("Workload");
      }
      if (expiring) {
        fields.add("_time");
      }
    }
    this.requiredFields = List.copyOf(fields);
  }

  /** A scorer with the same lists and lookups and field lookups of its own, for another thread. */
  private Scorer(Scorer other) {
    this.profile = other.profile;
    this.clock = other.clock;
    this.agents = other.agents;
    this.operations.putAll(other.operations);
    this.allowlist.putAll(other.allowlist);
    this.requiredFields = other.requiredFields;
  }

  /**
   * The same scoring for use on another thread at the same time: a scorer reads and writes no
   * shared state but its field lookups ({@link FieldRef}, one per thread).
   */
  Scorer forAnotherThread() {
    return new Scorer(this);
  }

  /** The documented SPL's scoring. */
  static Scorer documented() {
    return new Scorer(Profile.DOCUMENTED, List.of(), DOCUMENTED_AGENTS, List.of(), Clock.systemUTC());
  }

  /** The extended scoring with these lookups. */
  static Scorer extended(List<Lookups.Operation> operations, List<String> agents,
      List<Lookups.AllowEntry> allowlist, Clock clock) {
    return new Scorer(Profile.EXTENDED, operations, agents, allowlist, clock);
  }

  Profile profile() {
    return profile;
  }

  /** Exactly the fields {@link #score} reads. */
  List<String> requiredFields() {
    return requiredFields;
  }

  /** Looks up the fields {@link #score} reads in {@code fields}, for a loop over its records. */
  void prepare(Fields fields) {
    for (FieldRef ref : List.of(operationField, clientInfoField, userField, ownerField,
        workloadField, logonTypeField, timeField)) {
      ref.indexIn(fields);
    }
  }

  Score score(Record event) {
    return profile == Profile.DOCUMENTED ? documented(event) : extended(event);
  }

  private Score documented(Record event) {
    int operation = documentedOperation(event);
    int cmdlet = operation >= 0 && operation < MAILBOX_LOGIN ? 1 : 0;
    int agent = firstAgent(event) != null ? 1 : 0;
    int cross = operation == MAILBOX_LOGIN && otherUser(event) ? 1 : 0;
    return DOCUMENTED_SCORES[cmdlet << 2 | agent << 1 | cross];
  }

  /**
   * The documented {@code UserId != MailboxOwnerUPN}: false when either is null (or empty), else
   * eval's comparison (as numbers when both are, else as text, case-sensitively). Compared as
   * bytes where they arrived when one of them cannot be a number: then equal UTF-8 is equal text.
   */
  private boolean otherUser(Record event) {
    Record.Utf8 user = userField.utf8(event);
    Record.Utf8 owner = ownerField.utf8(event);
    if (user != null && owner != null && (!maybeNumber(user) || !maybeNumber(owner))) {
      return !Arrays.equals(user.bytes(), user.from(), user.to(), owner.bytes(), owner.from(), owner.to());
    }
    return Boolean.TRUE.equals(Spl.notEqual(value(event, userField), value(event, ownerField)));
  }

  /**
   * False when the UTF-8 text {@code v} is surely not a number for eval: it holds an ASCII
   * character that is neither whitespace (which may be stripped) nor one a number may hold
   * ({@link Spl#numberCharacter}). Characters outside ASCII leave it undecided.
   */
  private static boolean maybeNumber(Record.Utf8 v) {
    byte[] b = v.bytes();
    for (int i = v.from(), to = v.to(); i < to; i++) {
      int c = b[i];
      if (c > ' ' && !Spl.numberCharacter(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Which of the documented operations, or MailboxLogin after them, the event's Operation equals
   * (case-sensitively, as eval's IN and == do), or -1. Compared as bytes where they arrived, when
   * they can be: equal UTF-8 is equal text.
   */
  private int documentedOperation(Record event) {
    Record.Utf8 v = operationField.utf8(event);
    if (v == null) {
      String operation = value(event, operationField);
      return operation == null ? -1 : DOCUMENTED_OPERATIONS_AND_LOGIN.indexOf(operation);
    }
    int length = v.to() - v.from();
    for (int k = 0; k < DOCUMENTED_OPERATIONS_AND_LOGIN_UTF8.length; k++) {
      byte[] name = DOCUMENTED_OPERATIONS_AND_LOGIN_UTF8[k];
      if (name.length == length && Arrays.equals(name, 0, length, v.bytes(), v.from(), v.to())) {
        return k;
      }
    }
    return -1;
  }

  private Score extended(Record event) {
    String operation = value(event, operationField);
    String op = operation == null ? null : operation.toLowerCase(Locale.ROOT);
    String user = value(event, userField);
    List<String> signals = new ArrayList<>(3);

    int cmdlet = 0;
    List<String> workloads = op == null ? null : operations.get(op);
    if (workloads != null) {
      String workload = value(event, workloadField);
      for (String w : workloads) {
        if (w == null || w.equalsIgnoreCase(workload)) {
          cmdlet = 1;
          signals.add("cmdlet:" + operation);
          break;
        }
      }
    }

    int agent = 0;
    String pattern = firstAgent(event);
    if (pattern != null) {
      agent = 1;
      signals.add("agent:" + pattern);
    }

    int cross = 0;
    String owner = value(event, ownerField);
    if (op != null && user != null && owner != null && !user.equalsIgnoreCase(owner)) {
      boolean login = op.equals("mailboxlogin");
      Double logonType = Spl.number(value(event, logonTypeField));
      boolean access = MAILBOX_ACCESS_OPERATIONS.contains(op)
          && logonType != null && NON_OWNER_LOGON_TYPES.contains(logonType);
      if (login || access) {
        cross = 1;
        signals.add("cross_mailbox:" + operation);
      }
    }

    String suppressed = null;
    if (!signals.isEmpty()) {
      if (isSystemPrincipal(user)) {
        suppressed = "system principal";
      } else {
        Lookups.AllowEntry entry = allowed(user, event);
        if (entry != null) {
          suppressed = "allowlist: " + entry.reason();
        }
      }
    }
    return new Score(cmdlet, agent, cross, signals, suppressed);
  }

  /**
   * The first agent pattern (in list order) found in the event's ClientInfoString, lower-cased, or
   * null; searched in its UTF-8 bytes where they arrived, when it can be ({@link AgentSearch}).
   */
  private String firstAgent(Record event) {
    Record.Utf8 v = clientInfoField.utf8(event);
    if (v != null) {
      return agents.first(v.bytes(), v.from(), v.to(), event, clientInfoField);
    }
    return agents.first(value(event, clientInfoField));
  }

  static boolean isSystemPrincipal(String user) {
    if (user == null) {
      return false;
    }
    String u = user.strip().toLowerCase(Locale.ROOT);
    return u.equals("s-1-5-18") || u.startsWith("nt authority\\system");
  }

  private Lookups.AllowEntry allowed(String user, Record event) {
    if (user == null) {
      return null;
    }
    List<Lookups.AllowEntry> entries = allowlist.get(user.toLowerCase(Locale.ROOT));
    if (entries == null) {
      return null;
    }
    LocalDate day = null;
    for (Lookups.AllowEntry e : entries) {
      if (e.expires() == null) {
        return e;
      }
      if (day == null) {
        day = day(event);
      }
      if (!day.isAfter(e.expires())) {
        return e;
      }
    }
    return null;
  }

  /** The UTC day of the event's _time, or today when it has none. */
  private LocalDate day(Record event) {
    Double time = Spl.number(timeField.get(event));
    Instant instant = time == null ? clock.instant() : Instant.ofEpochMilli((long) Math.floor(time * 1000));
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The field's first value, or null when absent or empty. */
  private static String value(Record event, FieldRef field) {
    String v = field.get(event);
    return v == null || v.isEmpty() ? null : v;
  }

  /** Allowlist entries that have expired by today (for a warning at start). */
  List<Lookups.AllowEntry> expiredEntries() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    List<Lookups.AllowEntry> expired = new ArrayList<>();
    for (List<Lookups.AllowEntry> list : allowlist.values()) {
      for (Lookups.AllowEntry e : list) {
        if (e.expires() != null && e.expires().isBefore(today)) {
          expired.add(e);
        }
      }
    }
    expired.sort((a, b) -> Long.compare(a.line(), b.line()));
    return expired;
  }

  /** Unused-pattern guard: the distinct patterns in use, for messages and tests. */
  Set<String> agentPatterns() {
    return agents.patterns();
  }
}
