package io.ecd.protocol.frame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads chunks: an ASCII header {@code chunked 1.0,<metadata length>,<body length>} ended by LF
 * (CR LF and blanks around the numbers are tolerated, as the reference SDK does), then exactly that
 * many metadata and body bytes. Lengths count bytes. Reads never rely on lines for the payload.
 */
public final class FrameReader {
  private static final byte[] MAGIC = "chunked".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION = "1.0".getBytes(StandardCharsets.US_ASCII);

  /** Metadata and bodies up to this size are read straight into an array of their size. */
  private static final int EXACT_READ_BYTES = 64 << 20;

  private final InputStream in;
  private final FrameLimits limits;
  private final byte[] header;
  private long position;
  private int frames;
  /** The body buffer handed out again and again, once {@link #recycleBodies} was called. */
  private byte[] recycled;
  private BodyWatcher watcher;

  /** Told, while a body is read, how much of it has arrived. */
  @FunctionalInterface
  public interface BodyWatcher {
    /**
     * The first {@code bytes} bytes of {@code frame}'s body have arrived and will not change; the
     * rest of the array is still being written, and must not be read before {@link #next} returns
     * {@code frame}. Called on the reading thread after each piece of a body but its last, with
     * the same {@code frame} that {@link #next} then returns.
     */
    void arrived(Frame frame, int bytes);
  }

  public FrameReader(InputStream in, FrameLimits limits) {
    this.in = in;
    this.limits = limits;
    this.header = new byte[limits.maxHeaderBytes()];
  }

  public FrameReader(InputStream in) {
    this(in, FrameLimits.DEFAULT);
  }

  /**
   * From now on, reads every body up to {@link #EXACT_READ_BYTES} into one buffer, grown as needed,
   * instead of a new array per frame: a frame's body is then valid only until the next call to
   * {@link #next}. Saves allocating (and the garbage collector copying) a body-sized array per
   * chunk.
   */
  public FrameReader recycleBodies() {
    if (recycled == null) {
      recycled = new byte[0];
    }
    return this;
  }

  /**
   * From now on, tells {@code watcher} how much of each body up to {@link #EXACT_READ_BYTES} has
   * arrived while it is read, so that work on its first part can start before the rest arrives.
   */
  public FrameReader watchBodies(BodyWatcher watcher) {
    this.watcher = watcher;
    return this;
  }

  /** The number of bytes consumed so far. */
  public long position() {
    return position;
  }

  /**
   * Reads the next frame.
   *
   * @return the frame, or {@code null} when the input ends cleanly before a header starts
   * @throws FrameException when the input is not a well-formed frame or ends inside one
   */
  public Frame next() {
    int index = frames + 1;
    long start = position;
    int n = readHeaderLine(index, start);
    if (n < 0) {
      return null;
    }
    frames = index;
    long[] lengths = parseHeader(index, start, n);
    if (lengths[0] > limits.maxMetadataBytes()) {
      throw new FrameException(index, start, "metadata length " + lengths[0]
          + " exceeds the limit of " + limits.maxMetadataBytes()
          + " bytes (ECD_MAX_METADATA_BYTES); the header is probably corrupt");
    }
    if (lengths[1] > limits.maxBodyBytes()) {
      throw new FrameException(index, start, "body length " + lengths[1]
          + " exceeds the limit of " + limits.maxBodyBytes()
          + " bytes; lower maxresultrows for this search or raise ECD_MAX_BODY_BYTES");
    }
    byte[] metadata = readExactly(index, (int) lengths[0], "metadata");
    int bodyLength = (int) lengths[1];
    if (bodyLength > EXACT_READ_BYTES) {
      byte[] body = readExactly(index, bodyLength, "body");
      return new Frame(index, start, n, metadata, body);
    }
    byte[] body;
    if (recycled == null) {
      body = allocate(index, position, "body", bodyLength, bodyLength);
    } else {
      if (recycled.length < bodyLength) {
        recycled = null; // let the old buffer go before the larger one is allocated
        // an eighth more: bodies of one search differ a little in size, and each larger one
        // would otherwise cost a new buffer
        recycled = allocate(index, position, "body", bodyLength,
            (int) Math.min(EXACT_READ_BYTES, bodyLength + (long) bodyLength / 8));
      }
      body = recycled;
    }
    Frame frame = new Frame(index, start, n, metadata, body, bodyLength);
    fill(index, bodyLength, "body", body, frame, watcher);
    return frame;
  }

