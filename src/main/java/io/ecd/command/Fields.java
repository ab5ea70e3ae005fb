package io.ecd.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The field names records of one chunk share, in first-seen order. Append-only: a field a command
 * adds to one record is added here and is absent (null) in the others until they set it.
 */
public final class Fields {
  private final List<String> names;
  private final Map<String, Integer> index;

  public Fields() {
    this.names = new ArrayList<>();
    this.index = new HashMap<>();
  }

  /** Fields with these names, in this order; duplicates are an error. */
  public static Fields of(List<String> names) {
    Fields fields = new Fields();
    for (String name : names) {
      if (fields.indexOf(name) >= 0) {
        throw new IllegalArgumentException("duplicate field name: " + name);
      }
      fields.add(name);
    }
    return fields;
  }

  /** The number of fields. */
  public int size() {
    return names.size();
  }

  /** The name at {@code i}. */
  public String name(int i) {
    return names.get(i);
  }

  /** The index of {@code name}, or -1. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** The index of {@code name}, added at the end when new. */
  public int add(String name) {
    Integer i = index.get(name);
    if (i != null) {
      return i;
    }
    int next = names.size();
    names.add(name);
    index.put(name, next);
    return next;
  }

  /** An unmodifiable view of the names. */
  public List<String> names() {
    return java.util.Collections.unmodifiableList(names);
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
