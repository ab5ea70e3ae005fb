package io.ecd.protocol.codec;

import io.ecd.command.Fields;
import io.ecd.command.Options;
import io.ecd.command.Record;
import io.ecd.command.RecordWork;
import io.ecd.protocol.frame.Frame;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

/**
 * Decodes a chunk body: UTF-8 CSV whose first row names the fields, followed by one {@code __mv_<f>}
 * column per multivalue-capable field. A non-empty {@code __mv_f} cell ({@code $a$;$b$$c$}) wins over
 * the display value in {@code f}. Empty cells are null.
 *
 * <p>The body is parsed in one pass over its bytes (each row checked as UTF-8 as it is read). Single
 * values stay in the body as byte spans and are decoded to a String only when a command reads them
 * ({@link Record.Wire}); {@link BodyEncoder} copies the others through as bytes. The dialect is
 * RFC 4180 as splunkd writes it: {@code ,} separates, {@code "} quotes a cell that starts with it
 * ({@code ""} inside is one quote), rows end in LF, CR LF or CR; a quote inside an unquoted cell is
 * a plain character.
 */
public final class BodyDecoder {
  static final String MV_PREFIX = "__mv_";
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long ONES = 0x0101010101010101L;
  /** Byte k (from the top) holds k: see {@link #byteIndex}. */
  private static final long BYTE_INDEXES = 0x0001020304050607L;
  private static final long QUOTES = 0x2222222222222222L;
  private static final long COMMAS = 0x2c2c2c2c2c2c2c2cL;
  private static final long LFS = 0x0a0a0a0a0a0a0a0aL;
  private static final long CRS = 0x0d0d0d0d0d0d0d0dL;
  private static final long LOW_SEVEN = 0x7f7f7f7f7f7f7f7fL;

  private final int maxFieldChars;
  private final int maxFields;
  /** Large bodies are read as two halves at once. */
  private final boolean halves;
  /** Span arrays of retired bodies, per part, for the next body to reuse. */
  private final int[][] spareSpans = new int[2][];
  private final int[][] spareRowSpans = new int[2][];
  /**
   * Cells a new parser makes room for: one more than the widest header decoded so far, so that
   * the row loop never grows its arrays (which throws its compiled code away). Read and written by
   * the calling thread only.
   */
  private int cellCapacity = 16;
  /**
   * The body whose first part is being read on the other thread while the rest arrives ({@link
   * #arrived}), or one found unfit for that; read and written by the calling thread only.
   */
  private Early early;
  /**
   * A large body is split at the first LF past its middle, unless a split there was found inside a
   * quoted cell: from then on this search's bodies are split where the quotes before it balance.
   */
  private boolean splitByQuotes;
  /** Done on each record as soon as it is read, or null; set by the calling thread only. */
  private RecordWork work;

  /**
   * A large body's first part, read on the other thread: {@code task} gives its rows from {@code
   * from} (just after the header) to the first row that starts past {@code mid}; null when the
   * body is unfit for reading in parts.
   */
  private record Early(Frame frame, Header header, int from, int mid, ForkJoinTask<Part> task) {}

  /** A part of a body read alone: its records, and where it starts and ends. */
  private record Part(List<Record> records, int start, int end) {}

  /**
   * @param maxFieldChars longest single value accepted, in chars
   * @param maxFields most columns accepted in a header
   */
  public BodyDecoder(int maxFieldChars, int maxFields) {
    this(maxFieldChars, maxFields, Halves.available());
  }

  /** With {@code halves} false, every body is read in one pass (tests compare both ways). */
  BodyDecoder(int maxFieldChars, int maxFields, boolean halves) {
    this.maxFieldChars = maxFieldChars;
    this.maxFields = maxFields;
    this.halves = halves;
  }

  /** Defaults: values up to 64 Mi chars, up to 10,000 columns. */
  public BodyDecoder() {
    this(64 << 20, 10_000);
  }

  /**
   * From now on, {@code work} (or nothing, when null) is done on each record right after its row
   * is read: prepared on the calling thread once a body's header is read, then applied on lane 0
   * to the rows of a body's first part (on the other thread when the body is read in two parts)
   * and on lane 1 to those of its second. A record decoded again is worked on again; every record
   * {@link #decode} returns has had it done exactly once.
   */
  public void work(RecordWork work) {
    this.work = work;
  }

  /** The longest single value accepted, in chars. */
  int maxFieldChars() {
    return maxFieldChars;
  }

  /** True once a split at the first LF past the middle was found inside a quoted cell. */
  boolean splitsByCountingQuotes() {
    return splitByQuotes;
  }

