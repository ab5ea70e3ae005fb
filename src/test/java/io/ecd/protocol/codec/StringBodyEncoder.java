package io.ecd.protocol.codec;

import io.ecd.command.Fields;
import io.ecd.command.Record;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body encoder as it was before the byte-level one (a StringBuilder, then one UTF-8 conversion
 * of the whole body): the baseline of the codec benchmark in {@code benchmarks/}. Encodes reply
 * records as CSV: the header is the union of the records' fields (those with a value
 * in at least one record, in first-seen order), each followed by its {@code __mv_} column; rows end
 * in LF; a cell is quoted only when it holds a comma, quote, CR or LF (quotes doubled). A multivalue
 * field's display cell holds its values joined by LF.
 */
public final class StringBodyEncoder {

  /** Encodes {@code records}; no records give an empty body. */
  public BodyEncoder.Body encode(List<Record> records) {
    if (records.isEmpty()) {
      return new BodyEncoder.Body(new byte[0], 0);
    }
    List<String> columns = columns(records);
    if (columns.isEmpty()) {
      return new BodyEncoder.Body(new byte[0], 0);
    }
    StringBuilder text = new StringBuilder(records.size() * 64);
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) {
        text.append(',');
      }
      cell(columns.get(c), text);
      text.append(',');
      cell(BodyDecoder.MV_PREFIX + columns.get(c), text);
    }
    text.append('\n');
    Map<Fields, int[]> slots = new IdentityHashMap<>();
    StringBuilder scratch = new StringBuilder();
    for (Record r : records) {
      int[] slot = slots.computeIfAbsent(r.fields(), f -> slotsOf(f, columns));
      for (int c = 0; c < slot.length; c++) {
        if (c > 0) {
          text.append(',');
        }
        int i = slot[c];
        if (i < 0 || r.isNull(i)) {
          text.append(',');
        } else if (r.isMultivalue(i)) {
          List<String> values = r.all(i);
          cell(String.join("\n", values), text);
          text.append(',');
          scratch.setLength(0);
          Multivalue.encode(values, scratch);
          cell(scratch, text);
        } else {
          cell(r.first(i), text);
          text.append(',');
        }
      }
      text.append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    return new BodyEncoder.Body(bytes, bytes.length);
  }

  private static List<String> columns(List<Record> records) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Record r : records) {
      Fields f = r.fields();
      for (int i = 0; i < f.size(); i++) {
        if (!r.isNull(i) && seen.putIfAbsent(f.name(i), Boolean.TRUE) == null
            && (f.name(i).isEmpty() || (f.name(i).startsWith(BodyDecoder.MV_PREFIX)
                && f.name(i).length() > BodyDecoder.MV_PREFIX.length()))) {
          throw new CodecException("reply field " + io.ecd.command.Options.quote(f.name(i))
              + " cannot be sent: field names must not be empty nor start with "
              + BodyDecoder.MV_PREFIX + ", which marks multivalue columns");
        }
      }
    }
    return new ArrayList<>(seen.keySet());
  }

  private static int[] slotsOf(Fields fields, List<String> columns) {
    int[] slot = new int[columns.size()];
    for (int c = 0; c < slot.length; c++) {
      slot[c] = fields.indexOf(columns.get(c));
    }
    return slot;
  }

  private static void cell(CharSequence v, StringBuilder out) {
    boolean quote = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      out.append(v);
      return;
    }
    out.append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
  }
}
