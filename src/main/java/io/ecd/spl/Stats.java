package io.ecd.spl;

import io.ecd.command.Fields;
import io.ecd.command.Record;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code stats <aggregations> by <fields>} with SPL's semantics:
 *
 * <ul>
 *   <li>an event whose by-field is null is dropped; a multivalue by-field puts the event in the
 *       group of each of its values;
 *   <li>{@code count} counts events; {@code dc} counts distinct non-null values; {@code values}
 *       gives the unique values sorted lexicographically; {@code max} the largest numeric value
 *       (lexicographically largest when no value is numeric); {@code earliest}/{@code latest} the
 *       value at the smallest/largest {@code _time} (the first such event on ties); multivalue
 *       fields contribute each value;
 *   <li>output rows are ordered by the by-field values, compared lexicographically, the first
 *       by-field first; each row holds the by-fields, then the aggregations in the order added.
 * </ul>
 *
 * <p>Build one with {@link #by}, add aggregations, feed it with {@link #add}, read {@link #rows}.
 */
public final class Stats {
  private enum Kind { COUNT, DC, VALUES, MAX, EARLIEST, LATEST }

  private record Agg(Kind kind, String field, String as) {}

  private final List<String> by;
  private final List<Agg> aggs = new ArrayList<>();
  private final TreeMap<List<String>, Group> groups = new TreeMap<>(Stats::compareKeys);

  private Stats(List<String> by) {
    this.by = List.copyOf(by);
  }

  /** A stats over these by-fields (none: one row for everything). */
  public static Stats by(String... fields) {
    return new Stats(List.of(fields));
  }

  public Stats count(String as) {
    return add(Kind.COUNT, null, as);
  }

  public Stats dc(String field, String as) {
    return add(Kind.DC, field, as);
  }

  public Stats values(String field, String as) {
    return add(Kind.VALUES, field, as);
  }

  public Stats max(String field, String as) {
    return add(Kind.MAX, field, as);
  }

  public Stats earliest(String field, String as) {
    return add(Kind.EARLIEST, field, as);
  }

  public Stats latest(String field, String as) {
    return add(Kind.LATEST, field, as);
  }

  private Stats add(Kind kind, String field, String as) {
    if (!groups.isEmpty()) {
      throw new IllegalStateException("aggregations must be added before events");
    }
    aggs.add(new Agg(kind, field, as));
    return this;
  }

  /** Feeds one event. */
  public void add(Record event) {
    List<List<String>> keys = new ArrayList<>();
    keys.add(List.of());
    for (String field : by) {
      List<String> values = event.getAll(field);
      if (values.isEmpty()) {
        return;
      }
      List<List<String>> next = new ArrayList<>();
      for (List<String> key : keys) {
        for (String v : new java.util.LinkedHashSet<>(values)) {
          List<String> k = new ArrayList<>(key);
          k.add(v);
          next.add(k);
        }
      }
      keys = next;
    }
    for (List<String> key : keys) {
      groups.computeIfAbsent(List.copyOf(key), k -> new Group(aggs.size())).add(event);
    }
  }

  /** The result rows, ordered by the by-fields. */
  public List<Record> rows() {
    Fields fields = new Fields();
    by.forEach(fields::add);
    aggs.forEach(a -> fields.add(a.as()));
    List<Record> rows = new ArrayList<>(groups.size());
    for (var entry : groups.entrySet()) {
      Record row = new Record(fields);
      for (int i = 0; i < by.size(); i++) {
        row.put(by.get(i), entry.getKey().get(i));
      }
      entry.getValue().write(row);
      rows.add(row);
    }
    return rows;
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** The running aggregates of one group. */
  private final class Group {
    long count;
    final Object[] state;

    Group(int n) {
      state = new Object[n];
    }

    void add(Record event) {
      count++;
      Double time = null;
      boolean timeRead = false;
      for (int i = 0; i < aggs.size(); i++) {
        Agg a = aggs.get(i);
        switch (a.kind()) {
          case COUNT -> { }
          case DC, VALUES -> {
            @SuppressWarnings("unchecked")
            Set<String> set = (Set<String>) state[i];
            if (set == null) {
              set = a.kind() == Kind.DC ? new HashSet<>() : new TreeSet<>();
              state[i] = set;
            }
            set.addAll(event.getAll(a.field()));
          }
          case MAX -> {
            for (String v : event.getAll(a.field())) {
              state[i] = larger((String) state[i], v);
            }
          }
          case EARLIEST, LATEST -> {
            if (!timeRead) {
              time = Spl.number(event.get("_time"));
              timeRead = true;
            }
            List<String> values = event.getAll(a.field());
            if (time == null || values.isEmpty()) {
              continue;
            }
            Timed current = (Timed) state[i];
            boolean better = current == null
                || (a.kind() == Kind.EARLIEST ? time < current.time() : time > current.time());
            if (better) {
              state[i] = new Timed(time, values);
            }
          }
          default -> throw new AssertionError(a.kind());
        }
      }
    }

    void write(Record row) {
      for (int i = 0; i < aggs.size(); i++) {
        Agg a = aggs.get(i);
        switch (a.kind()) {
          case COUNT -> row.put(a.as(), count);
          case DC -> row.put(a.as(), state[i] == null ? 0 : ((Set<?>) state[i]).size());
          case VALUES -> {
            @SuppressWarnings("unchecked")
            Set<String> set = (Set<String>) state[i];
            row.putAll(a.as(), set == null ? List.of() : new ArrayList<>(set));
          }
          case MAX -> row.put(a.as(), (String) state[i]);
          case EARLIEST, LATEST -> {
            Timed t = (Timed) state[i];
            row.putAll(a.as(), t == null ? List.of() : t.values());
          }
          default -> throw new AssertionError(a.kind());
        }
      }
    }
  }

  private record Timed(double time, List<String> values) {}

  private static final Comparator<String> LEXICOGRAPHIC = Comparator.naturalOrder();

  /** The larger by max()'s rules: numbers beat strings, numbers numerically, strings lexically. */
  static String larger(String current, String candidate) {
    if (current == null) {
      return candidate;
    }
    Double c = Spl.number(current);
    Double n = Spl.number(candidate);
    if (c != null && n != null) {
      return n > c ? candidate : current;
    }
    if (c != null) {
      return current;
    }
    if (n != null) {
      return candidate;
    }
    return LEXICOGRAPHIC.compare(candidate, current) > 0 ? candidate : current;
  }
}
