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
    byte[] header = ("chunked 1.0," + metadata.length + "," + bodyLength + "\n")
        .getBytes(StandardCharsets.US_ASCII);
    try {
      out.write(header);
      out.write(metadata);
      for (int at = 0; at < bodyLength; at += FrameReader.IO_PIECE_BYTES) {
        out.write(body, at, Math.min(FrameReader.IO_PIECE_BYTES, bodyLength - at));
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("writing a reply frame failed (did splunkd close the pipe?)", e);
    }
  }

  /** Writes one frame with an empty body. */
  public void write(byte[] metadata) {
    write(metadata, new byte[0], 0);
  }
}
