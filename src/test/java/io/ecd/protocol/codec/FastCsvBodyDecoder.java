package io.ecd.protocol.codec;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import io.ecd.command.Fields;
import io.ecd.command.Options;
import io.ecd.command.Record;
import io.ecd.protocol.frame.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body decoder as it was built on FastCSV (whole body decoded to a String, every cell a
 * String), with its input caps and messages: the reference that {@link BodyDecoder} is checked
 * against, and the baseline of the codec benchmark in {@code benchmarks/}.
 */
public final class FastCsvBodyDecoder {
  static final String MV_PREFIX = BodyDecoder.MV_PREFIX;

  private final int maxFieldChars;
  private final int maxFields;

  /**
   * @param maxFieldChars longest single value accepted, in chars
   * @param maxFields most columns accepted in a header
   */
  public FastCsvBodyDecoder(int maxFieldChars, int maxFields) {
    this.maxFieldChars = maxFieldChars;
    this.maxFields = maxFields;
  }

  /** Defaults: values up to 64 Mi chars, up to 10,000 columns. */
  public FastCsvBodyDecoder() {
    this(64 << 20, 10_000);
  }

  /** Decodes the body of {@code frame} into records, in order. */
  public List<Record> decode(Frame frame) {
    byte[] body = frame.body();
    if (body.length == 0) {
      return new ArrayList<>();
    }
    String text = utf8(frame);
    CsvReader<CsvRecord> reader = CsvReader.builder()
        .fieldSeparator(',')
        .quoteCharacter('"')
        .commentStrategy(CommentStrategy.NONE)
        .skipEmptyLines(false)
        .extraFieldStrategy(FieldMismatchStrategy.STRICT)
        .missingFieldStrategy(FieldMismatchStrategy.STRICT)
        .allowExtraCharsAfterClosingQuote(false)
        .allowUnclosedQuote(true) // reported below with its byte offset
        .maxBufferSize(maxFieldChars)
        .ofCsvRecord(text);
    List<Record> records = new ArrayList<>();
    long line = 1;
    try (reader) {
      var rows = reader.iterator();
      if (!rows.hasNext()) {
        return records;
      }
      CsvRecord headerRow = rows.next();
      Layout layout = layout(frame, headerRow);
      while (rows.hasNext()) {
        CsvRecord row = rows.next();
        line = row.getStartingLineNumber();
        if (row.getFieldCount() != layout.slot().length) { // the parser lets an empty line through
          throw new CodecException(frame.position() + ": body row at line " + line + " (byte "
              + (frame.bodyOffset() + lineOffset(body, line)) + ") has " + row.getFieldCount()
              + " cells but the header has " + layout.slot().length
              + "; expected every row to have as many cells as the header");
        }
        records.add(layout.record(frame, row));
      }
      checkClosedQuote(frame, text);
    } catch (CsvParseException e) {
      long at = lineOffset(body, line + 1);
      String root = Options.quote(rootMessage(e)); // the parser may quote the offending char
      root = root.substring(1, root.length() - 1);
      String expected = root.contains("maximum buffer size")
          ? "expected no value longer than " + maxFieldChars + " chars (ECD_MAX_VALUE_CHARS)"
              + " and every quote closed"
          : "expected every row to have as many cells as the header, and quotes to be balanced";
      throw new CodecException(frame.position() + ": body row near line " + (line + 1)
          + " (byte " + (frame.bodyOffset() + at) + ") is not valid CSV: " + root + "; " + expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return records;
  }

  private Layout layout(Frame frame, CsvRecord header) {
    int n = header.getFieldCount();
    if (n > maxFields) {
      throw new CodecException(frame.position() + ": body header has " + n
          + " columns, more than the limit of " + maxFields + " (ECD_MAX_FIELDS)");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    int[] slot = new int[n];
    boolean[] multivalue = new boolean[n];
    Fields fields = new Fields();
    for (int c = 0; c < n; c++) {
      String name = header.getField(c);
      if (name.isEmpty()) {
        throw new CodecException(frame.position() + ": body header column " + (c + 1)
            + " has an empty field name (byte " + frame.bodyOffset() + ")");
      }
      if (!names.add(name)) {
        throw new CodecException(frame.position() + ": body header names field " + Options.quote(name)
            + " twice (byte " + frame.bodyOffset() + ")");
      }
      if (name.startsWith(MV_PREFIX) && name.length() > MV_PREFIX.length()) {
        multivalue[c] = true;
        slot[c] = fields.add(name.substring(MV_PREFIX.length()));
      } else {
        slot[c] = fields.add(name);
      }
    }
    return new Layout(fields, slot, multivalue, maxFieldChars);
  }

  private record Layout(Fields fields, int[] slot, boolean[] multivalue, int maxChars) {
    Record record(Frame frame, CsvRecord row) {
      Record record = new Record(fields);
      int n = slot.length;
      // display values first, so that a non-empty __mv_ cell (later or earlier) wins
      for (int c = 0; c < n; c++) {
        if (row.getField(c).length() > maxChars) {
          throw new CodecException(frame.position() + ": body line " + row.getStartingLineNumber()
              + ", column " + (c + 1) + ": a value of " + row.getField(c).length()
              + " chars, more than the limit of " + maxChars + " (ECD_MAX_VALUE_CHARS)");
        }
        if (!multivalue[c]) {
          String v = row.getField(c);
          if (!v.isEmpty() && record.isNull(slot[c])) {
            record.set(slot[c], v);
          }
        }
      }
      for (int c = 0; c < n; c++) {
        if (multivalue[c]) {
          String v = row.getField(c);
          if (!v.isEmpty()) {
            record.setAll(slot[c], Multivalue.decode(v, frame, row.getStartingLineNumber(), c + 1));
          }
        }
      }
      return record;
    }
  }

  /** FastCSV accepts an unterminated quoted field at the very end; splunkd never sends one. */
  private static void checkClosedQuote(Frame frame, String text) {
    boolean inQuotes = false;
    int opened = -1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        inQuotes = !inQuotes;
        if (inQuotes) {
          opened = i;
        }
      }
    }
    if (inQuotes) {
      long at = frame.body().length == text.length()
          ? opened : text.substring(0, opened).getBytes(StandardCharsets.UTF_8).length;
      throw new CodecException(frame.position() + ": body has a quote opened at byte "
          + (frame.bodyOffset() + at) + " that is never closed; expected a closing '\"'");
    }
  }

  private static String utf8(Frame frame) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(frame.body()))
          .toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(frame.body());
      throw new CodecException(frame.position() + ": body is not valid UTF-8 at byte "
          + (frame.bodyOffset() + bad) + " (offset " + bad + " in the body)");
    }
  }

  /** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
  static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int extra;
      int min;
      if (c < 0x80) {
        i++;
        continue;
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
        return i;
      }
      int cp = c & (0x3f >> extra);
      for (int k = 1; k <= extra; k++) {
        if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (b[i + k] & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return i;
      }
      i += extra + 1;
    }
    return b.length;
  }

  /** The byte offset where physical line {@code line} (from 1) starts, or the body's end. */
  static long lineOffset(byte[] body, long line) {
    long current = 1;
    for (int i = 0; i < body.length; i++) {
      if (current >= line) {
        return i;
      }
      if (body[i] == '\n') {
        current++;
      }
    }
    return body.length;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
