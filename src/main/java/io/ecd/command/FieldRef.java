package io.ecd.command;

import java.util.Objects;

/**
 * One field of many records, looked up by name once per {@link Fields} rather than once per
 * record: for commands that read or set the same fields of every record of a chunk. Not
 * thread-safe.
 */
public final class FieldRef {
  private final String name;
  private Fields fields;
  private int index = -1;
  /** The size of {@link #fields} when the name was not found in it. */
  private int sizeWhenAbsent = -1;

  public FieldRef(String name) {
    this.name = Objects.requireNonNull(name, "name");
  }

  /** As {@link Record#get(String)}: the single or first value, or null. */
  public String get(Record record) {
    int i = indexIn(record.fields());
    return i < 0 ? null : record.first(i);
  }

  /** As {@link Record#utf8(int)} for this field: also null when the field is absent. */
  public Record.Utf8 utf8(Record record) {
    int i = indexIn(record.fields());
    return i < 0 ? null : record.utf8(i);
  }

  /** As {@link Record#put(String, String)}: sets a single value; null removes the field. */
  public void put(Record record, String value) {
    record.set(addTo(record.fields()), value);
  }

  /** As {@link Record#put(String, long)}. */
  public void put(Record record, long value) {
    record.set(addTo(record.fields()), Record.number(value));
  }

  /**
   * The field's index in {@code f}, or -1 when absent; remembered. A command that calls this
   * once before a loop over records sharing {@code f} keeps the loop's lookups to one comparison
   * that always holds (and the JIT's code for the loop from being thrown away at the next chunk,
   * whose new Fields it would otherwise see first inside the loop).
   */
  public int indexIn(Fields f) {
    if (f != fields || (index < 0 && f.size() != sizeWhenAbsent)) {
      fields = f;
      index = f.indexOf(name);
      sizeWhenAbsent = index < 0 ? f.size() : -1;
    }
    return index;
  }

  private int addTo(Fields f) {
    int i = indexIn(f);
    if (i < 0) {
      i = f.add(name);
      index = i;
      sizeWhenAbsent = -1;
    }
    return i;
  }
}
