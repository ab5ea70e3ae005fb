package io.ecd.protocol.codec;

import io.ecd.command.Options;
import io.ecd.protocol.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** The {@code __mv_} cell encoding: each value in {@code $...$}, {@code $} doubled, joined by {@code ;}. */
final class Multivalue {
  private Multivalue() {}

  static String[] decode(String cell, Frame frame, long line, int column) {
    return decode(cell, frame, () -> line, column);
  }

  /** Decodes a cell; {@code line} (for messages) is only asked for when the cell is malformed. */
  static String[] decode(String cell, Frame frame, LongSupplier line, int column) {
    List<String> values = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = cell.length();
    while (i < n) {
      if (cell.charAt(i) != '$') {
        throw bad(cell, frame, line, column, i, "'$' opening a value");
      }
      i++;
      current.setLength(0);
      boolean closed = false;
      while (i < n) {
        char c = cell.charAt(i);
        if (c == '$') {
          if (i + 1 < n && cell.charAt(i + 1) == '$') {
            current.append('$');
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        current.append(c);
        i++;
      }
      if (!closed) {
        throw bad(cell, frame, line, column, n, "'$' closing a value");
      }
      values.add(current.toString());
      if (i < n) {
        if (cell.charAt(i) != ';') {
          throw bad(cell, frame, line, column, i, "';' between values");
        }
        i++;
        if (i == n) {
          throw bad(cell, frame, line, column, i, "a value after ';'");
        }
      }
    }
    return values.toArray(new String[0]);
  }

  static void encode(List<String> values, StringBuilder out) {
    for (int k = 0; k < values.size(); k++) {
      if (k > 0) {
        out.append(';');
      }
      out.append('$');
      String v = values.get(k);
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '$') {
          out.append('$');
        }
        out.append(c);
      }
      out.append('$');
    }
  }

  private static CodecException bad(
      String cell, Frame frame, LongSupplier lineOf, int column, int at, String expected) {
    long line = lineOf.getAsLong();
    return new CodecException(frame.position() + ": body line " + line + ", column " + column
        + ": malformed multivalue cell " + Options.quote(cell) + " at char " + at
        + "; expected " + expected + " ($a$;$b$ with $ doubled inside values)");
  }
}