  /** Decodes the body of {@code frame} into records, in order. */
  public List<Record> decode(Frame frame) {
    int length = frame.bodyLength();
    Early started = early;
    early = null;
    if (started != null && started.frame() != frame) {
      drop(started);
      started = null;
    }
    if (length == 0) {
      return new ArrayList<>();
    }
    if (halves && length >= Halves.MIN_BYTES) {
      List<Record> records = decodeInParts(frame, started);
      if (records != null) {
        return records;
      }
    }
    try {
      return new Parser(frame, 0, length, cellCapacity).records();
    } catch (CodecException e) {
      // each row is checked as it is read: a body that is not UTF-8 past a malformed row is still
      // reported as not UTF-8, as when the whole body was checked before reading it
      checkUtf8(frame, 0, length);
      throw e;
    }
  }

  /**
   * For {@link io.ecd.protocol.frame.FrameReader#watchBodies}: once five eighths of a large body
   * have arrived, its first part is read on the other thread while the calling thread reads the
   * rest. {@link #decode} of the same frame then reads the second part and joins the first.
   */
  public void arrived(Frame frame, int bytes) {
    int length = frame.bodyLength();
    if (!halves || length < Halves.MIN_BYTES) {
      return;
    }
    if (early != null) {
      if (early.frame() == frame) {
        return; // started already, or found unfit
      }
      drop(early);
      early = null;
    }
    if (bytes >= length - length / 8 - length / 4) { // five eighths
      early = start(frame, bytes);
    }
  }

  /** Waits for a first part nobody will take (its body was never decoded), and lets it go. */
  private static void drop(Early started) {
    if (started.task() != null) {
      started.task().quietlyJoin();
    }
  }

  /**
   * Reads the header of {@code frame}'s body from its first {@code bound} bytes and starts reading
   * the first part on the other thread; unfit (a null task) when the header does not end, cleanly
   * and valid, within them, or the middle is not among them.
   */
  private Early start(Frame frame, int bound) {
    int n = frame.bodyLength();
    Parser first = new Parser(frame, 0, bound, cellCapacity);
    Header header;
    try {
      header = first.header();
      if (header != null && first.pos == bound && bound < n) {
        header = null;
      }
    } catch (CodecException e) {
      header = null;
    }
    int from = first.pos;
    int mid = middle(from, n);
    if (header == null || mid >= bound) {
      return new Early(frame, null, 0, 0, null);
    }
    int cells = cellCapacity;
    Header h = header;
    ForkJoinTask<Part> task = Halves.fork(() -> {
      Parser p = new Parser(frame, from, bound, cells);
      List<Record> records = p.rows(h, 0, mid);
      return p.endedCleanly(p.pos) ? new Part(records, from, p.pos) : null;
    });
    return new Early(frame, header, from, mid, task);
  }

  /**
   * Decodes a large body as two parts at once, split at the first row that starts past the
   * middle. The other thread reads rows from the start until it passes the middle, begun by
   * {@link #arrived} while the body was still arriving, or now. The calling thread reads from the
   * split to the end: the row after the first LF past the middle, or, once that guess has been
   * wrong in this search, where the quotes before an LF balance ({@link #splitPoint}). When the
   * parts do not meet there, the rest is read again from where the first part ended. Null when the
   * parts cannot stand for the whole (a quote inside an unquoted cell; a part did not end cleanly)
   * or either failed: the caller then reads the body in one pass, which gives the records or the
   * error a single pass gives.
   */
  private List<Record> decodeInParts(Frame frame, Early started) {
    int n = frame.bodyLength();
    Early e = started != null && started.task() != null ? started : start(frame, n);
    if (e.task() == null) {
      return null;
    }
    byte[] b = frame.body();
    int split = splitByQuotes ? splitPoint(b, e.from(), n) : nextRow(b, e.mid(), n);
    Part second;
    try {
      second = split < 0 ? null : rest(frame, e.header(), split);
    } finally {
      e.task().quietlyJoin();
    }
    Part first = Halves.join(e.task());
    if (first == null) {
      return null;
    }
    if (second == null || second.start() != first.end()) {
      if (split >= 0 && split != first.end()) {
        splitByQuotes = true;
      } else if (split >= 0) {
        return null; // the second part failed where the first part ended: a real error
      }
      second = first.end() == n ? new Part(List.of(), n, n) : rest(frame, e.header(), first.end());
      if (second == null) {
        return null;
      }
    }
    List<Record> records = new ArrayList<>(first.records().size() + second.records().size());
    records.addAll(first.records());
    records.addAll(second.records());
    return records;
  }

  /** The rows from {@code from}, a row's start, to the end; null when they do not read alone. */
  private Part rest(Frame frame, Header header, int from) {
    int n = frame.bodyLength();
    try {
      Parser p = new Parser(frame, from, n, cellCapacity);
      List<Record> records = p.rows(header, 1, n);
      return p.endedCleanly(n) ? new Part(records, from, n) : null;
    } catch (CodecException e) {
      return null;
    }
  }

