package io.ecd.spl;

import io.ecd.command.Record;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SPL's {@code sort}: each key ascending or descending; numbers compare numerically and before
 * strings, strings lexicographically; a row without the field comes after the rows with it, in
 * either direction. The sort is stable: ties keep their input order. Like SPL's {@code sort}
 * without a count, it keeps the first {@value #DEFAULT_LIMIT} rows.
 */
public final class Sort {
  /** SPL's default count of {@code sort}. */
  public static final int DEFAULT_LIMIT = 10_000;

  /** One sort key. */
  public record Key(String field, boolean descending) {
    /** {@code - field}. */
    public static Key desc(String field) {
      return new Key(field, true);
    }

    /** {@code + field}. */
    public static Key asc(String field) {
      return new Key(field, false);
    }
  }

  private Sort() {}

  /** The rows sorted by the keys, at most {@code limit} of them (0: all). */
  public static List<Record> sort(List<Record> rows, List<Key> keys, int limit) {
    List<Record> sorted = new ArrayList<>(rows);
    Comparator<Record> order = (a, b) -> 0;
    for (Key key : keys) {
      order = order.thenComparing((a, b) -> compare(a.get(key.field()), b.get(key.field()), key.descending()));
    }
    sorted.sort(order); // List.sort is stable
    return limit > 0 && sorted.size() > limit ? new ArrayList<>(sorted.subList(0, limit)) : sorted;
  }

  static int compare(String a, String b, boolean descending) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    Double x = Spl.number(a);
    Double y = Spl.number(b);
    int c;
    if (x != null && y != null) {
      c = Double.compare(x, y);
    } else if (x != null) {
      c = -1;
    } else if (y != null) {
      c = 1;
    } else {
      c = a.compareTo(b);
    }
    return descending ? -c : c;
  }
}