  private int readHeaderLine(int index, long start) {
    int n = 0;
    while (true) {
      int b;
      try {
        b = in.read();
      } catch (IOException e) {
        throw new UncheckedIOException(
            "frame " + index + " at byte " + (start + n) + ": reading the header failed", e);
      }
      if (b < 0) {
        if (n == 0) {
          return -1;
        }
        throw new FrameException(index, start,
            "input ended inside the header after " + n + " bytes: " + show(header, n));
      }
      position++;
      if (n == header.length) {
        throw new FrameException(index, start, "header longer than " + header.length
            + " bytes (ECD_MAX_HEADER_BYTES) without a newline; expected"
            + " 'chunked 1.0,<metadata length>,<body length>\\n' but got " + show(header, n));
      }
      header[n++] = (byte) b;
      if (b == '\n') {
        return n;
      }
    }
  }

  /** Parses {@code chunked\s+1.0\s*,\s*(\d+)\s*,\s*(\d+)\s*\r?\n}. */
  private long[] parseHeader(int index, long start, int n) {
    int i = expect(MAGIC, 0, index, start, n);
    int afterMagic = i;
    i = blanks(i, n);
    if (i == afterMagic) {
      throw badHeader(index, start, n);
    }
    int afterVersion = expect(VERSION, i, index, start, n);
    if (afterVersion < 0) {
      throw new FrameException(index, start, "unsupported protocol version in header "
          + show(header, n) + "; expected 'chunked 1.0' (set chunked = true in commands.conf)");
    }
    i = blanks(afterVersion, n);
    long[] lengths = new long[2];
    for (int k = 0; k < 2; k++) {
      if (i >= n || header[i] != ',') {
        throw badHeader(index, start, n);
      }
      i = blanks(i + 1, n);
      int digits = i;
      long value = 0;
      while (i < n && header[i] >= '0' && header[i] <= '9') {
        value = value * 10 + (header[i] - '0');
        if (value > Integer.MAX_VALUE) {
          throw new FrameException(index, start, (k == 0 ? "metadata" : "body")
              + " length overflows in header " + show(header, n));
        }
        i++;
      }
      if (i == digits) {
        throw badHeader(index, start, n);
      }
      lengths[k] = value;
      i = blanks(i, n);
    }
    if (i < n - 1 && header[i] == '\r') {
      i++;
    }
    if (i != n - 1) {
      throw badHeader(index, start, n);
    }
    return lengths;
  }

  private int expect(byte[] token, int at, int index, long start, int n) {
    if (at + token.length > n) {
      if (token == MAGIC) {
        throw badHeader(index, start, n);
      }
      return -1;
    }
    for (int k = 0; k < token.length; k++) {
      if (header[at + k] != token[k]) {
        if (token == MAGIC) {
          throw badHeader(index, start, n);
        }
        return -1;
      }
    }
    return at + token.length;
  }

  private int blanks(int i, int n) {
    while (i < n && (header[i] == ' ' || header[i] == '\t')) {
      i++;
    }
    return i;
  }

  private FrameException badHeader(int index, long start, int n) {
    return new FrameException(index, start,
        "expected 'chunked 1.0,<metadata length>,<body length>\\n' but got " + show(header, n));
  }