  /** The middle of the rows in {@code [from, n)}: the first part reads rows starting up to it. */
  private static int middle(int from, int n) {
    return from + (n - from) / 2;
  }

  /** Just after the first LF at or after {@code mid} and before the last byte, or -1. */
  static int nextRow(byte[] b, int mid, int n) {
    for (int i = mid; i < n - 1; i++) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * Marks the body {@code records} were decoded from as gone: its buffer is about to hold the next
   * chunk ({@link io.ecd.protocol.frame.FrameReader#recycleBodies}). A record still in its wire form
   * that is read after this fails loudly instead of reading the next chunk's bytes.
   */
  public void retire(List<Record> records) {
    for (Record r : records) {
      if (r.wire() instanceof WireRow row) {
        Header header = row.chunk.header;
        header.current = false;
        for (Chunk c : header.chunks) {
          if (c != null) {
            spareSpans[c.part] = c.spans;
            spareRowSpans[c.part] = c.rowSpans;
          }
        }
        return;
      }
    }
  }

  /**
   * A spare array of at least {@code size} ints for {@code part}, taken from {@code spares}, or a
   * new one with an eighth to spare, so that the next, slightly larger body can reuse it. Each
   * part is only ever used by one thread at a time.
   */
  private static int[] spare(int[][] spares, int part, int size) {
    int[] a = spares[part];
    spares[part] = null;
    return a != null && a.length >= size ? a
        : new int[(int) Math.min(Integer.MAX_VALUE - 16, size + (long) size / 8)];
  }

  /**
   * The start of the first row past the middle of {@code b[from, n)}: the offset just after the
   * first LF at or after the middle that has an even number of quotes between {@code from} and
   * it, or -1 (none, or at the very end). Where every quote in the body opens or closes a quoted
   * cell, that is where a parser reading rows from {@code from} first starts a row past the
   * middle.
   */
  static int splitPoint(byte[] b, int from, int n) {
    int mid = middle(from, n);
    long quotes = countQuotes(b, from, mid);
    for (int i = mid; i < n - 1; i++) {
      byte c = b[i];
      if (c == '"') {
        quotes++;
      } else if (c == '\n' && (quotes & 1) == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /** The number of quote bytes in {@code b[from, to)}, eight bytes at a time. */
  static long countQuotes(byte[] b, int from, int to) {
    long count = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ QUOTES;
      // exact: the high bit of every byte of x that is zero
      long t = ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
      count += Long.bitCount(t);
    }
    for (; i < to; i++) {
      if (b[i] == '"') {
        count++;
      }
    }
    return count;
  }

  /** One pass over one body. */
  private final class Parser {
    private final Frame frame;
    private final byte[] b;
    /** The end of the range read: the body's end, or a row boundary when the body is read in parts. */
    private final int n;
    private int pos;
    /** Body offset where the quote of a cell not closed before the end opened, or -1. */
    private int unclosedQuote = -1;
    /** A quote seen inside an unquoted cell: the body's quotes may not balance. */
    private boolean looseQuote;
    /** Where the row being read starts, and the one before it (the header: 0). */
    private int currentRowStart;
    private int previousRowStart;
    /** Where the row last read ends: its line terminator, or the body's end. */
    private int rowEnd;
    /** The row last read has a quote inside an unquoted cell. */
    private boolean rowLoose;

    // the row being read: start and end offsets of each cell's content
    private int[] cellStart;
    private int[] cellEnd;
    private int cells;

    // the rows read by rows(): their chunk, the spans of their display cells and of each row
    private Chunk chunk;
    private int[] spans;
    private int[] rowSpans;
    private int used;
    private int row;

    /**
     * A parser of the rows in {@code [from, to)}; {@code from} starts a row. It makes room for
     * {@code cells} cells per row, and more when a row has more.
     */
    Parser(Frame frame, int from, int to, int cells) {
      this.cellStart = new int[cells];
      this.cellEnd = new int[cells];
      this.frame = frame;
      this.b = frame.body();
      this.n = to;
      this.pos = from;
      this.currentRowStart = from;
      this.previousRowStart = from;
    }

    /**
     * True when the rows read ended exactly at {@code end}, after a line terminator, with every
     * quote closed and none inside an unquoted cell: a part read alone reads as in a whole body.
     */
    boolean endedCleanly(int end) {
      return pos == end && unclosedQuote < 0 && !looseQuote && end > 0
          && (end == frame.bodyLength() || b[end - 1] == '\n');
    }

    /** Reads the header row; null when the body has none. */
    Header header() {
      int rowStart = pos;
      if (!readRow()) {
        return null;
      }
      checkUtf8(frame, rowStart, pos);
      cellCapacity = Math.max(cellCapacity, cells + 1); // on the calling thread: see cellCapacity
      Header header = new Header(b, frame.bodyLength(), layout(rowStart), rowEnd);
      if (work != null) {
        work.prepare(header.fields);
      }
      return header;
    }

    /** Every record of a whole body. */
    List<Record> records() {
      Header header = header();
      if (header == null) {
        return new ArrayList<>();
      }
      List<Record> records = rows(header, 0, n);
      if (unclosedQuote >= 0 || looseQuote) {
        checkClosedQuote();
      }
      return records;
    }

    /**
     * The records of the rows from here to the end of this parser's range, or up to the first row
     * that starts past {@code startsUpTo}; {@code part} (0 or 1) picks the recycled span arrays to
     * use.
     */
    List<Record> rows(Header header, int part, int startsUpTo) {
      int width = header.displayColumns.length;
      // spans of the display cells of every row: start, end
      int expectedRows = Math.max(1, Math.min(estimateRows(Math.min(n, startsUpTo)), 1 << 20));
      spans = spare(spareSpans, part, Math.max(16, expectedRows * width * 2));
      rowSpans = spare(spareRowSpans, part, 2 * expectedRows);
      used = 0;
      row = 0;
      chunk = new Chunk(header, part);
      chunk.spans = spans;
      chunk.rowSpans = rowSpans;
      header.chunks[part] = chunk;
      List<Record> records = new ArrayList<>(expectedRows);
      RecordWork w = work;
      if (w == null) {
        while (pos < n && pos <= startsUpTo) {
          records.add(nextRecord(header));
        }
      } else {
        // each record is worked on while its row is still in the cache
        while (pos < n && pos <= startsUpTo) {
          Record record = nextRecord(header);
          w.apply(record, part);
          records.add(record);
        }
      }
      chunk.rows = row;
      return records;
    }

    /**
     * Reads the next row as a record of {@code chunk}. A method per row, not the body of the loop
     * in {@link #rows}: the JIT compiles it as a method, which stays compiled from one body to the
     * next, where a loop compiled while running ("on stack") is thrown away when it first ends.
     */
    private Record nextRecord(Header header) {
      int rowStart = pos;
      int columns = header.columnSlots.length;
      int width = header.displayColumns.length;
      readRow();
      // the row's bytes are checked while they are in the cache, by a call per row that the JIT
      // compiles after a few hundred rows (a pass over the whole body ran interpreted)
      checkUtf8(frame, rowStart, pos);
      if (cells != columns) {
        throw ragged(rowStart, columns);
      }
      if (rowEnd - rowStart > maxFieldChars) {
        // only a row longer than the limit can hold a cell over it (a char takes a byte or more)
        checkLengths(rowStart, columns);
      }
      // the chunk's arrays are kept current: a record may be read as soon as it is made
      if (used + 2 * width > spans.length) {
        spans = Arrays.copyOf(spans, Math.max(spans.length * 2, used + 2 * width));
        chunk.spans = spans;
      }
      if (2 * row + 2 > rowSpans.length) {
        rowSpans = Arrays.copyOf(rowSpans, rowSpans.length * 2);
        chunk.rowSpans = rowSpans;
      }
      rowSpans[2 * row] = rowStart;
      rowSpans[2 * row + 1] = rowLoose ? -1 : rowEnd;
      // fields in locals for the loops (see readRow)
      int[] display = header.displayColumns;
      int[] to = spans;
      int at = used;
      int[] starts = cellStart;
      int[] ends = cellEnd;
      for (int k = 0; k < width; k++) {
        int c = display[k];
        to[at + 2 * k] = starts[c];
        to[at + 2 * k + 1] = ends[c];
      }
      Record record = new Record(header.fields, new WireRow(chunk, at, row));
      used = at + 2 * width;
      row++;
      int[] slot = header.columnSlots;
      for (int c : header.multivalueColumns) {
        if (ends[c] > starts[c]) {
          String cell = text(starts[c], ends[c]);
          record.setAll(slot[c], Multivalue.decode(cell, frame, lineOf(rowStart), c + 1));
        }
      }
      record.settle();
      return record;
    }

    /**
     * Rows expected from here to {@code to}, from the length of the rows in the next 64 KiB:
     * bodies are mostly rows of similar size.
     */
    private int estimateRows(int to) {
      int lines = 0;
      // sample the first 64 KiB for the mean row length
      int limit = Math.min(n, pos + (64 << 10));
      for (int i = pos; i < limit; i++) {
        if (b[i] == '\n') {
          lines++;
        }
      }
      if (lines == 0) {
        return 1;
      }
      long perRow = Math.max(1, (limit - pos) / lines);
      // a quarter more: rows further on may be shorter than the sample's, and growing the span
      // arrays mid-body also throws away the compiled loop that assumed they never grow
      long rows = Math.max(0, to - pos) / perRow;
      return (int) Math.min(Integer.MAX_VALUE / 64, rows + rows / 4 + 16);
    }

    /**
     * Reads one row into cellStart/cellEnd; false at the end of the body. The position, the bytes
     * and the cell arrays are kept in locals while the row is read: C1 (the launcher's compiler)
     * loads and stores a field at every use, in the loop over each byte of an unquoted cell too.
     */
    private boolean readRow() {
      int p = pos;
      int limit = n;
      byte[] bytes = b;
      if (p >= limit) {
        return false;
      }
      previousRowStart = currentRowStart;
      currentRowStart = p;
      int[] starts = cellStart;
      int[] ends = cellEnd;
      int count = 0;
      boolean loose = false;
      while (true) {
        int start;
        int end;
        if (p >= limit) {
          // after a comma as the body's last byte: an empty last cell
          start = limit;
          end = limit;
        } else if (bytes[p] == '"') {
          int open = p;
          start = p + 1;
          int quote = closingQuote(bytes, start, limit);
          if (quote >= limit) {
            end = limit;
            p = limit;
            unclosedQuote = open;
          } else if (quote + 1 < limit && bytes[quote + 1] == '"') {
            // "" as the body's last bytes: a closing quote and a stray one (as FastCSV reads it);
            // the quotes do not balance, which is reported once the rows are read
            end = quote;
            p = limit;
            unclosedQuote = open;
          } else {
            end = quote;
            p = quote + 1;
          }
          if (p < limit) {
            byte c = bytes[p];
            if (c != ',' && c != '\n' && c != '\r') {
              pos = p;
              throw afterClosingQuote(p);
            }
          }
        } else {
          start = p;
          while (p < limit) {
            byte c = bytes[p];
            if (c == ',' || c == '\n' || c == '\r') {
              break;
            }
            if (c == '"') {
              loose = true;
            }
            p++;
          }
          end = p;
        }
        if (count == starts.length) {
          growCells();
          starts = cellStart;
          ends = cellEnd;
        }
        starts[count] = start;
        ends[count] = end;
        count++;
        if (p >= limit) {
          rowEnd = limit;
          break;
        }
        byte c = bytes[p++];
        if (c == ',') {
          continue;
        }
        rowEnd = p - 1;
        if (c == '\r' && p < limit && bytes[p] == '\n') {
          p++;
        }
        break;
      }
      pos = p;
      cells = count;
      rowLoose = loose;
      if (loose) {
        looseQuote = true;
      }
      return true;
    }

    private void growCells() {
      cellStart = Arrays.copyOf(cellStart, cellStart.length * 2);
      cellEnd = Arrays.copyOf(cellEnd, cellEnd.length * 2);
    }

    private Layout layout(int headerStart) {
      int count = cells;
      if (count > maxFields) {
        throw new CodecException(frame.position() + ": body header has " + count
            + " columns, more than the limit of " + maxFields + " (ECD_MAX_FIELDS)");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      int[] slot = new int[count];
      boolean[] multivalue = new boolean[count];
      Fields fields = new Fields();
      for (int c = 0; c < count; c++) {
        String name = text(cellStart[c], cellEnd[c]);
        if (name.isEmpty()) {
          throw new CodecException(frame.position() + ": body header column " + (c + 1)
              + " has an empty field name (byte " + frame.bodyOffset() + ")");
        }
        if (!names.add(name)) {
          throw new CodecException(frame.position() + ": body header names field "
              + Options.quote(name) + " twice (byte " + frame.bodyOffset() + ")");
        }
        if (name.startsWith(MV_PREFIX) && name.length() > MV_PREFIX.length()) {
          multivalue[c] = true;
          slot[c] = fields.add(name.substring(MV_PREFIX.length()));
        } else {
          slot[c] = fields.add(name);
        }
      }
      int displays = 0;
      for (boolean mv : multivalue) {
        displays += mv ? 0 : 1;
      }
      int[] displayColumns = new int[displays];
      int[] multivalueColumns = new int[count - displays];
      int d = 0;
      int m = 0;
      for (int c = 0; c < count; c++) {
        if (multivalue[c]) {
          multivalueColumns[m++] = c;
        } else {
          displayColumns[d++] = c;
        }
      }
      // slot -> index among the display columns, or -1 when the field has only an __mv_ column
      int[] displaySlots = new int[fields.size()];
      Arrays.fill(displaySlots, -1);
      for (int k = 0; k < displays; k++) {
        displaySlots[slot[displayColumns[k]]] = k;
      }
      // paired: every field has both its display and its __mv_ column, as splunkd sends them
      boolean paired = 2 * fields.size() == count;
      for (int k = 0; paired && k < displaySlots.length; k++) {
        paired = displaySlots[k] >= 0;
      }
      return new Layout(fields, slot, multivalue, displayColumns, multivalueColumns, displaySlots,
          paired);
    }

    /** The cell content in {@code [start, end)} with quotes undoubled, as a String. */
    private String text(int start, int end) {
      return Chunk.decode(b, start, end);
    }

    /**
     * The line number, from 1, of body offset {@code at}, counted as FastCSV counts them (and as
     * messages have always given them): LF, CR LF and CR each end a line, inside quotes too.
     */
    private long lineAt(int at) {
      long line = 1;
      for (int i = 0; i < at; i++) {
        if (b[i] == '\n') {
          line++;
        } else if (b[i] == '\r') {
          line++;
          if (i + 1 < at && b[i + 1] == '\n') {
            i++;
          }
        }
      }
      return line;
    }

    private java.util.function.LongSupplier lineOf(int at) {
      return () -> lineAt(at);
    }

    private CodecException ragged(int rowStart, int columns) {
      long line = lineAt(rowStart);
      if (rowStart >= n || b[rowStart] == '\n' || b[rowStart] == '\r') {
        // an empty line: a row of one empty cell
        return new CodecException(frame.position() + ": body row at line " + line + " (byte "
            + (frame.bodyOffset() + lineOffset(b, n, line)) + ") has " + cells
            + " cells but the header has " + columns
            + "; expected every row to have as many cells as the header");
      }
      return notCsv("Record " + line + " has " + cells
          + " fields, but first record had " + columns + " fields");
    }

    /** Checks every cell of the row just read that may be over the cap ({@link #checkLength}). */
    private void checkLengths(int rowStart, int columns) {
      for (int c = 0; c < columns; c++) {
        if (cellEnd[c] - cellStart[c] > maxFieldChars) {
          checkLength(rowStart, c);
        }
      }
    }

    /** A value longer than the cap (in chars, as Java counts them) is an error. */
    private void checkLength(int rowStart, int c) {
      int chars = text(cellStart[c], cellEnd[c]).length();
      if (chars > maxFieldChars) {
        throw new CodecException(frame.position() + ": body line " + lineAt(rowStart) + ", column "
            + (c + 1) + ": a value of " + chars + " chars, more than the limit of " + maxFieldChars
            + " (ECD_MAX_VALUE_CHARS)");
      }
    }

    private CodecException afterClosingQuote(int at) {
      int cp = Character.codePointAt(Chunk.decode(b, at, Math.min(n, at + 4)), 0);
      char c = Character.isBmpCodePoint(cp) ? (char) cp : Character.highSurrogate(cp);
      return notCsv("Unexpected character after closing quote: '" + c + "' (0x"
          + Integer.toHexString(c) + ") (record starting at line " + lineAt(currentRowStart) + ")");
    }

    /** The row that could not be read is said to be near the line after the last good row's start. */
    private CodecException notCsv(String why) {
      long line = lineAt(previousRowStart) + 1;
      long at = lineOffset(b, n, line);
      String root = Options.quote(why); // as the message of the parser used before
      root = root.substring(1, root.length() - 1);
      return new CodecException(frame.position() + ": body row near line " + line
          + " (byte " + (frame.bodyOffset() + at) + ") is not valid CSV: " + root
          + "; expected every row to have as many cells as the header, and quotes to be balanced");
    }

    /** Every quote toggles "inside quotes"; one left open at the end is an error. */
    private void checkClosedQuote() {
      boolean inQuotes = false;
      int opened = -1;
      for (int i = 0; i < n; i++) {
        if (b[i] == '"') {
          inQuotes = !inQuotes;
          if (inQuotes) {
            opened = i;
          }
        }
      }
      if (inQuotes) {
        throw new CodecException(frame.position() + ": body has a quote opened at byte "
            + (frame.bodyOffset() + opened) + " that is never closed; expected a closing '\"'");
      }
    }
  }

  /**
   * The header of a body: column {@code c} holds field slot {@code slot[c]}, its display value or
   * (when {@code multivalue[c]}) its {@code __mv_} cell.
   */
  private record Layout(Fields fields, int[] slot, boolean[] multivalue, int[] displayColumns,
      int[] multivalueColumns, int[] displaySlots, boolean paired) {}

  /** The header of one body: what a reply needs to keep the request's columns. */
  static final class Header {
    /** The body: its first {@code bodyLength} bytes. */
    final byte[] body;
    final int bodyLength;
    /** False once the body's buffer may hold another chunk: reading a value is then a bug. */
    boolean current = true;
    /** The chunks of its rows: one per part read. */
    final Chunk[] chunks = new Chunk[2];
    /** The fields of the header, shared by the records (commands may add more after them). */
    final Fields fields;
    /** How many fields the header has: slots below this came with the rows. */
    final int headerFields;
    /** Where the header row ends (its line terminator). */
    final int headerEnd;
    /** Header column to field slot, and whether it is the slot's {@code __mv_} column. */
    final int[] columnSlots;
    final boolean[] isMultivalueColumn;
    /** The header columns that hold display values, and those that hold {@code __mv_} cells. */
    final int[] displayColumns;
    final int[] multivalueColumns;
    /** Every field has a display and an {@code __mv_} column: a reply can keep this header. */
    final boolean paired;
    /** Field slot to its column among the display columns, or -1. */
    final int[] displaySlots;

    /** How many rows were read from the body: those of its chunks. */
    int rows() {
      int n = 0;
      for (Chunk c : chunks) {
        if (c != null) {
          n += c.rows;
        }
      }
      return n;
    }

    private Header(byte[] body, int bodyLength, Layout layout, int headerEnd) {
      this.body = body;
      this.bodyLength = bodyLength;
      this.fields = layout.fields();
      this.headerFields = layout.fields().size();
      this.headerEnd = headerEnd;
      this.columnSlots = layout.slot();
      this.isMultivalueColumn = layout.multivalue();
      this.displayColumns = layout.displayColumns();
      this.multivalueColumns = layout.multivalueColumns();
      this.paired = layout.paired();
      this.displaySlots = layout.displaySlots();
    }
  }

  /** The cell spans of a run of rows of one body (all of them, or one part), shared by their records. */
  static final class Chunk {
    final Header header;
    final byte[] body;
    final int[] displaySlots;
    int[] spans;
    /** Per row: where it starts, and where it ends or -1 when it cannot be copied as it is. */
    int[] rowSpans;

    /** Which recycled span arrays it uses: 0 or 1. */
    final int part;
    /** How many rows it holds, once they are read. */
    int rows;

    Chunk(Header header, int part) {
      this.header = header;
      this.part = part;
      this.body = header.body;
      this.displaySlots = header.displaySlots;
    }

    /** The content of a cell as a String: quoted cells have their doubled quotes undoubled. */
    static String decode(byte[] b, int start, int end) {
      String text = new String(b, start, end - start, StandardCharsets.UTF_8);
      return hasDoubledQuotes(b, start, end) ? text.replace("\"\"", "\"") : text;
    }

    /**
     * True when the cell whose content is {@code b[start, end)} is quoted and holds a quote (which
     * the quoting doubled): its bytes are then not its value as they stand.
     */
    static boolean hasDoubledQuotes(byte[] b, int start, int end) {
      return start > 0 && b[start - 1] == '"' && hasQuote(b, start, end);
    }
  }

  /** One row of a {@link Chunk}: its display cells, decoded on demand. */
  static final class WireRow implements Record.Wire {
    final Chunk chunk;
    /** Index of the row's first span in {@code chunk.spans}. */
    final int base;
    /** The row's number in the body, from 0 (the header not counted). */
    final int row;

    WireRow(Chunk chunk, int base, int row) {
      this.chunk = chunk;
      this.base = base;
      this.row = row;
    }

    private void checkCurrent() {
      if (!chunk.header.current) {
        throw new IllegalStateException("a record was read after the chunk it came in: its body"
            + " buffer holds a later chunk now; a command that keeps records past execute() must"
            + " detach() them");
      }
    }

    /** Where the row starts in the body. */
    int rowStart() {
      return chunk.rowSpans[2 * row];
    }

    /** Where the row ends (its line terminator), or -1 when it must not be copied as it is. */
    int rowEnd() {
      return chunk.rowSpans[2 * row + 1];
    }

    @Override
    public int size() {
      return chunk.displaySlots.length;
    }

    /** The span index of slot {@code i}, or -1 when the field has no display column. */
    int span(int i) {
      int k = chunk.displaySlots[i];
      return k < 0 ? -1 : base + 2 * k;
    }

    @Override
    public boolean isNull(int i) {
      checkCurrent();
      int s = span(i);
      return s < 0 || chunk.spans[s] == chunk.spans[s + 1];
    }

    @Override
    public String value(int i) {
      checkCurrent();
      int s = span(i);
      if (s < 0) {
        return null;
      }
      int start = chunk.spans[s];
      int end = chunk.spans[s + 1];
      return start == end ? null : Chunk.decode(chunk.body, start, end);
    }

    /** The cell's bytes, unless it is empty or a quoted cell holding a (doubled) quote. */
    @Override
    public Record.Utf8 utf8(int i) {
      checkCurrent();
      int s = span(i);
      if (s < 0) {
        return null;
      }
      byte[] b = chunk.body;
      int start = chunk.spans[s];
      int end = chunk.spans[s + 1];
      if (start == end || Chunk.hasDoubledQuotes(b, start, end)) {
        return null;
      }
      return new Record.Utf8(b, start, end);
    }
  }

  /**
   * Checks {@code body[from, to)} is UTF-8, 32 and then eight bytes at a time while they are ASCII;
   * {@code from} and {@code to} do not split a character (0, the body's end, or just after a LF).
   */
  private static void checkUtf8(Frame frame, int from, int to) {
    byte[] b = frame.body();
    int n = to;
    int i = from;
    while (i < n) {
      while (i + 32 <= n && (((long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8)
          | (long) LONGS.get(b, i + 16) | (long) LONGS.get(b, i + 24)) & HIGH_BITS) == 0) {
        i += 32;
      }
      while (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
      }
      while (i < n && b[i] >= 0) {
        i++;
      }
      if (i == n) {
        return;
      }
      int next = utf8Sequence(b, i, frame.bodyLength());
      if (next < 0) {
        throw new CodecException(frame.position() + ": body is not valid UTF-8 at byte "
            + (frame.bodyOffset() + i) + " (offset " + i + " in the body)");
      }
      i = next;
    }
  }

  /** The offset after the UTF-8 sequence that starts at {@code i}, or -1 when it is not valid. */
  private static int utf8Sequence(byte[] b, int i, int end) {
    int c = b[i] & 0xff;
    int extra;
    int min;
    if (c < 0x80) {
      return i + 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else {
      return -1;
    }
    int cp = c & (0x3f >> extra);
    for (int k = 1; k <= extra; k++) {
      if (i + k >= end || (b[i + k] & 0xc0) != 0x80) {
        return -1;
      }
      cp = (cp << 6) | (b[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return -1;
    }
    return i + extra + 1;
  }

  /**
   * Where the quoted cell whose content starts at {@code from} ends: the offset of its closing
   * quote, or {@code n} when no quote closes it. Doubled quotes ({@code ""}, a quote in the
   * value) are skipped, except as the body's last two bytes: there the first is returned (the
   * caller reads a closing quote and a stray one, as FastCSV does). All the quotes of an 8-byte
   * word are taken from one load: a cell of JSON holds a doubled quote every few bytes.
   */
  static int closingQuote(byte[] b, int from, int n) {
    int i = from;
    words:
    while (i + 8 <= n) {
      long x = (long) LONGS.get(b, i) ^ QUOTES;
      // exactly the quote bytes' high bits (no borrow from one byte into the next)
      long quotes = ~(((x & LOW_SEVEN) + LOW_SEVEN) | x | LOW_SEVEN);
      while (quotes != 0) {
        long first = quotes & -quotes;
        int at = i + byteIndex(first);
        if (first == Long.MIN_VALUE) {
          // the word's last byte: the next byte decides
          if (at + 2 < n && b[at + 1] == '"') {
            i = at + 2;
            continue words;
          }
          return at;
        }
        if ((quotes & first << 8) == 0 || at + 2 == n) {
          return at;
        }
        quotes &= quotes - 1;
        quotes &= quotes - 1;
      }
      i += 8;
    }
    for (; i < n; i++) {
      if (b[i] == '"') {
        if (i + 2 < n && b[i + 1] == '"') {
          i++;
          continue;
        }
        return i;
      }
    }
    return n;
  }

  /**
   * The index (0 to 7) of the byte whose high bit is the one bit of {@code highBit}: a multiply,
   * where C1 (the launcher's compiler) calls {@code Long.numberOfTrailingZeros} as a method.
   */
  private static int byteIndex(long highBit) {
    return (int) ((highBit >>> 7) * BYTE_INDEXES >>> 56);
  }

  /** True when {@code b[from, to)} holds a byte that needs quoting in a cell: , " CR LF. */
  static boolean needsQuotes(byte[] b, int from, int to) {
    int i = from;
    while (i + 8 <= to) {
      long v = (long) LONGS.get(b, i);
      if ((zeroBytes(v ^ COMMAS) | zeroBytes(v ^ QUOTES) | zeroBytes(v ^ LFS) | zeroBytes(v ^ CRS)) != 0) {
        return true;
      }
      i += 8;
    }
    for (; i < to; i++) {
      byte x = b[i];
      if (x == ',' || x == '"' || x == '\n' || x == '\r') {
        return true;
      }
    }
    return false;
  }

  /** True when {@code b[from, to)} holds a quote, eight bytes at a time. */
  static boolean hasQuote(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      if (zeroBytes((long) LONGS.get(b, i) ^ QUOTES) != 0) {
        return true;
      }
    }
    for (; i < to; i++) {
      if (b[i] == '"') {
        return true;
      }
    }
    return false;
  }

  /** Non-zero when a byte of {@code x} is zero (exactly: the lowest flagged byte is the first). */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGH_BITS;
  }

  /** The byte offset where physical line {@code line} (from 1) starts, or the body's end. */
  static long lineOffset(byte[] body, int length, long line) {
    long current = 1;
    for (int i = 0; i < length; i++) {
      if (current >= line) {
        return i;
      }
      if (body[i] == '\n') {
        current++;
      }
    }
    return length;
  }
}
