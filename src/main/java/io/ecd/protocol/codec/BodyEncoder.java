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
 * <p>When every record was decoded from one request body (a streaming command's reply) whose header
 * pairs each field with its {@code __mv_} column, as splunkd's do, the reply keeps that header and
 * appends the fields the command added; a row the command did not change is then copied as it
 * arrived, whole ({@link Record#changedSinceSettled}), followed by its added fields.
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
  /** Encodes the second half of large replies. */
  private BodyEncoder partner;
  /** Large replies are encoded as two halves at once. */
  private final boolean halves;

  public BodyEncoder() {
    this(Halves.available());
  }

  /** With {@code halves} false, every reply is encoded in one pass (tests compare both ways). */
  BodyEncoder(boolean halves) {
    this.halves = halves;
  }

  /**
   * The encoded body: the first {@code headLength} bytes of {@code head}, then the first {@code
   * tailLength} of {@code tail} (the second half of a reply encoded in two halves; else empty). The
   * arrays are the encoder's buffers: they are valid until the encoder's next {@link #encode} call.
   */
  public record Body(byte[] head, int headLength, byte[] tail, int tailLength) {
    static final Body EMPTY = new Body(NO_BYTES, 0);

    Body(byte[] bytes, int length) {
      this(bytes, length, NO_BYTES, 0);
    }

    /** The body's size in bytes. */
    public int length() {
      return headLength + tailLength;
    }

    /** The body as one new array. */
    public byte[] toByteArray() {
      byte[] all = Arrays.copyOf(head, length());
      System.arraycopy(tail, 0, all, headLength, tailLength);
      return all;
    }
  }

  /** Encodes {@code records}; no records give an empty body. */
  public Body encode(List<Record> records) {
    if (records.isEmpty()) {
      return Body.EMPTY;
    }
    BodyDecoder.Header request = pairedRequest(records.get(0));
    if (request != null) {
      Body body = encodeAsRequest(request, records);
      if (body != null) {
        return body;
      }
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
        if (i >= 0) {
          display(r, i);
        }
        put((byte) ',');
        if (i >= 0) {
          multivalue(r, i, scratch);
        }
      }
      put((byte) '\n');
    }
    return new Body(buf, len);
  }

  /**
   * The header of the request body {@code first} was decoded from, when it pairs every field with
   * its {@code __mv_} column; else null.
   */
  private static BodyDecoder.Header pairedRequest(Record first) {
    return first.wire() instanceof BodyDecoder.WireRow row && row.chunk.header.paired
        ? row.chunk.header : null;
  }

  /**
   * Encodes records that share the fields of {@code request}: its header as it came, then a
   * display and an {@code __mv_} column per field added since with a value in some record. The
   * rows of a large reply are written as two halves at once ({@link Halves}). Null when a record
   * has fields of its own (the caller then encodes them from their fields).
   */
  private Body encodeAsRequest(BodyDecoder.Header request, List<Record> records) {
    Fields fields = request.fields;
    int[] added = addedSlots(records, fields, request.headerFields, fields.size());
    if (added == null) {
      return null;
    }
    int mid = records.size() / 2;
    boolean inHalves = halves && request.bodyLength >= Halves.MIN_BYTES && mid > 0;
    // the request's row bytes in the share of its rows replied (all of them, or the few kept by a
    // filtering command), and a quarter more for the added fields
    int rows = Math.max(1, request.rows());
    long rowBytes = (long) (request.bodyLength - request.headerEnd) * Math.min(records.size(), rows) / rows;
    long expected = rowBytes + rowBytes / 4;
    len = 0;
    reserve(request.headerEnd + (inHalves ? expected / 2 : expected));
    System.arraycopy(request.body, 0, buf, 0, request.headerEnd);
    len = request.headerEnd;
    for (int i : added) {
      String name = fields.name(i);
      checkName(name);
      put((byte) ',');
      string(name);
      put((byte) ',');
      string(BodyDecoder.MV_PREFIX + name);
    }
    put((byte) '\n');
    int rowsFrom = len;
    if (inHalves) {
      if (partner == null) {
        partner = new BodyEncoder(false);
      }
      BodyEncoder second = partner;
      List<Integer> ends = Halves.both(
          () -> rows(request, added, records.subList(0, mid)),
          () -> {
            second.len = 0;
            second.reserve(expected / 2);
            return second.rows(request, added, records.subList(mid, records.size()));
          });
      if (ends != null) {
        return ends.get(0) < 0 || ends.get(1) < 0 ? null : new Body(buf, len, second.buf, second.len);
      }
      len = rowsFrom; // a half failed: one pass gives its error
    }
    return rows(request, added, records) < 0 ? null : new Body(buf, len);
  }

  /**
   * Writes the rows of {@link #encodeAsRequest} at the end of the buffer; gives its length, or -1
   * when a record does not have the request's fields.
   */
  private int rows(BodyDecoder.Header request, int[] added, List<Record> records) {
    StringBuilder scratch = new StringBuilder();
    for (int k = 0, n = records.size(); k < n; k++) {
      if (!row(request, added, records.get(k), scratch)) {
        return -1;
      }
    }
    return len;
  }

  /**
   * Writes the row of {@code r}, a record with the fields of {@code request} (else false): as it
   * arrived when the command did not change it, then its {@code added} fields. A method per
   * record, not the body of the loop in {@link #rows}: the JIT compiles it after a few hundred
   * records, where the loop ran interpreted through the whole of the first reply.
   */
  private boolean row(BodyDecoder.Header request, int[] added, Record r, StringBuilder scratch) {
    if (r.fields() != request.fields) {
      return false;
    }
    int end;
    if (!r.changedSinceSettled() && r.wire() instanceof BodyDecoder.WireRow row
        && row.chunk.header == request && (end = row.rowEnd()) >= 0) {
      int start = row.rowStart();
      int n = end - start;
      ensure(n + 1);
      System.arraycopy(request.body, start, buf, len, n);
      len += n;
    } else {
      int[] columnSlots = request.columnSlots;
      boolean[] mvColumn = request.isMultivalueColumn;
      for (int c = 0; c < columnSlots.length; c++) {
        if (c > 0) {
          put((byte) ',');
        }
        if (mvColumn[c]) {
          multivalue(r, columnSlots[c], scratch);
        } else {
          display(r, columnSlots[c]);
        }
      }
    }
    for (int i : added) {
      put((byte) ',');
      String single = r.singleValueSet(i);
      if (single != null) {
        // the common case (a command's one value) in one call: an empty __mv_ cell follows it
        string(single);
        put((byte) ',');
        continue;
      }
      display(r, i);
      put((byte) ',');
      multivalue(r, i, scratch);
    }
    put((byte) '\n');
    return true;
  }

  /**
   * The slots in {@code [from, to)} with a value in at least one record, in order; null when a
   * record looked at has other fields than {@code fields}.
   */
  private static int[] addedSlots(List<Record> records, Fields fields, int from, int to) {
    boolean[] seen = new boolean[Math.max(0, to - from)];
    int left = seen.length;
    for (int k = 0; k < records.size() && left > 0; k++) {
      Record r = records.get(k);
      if (r.fields() != fields) {
        return null;
      }
      for (int i = from; i < to; i++) {
        if (!seen[i - from] && !r.isNull(i)) {
          seen[i - from] = true;
          left--;
        }
      }
    }
    int[] slots = new int[seen.length - left];
    int n = 0;
    for (int i = 0; i < seen.length; i++) {
      if (seen[i]) {
        slots[n++] = from + i;
      }
    }
    return slots;
  }

  /** Writes the display cell of slot {@code i}: the value, multivalues joined by LF, or nothing. */
  private void display(Record r, int i) {
    Record.Wire wire = r.unchanged(i);
    if (wire instanceof BodyDecoder.WireRow row) {
      int s = row.span(i);
      if (s >= 0) {
        copyCell(row.chunk, s, r, i);
      }
    } else {
      String first = r.first(i); // null when absent
      if (first != null) {
        string(r.isMultivalue(i) ? String.join("\n", r.all(i)) : first);
      }
    }
  }

  /** Writes the {@code __mv_} cell of slot {@code i}: empty unless it holds several values. */
  private void multivalue(Record r, int i, StringBuilder scratch) {
    if (r.isMultivalue(i)) {
      scratch.setLength(0);
      Multivalue.encode(r.all(i), scratch);
      string(scratch, 0);
    }
  }

  /**
   * Writes a cell still in its request form: the bytes between the quotes as they are (a quoted
   * cell's content already has its quotes doubled); nothing when it is empty (null).
   */
  private void copyCell(BodyDecoder.Chunk chunk, int span, Record r, int i) {
    byte[] b = chunk.body;
    int start = chunk.spans[span];
    int end = chunk.spans[span + 1];
    if (start == end) {
      return;
    }
    boolean quoted = start > 0 && b[start - 1] == '"';
    boolean special = BodyDecoder.needsQuotes(b, start, end);
    if (special && !quoted) {
      // a loose quote in an unquoted cell: it needs doubling
      string(r.first(i));
      return;
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

  /**
   * Makes room for a reply of about {@code size} bytes in an empty buffer, with an eighth to spare:
   * replies of one search differ a little in size, and doubling for a slightly larger one would
   * keep a buffer twice the size needed.
   */
  private void reserve(long size) {
    if (buf.length < size) {
      buf = NO_BYTES; // let the old buffer go before the larger one is allocated
      buf = new byte[(int) Math.min(Integer.MAX_VALUE - 16, size + size / 8)];
    }
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