  /**
   * Bodies are read (and written) in pieces of this size: the JDK's file streams copy through a
   * native buffer of the request's size, and a new 26 MB one per chunk costs a page fault per
   * 4 KiB, where one of this size is reused.
   */
  static final int IO_PIECE_BYTES = 1 << 20;

  /**
   * Reads {@code length} bytes into {@code bytes} in pieces, telling {@code watcher} (if any) of
   * {@code frame}'s bytes after every piece but the last.
   */
  private int readPieces(byte[] bytes, int length, Frame frame, BodyWatcher watcher)
      throws IOException {
    int got = 0;
    while (got < length) {
      int n = in.readNBytes(bytes, got, Math.min(length - got, IO_PIECE_BYTES));
      if (n == 0) {
        break;
      }
      got += n;
      if (watcher != null && got < length) {
        watcher.arrived(frame, got);
      }
    }
    return got;
  }

  /**
   * Reads exactly {@code length} bytes of a frame's {@code part} into a new array of that size (no
   * intermediate buffers); past {@link #EXACT_READ_BYTES} the array grows as bytes arrive, so that
   * a header declaring more than the input holds does not allocate it all.
   *
   * @return the array holding the bytes
   */
  private byte[] readExactly(int index, int length, String part) {
    long at = position;
    if (length <= EXACT_READ_BYTES) {
      byte[] bytes = allocate(index, at, part, length, length);
      fill(index, length, part, bytes, null, null);
      return bytes;
    }
    byte[] bytes;
    try {
      bytes = in.readNBytes(length);
    } catch (IOException e) {
      throw readFailed(index, at, part, e);
    } catch (OutOfMemoryError e) {
      throw tooLarge(index, at, part, length, e);
    }
    position += bytes.length;
    checkComplete(index, at, part, length, bytes.length);
    return bytes;
  }

  /** A new array of {@code capacity} bytes for {@code length} of them. */
  private static byte[] allocate(int index, long at, String part, int length, int capacity) {
    try {
      return new byte[Math.max(length, capacity)];
    } catch (OutOfMemoryError e) {
      throw tooLarge(index, at, part, length, e);
    }
  }

  /**
   * Reads exactly {@code length} bytes of frame {@code index}'s {@code part} into {@code bytes},
   * telling {@code watcher} (if any) how many of {@code frame}'s have arrived.
   */
  private void fill(int index, int length, String part, byte[] bytes, Frame frame,
      BodyWatcher watcher) {
    long at = position;
    int got;
    try {
      got = readPieces(bytes, length, frame, watcher);
    } catch (IOException e) {
      throw readFailed(index, at, part, e);
    }
    position += got;
    checkComplete(index, at, part, length, got);
  }

  private static UncheckedIOException readFailed(int index, long at, String part, IOException e) {
    return new UncheckedIOException("frame " + index + " at byte " + at + ": reading the " + part
        + " failed", e);
  }

  private static FrameException tooLarge(int index, long at, String part, int length,
      OutOfMemoryError e) {
    return new FrameException(index, at, part + " of " + length
        + " bytes does not fit in memory; raise the JVM heap (ECD_JAVA_OPTS) or lower the limit", e);
  }

  private static void checkComplete(int index, long at, String part, int length, int got) {
    if (got < length) {
      throw new FrameException(index, at, part + " declared " + length
          + " bytes but the input ended after " + got);
    }
  }

  /** The header bytes as a quoted, escaped string for messages. */
  static String show(byte[] bytes, int n) {
    StringBuilder b = new StringBuilder("'");
    int shown = Math.min(n, 64);
    for (int i = 0; i < shown; i++) {
      int c = bytes[i] & 0xff;
      if (c == '\n') {
        b.append("\\n");
      } else if (c == '\r') {
        b.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        b.append(String.format("\\x%02x", c));
      } else {
        b.append((char) c);
      }
    }
    if (n > shown) {
      b.append("...");
    }
    return b.append('\'').toString();
  }
}
