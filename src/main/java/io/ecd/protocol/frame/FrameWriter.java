package io.ecd.protocol.frame;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes chunks: {@code chunked 1.0,<metadata bytes>,<body bytes>\n}, metadata, body, then flushes. */
public final class FrameWriter {
  private final OutputStream out;

  public FrameWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes one frame whose body is the first {@code bodyLength} bytes of {@code body}. */
  public void write(byte[] metadata, byte[] body, int bodyLength) {
    write(metadata, body, bodyLength, body, 0);
  }

  /**
   * Writes one frame whose body is the first {@code headLength} bytes of {@code head} followed by
   * the first {@code tailLength} bytes of {@code tail}.
   */
  public void write(byte[] metadata, byte[] head, int headLength, byte[] tail, int tailLength) {
    int bodyLength = Math.addExact(headLength, tailLength);
    byte[] header = ("chunked 1.0," + metadata.length + "," + bodyLength + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    try {
      out.write(header);
      out.write(metadata);
      writePieces(head, headLength);
      writePieces(tail, tailLength);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a reply frame failed (did splunkd close the pipe?)", e);
    }
  }

  private void writePieces(byte[] bytes, int length) throws IOException {
    for (int at = 0; at < length; at += FrameReader.IO_PIECE_BYTES) {
      out.write(bytes, at, Math.min(FrameReader.IO_PIECE_BYTES, length - at));
    }
  }

  /** Writes one frame with an empty body. */
  public void write(byte[] metadata) {
    write(metadata, new byte[0], 0);
  }
}
