package io.ecd.protocol.codec;

import io.ecd.command.Fields;
import io.ecd.command.Options;
import io.ecd.command.Record;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes reply records as CSV: the header is the union of the records' fields (those with a value
 * in at least one record, in first-seen order), each followed by its {@code __mv_} column; rows end
 * in LF; a cell is quoted only when it holds a comma, quote, CR or LF (quotes doubled). A multivalue
 * field's display cell holds its values joined by LF.
 *
 * <p>Writes UTF-8 bytes straight into a buffer that is reused from one call to the next. Values a
 * command never touched are copied from the request body as they are ({@link Record#unchanged}).
 */
public final class BodyEncoder {
  private static final byte[] NO_BYTES = new byte[0];

  private static final int CACHE_SIZE = 256;
  private static final int CACHED_CHARS = 64;

  private byte[] buf = NO_BYTES;
  // encoded forms of recently written short values, by identity
  private final String[] cachedStrings = new String[CACHE_SIZE];
  private final byte[][] cachedBytes = new byte[CACHE_SIZE][];
  private int len;

  /**
   * The encoded body; only the first {@code length} bytes of {@code bytes} count. The array is the
   * encoder's buffer: it is valid until the encoder's next {@link #encode} call.
   */
  public record Body(byte[] bytes, int length) {
    static final Body EMPTY = new Body(new byte[0], 0);
  }

  /** Encodes {@code records}; no records give an empty body. */
  public Body encode(List<Record> records) {
    if (records.isEmpty()) {
      return Body.EMPTY;
    }
    List<String> columns = columns(records);
    if (columns.isEmpty()) {
      return Body.EMPTY;
    }
    len = 0;
    ensure(64 + records.size() * 16);
    for (int c = 0; c < columns.size(); c++) {
      if (c > 0) {
        put((byte) ',');
      }
      string(columns.get(c));
      put((byte) ',');
      string(BodyDecoder.MV_PREFIX + columns.get(c));
    }
    put((byte) '\n');
    Map<Fields, int[]> slots = new IdentityHashMap<>();
    Fields lastFields = null;
    int[] slot = null;
    StringBuilder scratch = new StringBuilder();
    for (Record r : records) {
      if (r.fields() != lastFields) {
        lastFields = r.fields();
        slot = slots.computeIfAbsent(lastFields, f -> slotsOf(f, columns));
      }
      for (int c = 0; c < slot.length; c++) {
        if (c > 0) {
          put((byte) ',');
        }
        int i = slot[c];
        if (i < 0) {
          put((byte) ',');
          continue;
        }
        Record.Wire wire = r.unchanged(i);
        if (wire instanceof BodyDecoder.WireRow row) {
          int s = row.span(i);
          if (s < 0 || !copyCell(row.chunk, s, r, i)) {
            put((byte) ',');
            continue;
          }
          put((byte) ',');
        } else if (r.isNull(i)) {
          put((byte) ',');
        } else if (r.isMultivalue(i)) {
          List<String> values = r.all(i);
          string(String.join("\n", values));
          put((byte) ',');
          scratch.setLength(0);
          Multivalue.encode(values, scratch);
          string(scratch, 0);
        } else {
          string(r.first(i));
          put((byte) ',');
        }
      }
      put((byte) '\n');
    }
    return new Body(buf, len);
  }

  /**
   * Writes a cell still in its request form: the bytes between the quotes as they are (a quoted
   * cell's content already has its quotes doubled). False when the cell is empty (null).
   */
  private boolean copyCell(BodyDecoder.Chunk chunk, int span, Record r, int i) {
    byte[] b = chunk.body;
    int start = chunk.spans[span];
    int end = chunk.spans[span + 1];
    if (start == end) {
      return false;
    }
    boolean quoted = start > 0 && b[start - 1] == '"';
    boolean special = BodyDecoder.needsQuotes(b, start, end);
    if (special && !quoted) {
      // a loose quote in an unquoted cell: it needs doubling
      string(r.first(i));
      return true;
    }
    int n = end - start;
    ensure(n + 2);
    if (special) {
      buf[len++] = '"';
    }
    System.arraycopy(b, start, buf, len, n);
    len += n;
    if (special) {
      buf[len++] = '"';
    }
    return true;
  }

  private static List<String> columns(List<Record> records) {
    Set<String> seen = new LinkedHashSet<>();
    // per Fields: slots not seen with a value yet, and how many
    Map<Fields, boolean[]> done = new IdentityHashMap<>();
    Map<Fields, int[]> left = new IdentityHashMap<>();
    Fields lastFields = null;
    boolean[] lastDone = null;
    int[] lastLeft = null;
    for (Record r : records) {
      Fields f = r.fields();
      if (f != lastFields) {
        lastFields = f;
        lastDone = done.get(f);
        if (lastDone == null || lastDone.length < f.size()) {
          lastDone = lastDone == null ? new boolean[f.size()] : Arrays.copyOf(lastDone, f.size());
          done.put(f, lastDone);
          int[] count = left.computeIfAbsent(f, k -> new int[1]);
          count[0] = 0;
          for (boolean d : lastDone) {
            count[0] += d ? 0 : 1;
          }
        }
        lastLeft = left.get(f);
      }
      if (lastLeft[0] == 0) {
        continue;
      }
      for (int i = 0; i < lastDone.length; i++) {
        if (!lastDone[i] && !r.isNull(i)) {
          lastDone[i] = true;
          lastLeft[0]--;
          if (seen.add(f.name(i))) {
            checkName(f.name(i));
          }
        }
      }
    }
    return new ArrayList<>(seen);
  }

  /** A name splunkd would read back as another field cannot be sent. */
  private static void checkName(String name) {
    if (name.isEmpty()
        || (name.startsWith(BodyDecoder.MV_PREFIX) && name.length() > BodyDecoder.MV_PREFIX.length())) {
      throw new CodecException("reply field " + Options.quote(name) + " cannot be sent: field names must"
          + " not be empty nor start with " + BodyDecoder.MV_PREFIX + ", which marks multivalue columns");
    }
  }

  private static int[] slotsOf(Fields fields, List<String> columns) {
    int[] slot = new int[columns.size()];
    for (int c = 0; c < slot.length; c++) {
      slot[c] = fields.indexOf(columns.get(c));
    }
    return slot;
  }

  /**
   * Writes {@code v} as a cell: UTF-8, quoted only when it holds {@code , " CR LF}. Short values
   * seen twice (the same String object, such as a command's constants) are kept encoded.
   */
  private void string(String v) {
    int n = v.length();
    if (n <= CACHED_CHARS) {
      int h = System.identityHashCode(v) & (CACHE_SIZE - 1);
      if (cachedStrings[h] == v) {
        byte[] bytes = cachedBytes[h];
        if (bytes != null) {
          ensure(bytes.length);
          System.arraycopy(bytes, 0, buf, len, bytes.length);
          len += bytes.length;
          return;
        }
        int from = len;
        encode(v);
        cachedBytes[h] = Arrays.copyOfRange(buf, from, len);
        return;
      }
      cachedStrings[h] = v;
      cachedBytes[h] = null;
    }
    encode(v);
  }

  private void encode(String v) {
    int n = v.length();
    ensure(n * 3 + 2); // worst case: 3 bytes per char, or a doubled quote, and the quotes
    byte[] out = buf;
    int at = len;
    // the common case in one pass: ASCII without characters that need quoting
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
        string(v, i);
        return;
      }
      out[at++] = (byte) c;
    }
    len = at;
  }

  /** Writes {@code v} as a cell; its first {@code plain} chars are ASCII that needs no quoting. */
  private void string(CharSequence v, int plain) {
    int n = v.length();
    boolean quote = false;
    for (int i = plain; i < n; i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    ensure(n * 3 + 2);
    byte[] out = buf;
    int at = len;
    if (quote) {
      out[at++] = '"';
    }
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c < 0x80) {
        if (c == '"') {
          out[at++] = '"';
        }
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        int cp = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(v.charAt(i + 1))
            ? Character.toCodePoint(c, v.charAt(++i)) : -1;
        if (cp < 0) {
          out[at++] = '?'; // as String.getBytes(UTF_8) replaces an unpaired surrogate
        } else {
          out[at++] = (byte) (0xf0 | (cp >> 18));
          out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          out[at++] = (byte) (0x80 | (cp & 0x3f));
        }
      } else {
        out[at++] = (byte) (0xe0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    if (quote) {
      out[at++] = '"';
    }
    len = at;
  }

  private void put(byte x) {
    if (len == buf.length) {
      ensure(1);
    }
    buf[len++] = x;
  }

  private void ensure(int more) {
    long need = (long) len + more;
    if (need <= buf.length) {
      return;
    }
    if (need > Integer.MAX_VALUE - 16) {
      throw new CodecException("reply body would exceed " + (Integer.MAX_VALUE - 16)
          + " bytes; lower maxresultrows for this search");
    }
    long grown = Math.max(need, Math.min((long) Integer.MAX_VALUE - 16, (long) buf.length * 2));
    buf = Arrays.copyOf(buf, (int) Math.max(grown, 1 << 16));
  }
}
