package io.ecd.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One search result: field names to a single value or to several (a multivalue field). A field
 * that is absent has no value, which is Splunk's null; input cells that arrive empty are null too.
 *
 * <p>Records of one chunk share their {@link Fields}, which keeps decoding and encoding cheap. A
 * decoded record keeps its values in their {@link Wire wire form} until a command reads them, so
 * fields that no command looks at are never decoded, and the encoder copies them through as bytes.
 * Not thread-safe.
 */
public final class Record {
  private static final Object[] NONE = new Object[0];
  /** A slot the record's {@link Wire} has a value for, removed by the command. */
  private static final Object REMOVED = new Object();
  /** The decimal forms of 0 to 255, shared. */
  private static final String[] SMALL = new String[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = Integer.toString(i);
    }
  }

  private final Fields fields;
  // each stored slot: null (absent, or still in the wire form), a String, a String[] of two or
  // more values, or REMOVED. Slots from `base` on are in `values` (at i - base); slots the wire
  // row covers, below `base`, are in `covered`, made when one of them is first set. A decoded
  // record thus stores only the fields a command adds (a few), not one slot per column.
  private Object[] values;
  private Object[] covered;
  /** The first slot kept in {@code values}: the wire row's size, or 0 without one. */
  private int base;
  private Wire wire;
  /** Bit i: slot i (below 64) was set since decoding, so its wire value no longer counts. */
  private long changed;
  /** A slot the wire row covers was set or removed since {@link #settle()} (or settle never ran). */
  private boolean rowChanged = true;

  /**
   * Single values of one decoded row, still in their wire form: the body decoder implements it and
   * the body encoder copies untouched values through. Slots are field indexes of the record's
   * {@link Fields}, below {@link #size()}.
   */
  public interface Wire {
    /** The number of slots covered, from 0. */
    int size();

    /** True when slot {@code i} has no value (an empty cell). */
    boolean isNull(int i);

    /** The decoded value of slot {@code i}, or null. */
    String value(int i);

    /**
     * The UTF-8 bytes of slot {@code i}'s value where they lie, when the wire holds them as they
     * are (no escapes to undo); null when it does not, or the slot has no value.
     */
    default Utf8 utf8(int i) {
      return null;
    }
  }

  /**
   * A value's UTF-8 bytes, read in place: {@code bytes[from, to)}, not empty. The array is a
   * request body's buffer: it holds the value until that body is retired, and is never written
   * through this view.
   */
  public record Utf8(byte[] bytes, int from, int to) {}

  /** A record sharing {@code fields} with its siblings; all of its values are absent. */
  public Record(Fields fields) {
    this(fields, null);
  }

  /**
   * A record sharing {@code fields} with its siblings, whose single values come from {@code wire}
   * until set; for the body decoder.
   */
  public Record(Fields fields, Wire wire) {
    this.fields = Objects.requireNonNull(fields, "fields");
    this.values = NONE;
    this.wire = wire;
    this.base = wire == null ? 0 : wire.size();
  }

  /** A new, empty record with fields of its own. */
  public Record() {
    this(new Fields());
  }

  /** A record holding these single values, in this order; for tests and generated rows. */
  public static Record of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("expected name, value pairs");
    }
    Record record = new Record();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      record.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return record;
  }

  /** The field names this record's values are indexed by. */
  public Fields fields() {
    return fields;
  }

  // ---- reading by name

  /** The value of a single-valued field, the first value of a multivalue one, or null. */
  public String get(String name) {
    int i = fields.indexOf(name);
    return i < 0 ? null : first(i);
  }

  /** All values of a field: empty when null, one for a single value. */
  public List<String> getAll(String name) {
    int i = fields.indexOf(name);
    return i < 0 ? List.of() : all(i);
  }

  /** True when the field has a value. */
  public boolean has(String name) {
    int i = fields.indexOf(name);
    return i >= 0 && !isNull(i);
  }

  // ---- reading by index (codecs iterate with these)

  /** True when slot {@code i} is absent. */
  public boolean isNull(int i) {
    Object v = stored(i);
    if (v == null) {
      return i >= base || wire.isNull(i);
    }
    return v == REMOVED;
  }

  /** True when slot {@code i} holds two or more values. */
  public boolean isMultivalue(int i) {
    return stored(i) instanceof String[];
  }

  /** The first (or only) value of slot {@code i}, or null. */
  public String first(int i) {
    Object v = slot(i);
    if (v instanceof String[] many) {
      return many[0];
    }
    return (String) v;
  }

  /**
   * The single value slot {@code i} holds as a String (one a command set, for instance), or null:
   * when it holds no value, several, or one still in its wire form. For the fields a command adds,
   * one call where an encoder would make four ({@link #unchanged}, {@link #isMultivalue} twice,
   * {@link #first}).
   */
  public String singleValueSet(int i) {
    return stored(i) instanceof String s ? s : null;
  }

  /**
   * The UTF-8 bytes of slot {@code i}'s value in place, with no String made, when the slot still
   * holds the single value it arrived with and the wire holds it as it is; else null, and {@link
   * #first} gives the value (null included). Valid until the record's chunk is retired.
   */
  public Utf8 utf8(int i) {
    return i < base && stored(i) == null ? wire.utf8(i) : null;
  }

  /** Every value of slot {@code i}; empty when absent. */
  public List<String> all(int i) {
    Object v = slot(i);
    if (v == null) {
      return List.of();
    }
    if (v instanceof String[] many) {
      return Collections.unmodifiableList(Arrays.asList(many));
    }
    return List.of((String) v);
  }

  /**
   * The wire form of this record when slot {@code i} still holds the value it arrived with (it may
   * have been read, not set nor removed), else null; for the body encoder.
   */
  public Wire unchanged(int i) {
    if (i >= base) {
      return null;
    }
    if (i < 64 ? (changed & (1L << i)) != 0 : stored(i) != null) {
      return null;
    }
    return wire;
  }

  /**
   * The row this record was decoded from, or null (a record built by a command, or detached). Its
   * values may since have been changed: see {@link #unchanged} and {@link #changedSinceSettled}.
   */
  public Wire wire() {
    return wire;
  }

  /**
   * Marks the record's values as the row it arrived as; the body decoder calls this once it has
   * set the row's multivalues. Until a slot the row covers is set or removed, the body encoder
   * may copy the whole row as it arrived.
   */
  public void settle() {
    rowChanged = false;
  }

  /**
   * True unless the record still reads as the row it arrived as: {@link #settle} was called, and no
   * slot its wire row covers was set or removed since. Fields added after them do not count.
   */
  public boolean changedSinceSettled() {
    return rowChanged || wire == null;
  }

  /**
   * Decodes the values still in their wire form and lets go of the request body they are read
   * from, so that a record kept past its chunk keeps only its own values. The engine does this
   * for events and reporting commands, which may hold records until the last chunk.
   */
  public void detach() {
    if (wire == null) {
      return;
    }
    Object[] flat = new Object[Math.max(fields.size(), base + values.length)];
    for (int i = 0; i < base; i++) {
      Object v = covered == null ? null : covered[i];
      if (v == null && !wire.isNull(i)) {
        v = wire.value(i);
      }
      flat[i] = v == REMOVED ? null : v;
    }
    System.arraycopy(values, 0, flat, base, values.length);
    values = flat;
    covered = null;
    base = 0;
    wire = null;
  }

  /**
   * The value of slot {@code i}: null, a String or a String[]. A wire value is decoded on each
   * read and not kept: commands mostly read a field once, and a String kept in a record lives as
   * long as its chunk, which costs the garbage collector more than decoding twice.
   */
  private Object slot(int i) {
    Object v = stored(i);
    if (v == null) {
      return i >= base ? null : wire.value(i);
    }
    return v == REMOVED ? null : v;
  }

  /** What slot {@code i} stores: null, a String, a String[] or REMOVED. */
  private Object stored(int i) {
    if (i >= base) {
      int j = i - base;
      return j < values.length ? values[j] : null;
    }
    return covered == null ? null : covered[i];
  }

  /** The number of slots that may hold a value. */
  private int slots() {
    return base + values.length;
  }

  // ---- writing

  /** Sets a single value; {@code null} removes the field. */
  public Record put(String name, String value) {
    set(fields.add(name), value);
    return this;
  }

  /** Sets a whole number. */
  public Record put(String name, long value) {
    return put(name, number(value));
  }

  /** The decimal form of a whole number; small ones are shared. */
  static String number(long value) {
    return value >= 0 && value < SMALL.length ? SMALL[(int) value] : Long.toString(value);
  }

  /** Sets every value of a field: none removes it, one makes it single-valued. */
  public Record putAll(String name, List<String> newValues) {
    int i = fields.add(name);
    switch (newValues.size()) {
      case 0 -> set(i, null);
      case 1 -> set(i, newValues.get(0));
      default -> {
        String[] copy = newValues.toArray(new String[0]);
        for (String s : copy) {
          Objects.requireNonNull(s, "multivalue items must not be null");
        }
        set(i, copy);
      }
    }
    return this;
  }

  /** Removes a field's value. */
  public Record remove(String name) {
    int i = fields.indexOf(name);
    if (i >= 0) {
      set(i, null);
    }
    return this;
  }

  /** Sets slot {@code i} (a field index of {@link #fields()}) to a single value or null. */
  public void set(int i, String value) {
    set(i, (Object) value);
  }

  /** Sets slot {@code i} to these values, as {@link #putAll} does. */
  public void setAll(int i, String[] many) {
    if (many == null || many.length == 0) {
      set(i, (Object) null);
    } else if (many.length == 1) {
      set(i, (Object) many[0]);
    } else {
      set(i, (Object) many);
    }
  }

  private void set(int i, Object value) {
    if (i < 64) {
      changed |= 1L << i;
    }
    if (i < base) {
      rowChanged = true;
      if (covered == null) {
        covered = new Object[base];
      }
      covered[i] = value == null ? REMOVED : value;
      return;
    }
    int j = i - base;
    if (j >= values.length) {
      if (value == null) {
        return;
      }
      values = Arrays.copyOf(values, Math.max(fields.size() - base, j + 1));
    }
    values[j] = value;
  }

  // ---- views

  /** The names of the fields that have a value, in field order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (int i = 0, n = slots(); i < n; i++) {
      if (!isNull(i)) {
        names.add(fields.name(i));
      }
    }
    return names;
  }

  /** This record as an ordered map of field name to its values. */
  public Map<String, List<String>> toMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0, n = slots(); i < n; i++) {
      if (!isNull(i)) {
        map.put(fields.name(i), all(i));
      }
    }
    return map;
  }

  /** A copy with fields of its own. */
  public Record copy() {
    Record copy = new Record();
    for (int i = 0, n = slots(); i < n; i++) {
      Object v = isNull(i) ? null : slot(i);
      if (v != null) {
        int j = copy.fields.add(fields.name(i));
        copy.set(j, v instanceof String[] many ? many.clone() : v);
      }
    }
    return copy;
  }

  /** Equal when both have the same fields with the same values, in any field order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Record other && toMap().equals(other.toMap());
  }

  @Override
  public int hashCode() {
    return toMap().hashCode();
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
