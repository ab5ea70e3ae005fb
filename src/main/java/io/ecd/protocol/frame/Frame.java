package io.ecd.protocol.frame;

/**
 * One chunk as read: its metadata and body bytes, and where it stood in the input.
 *
 * @param index the frame's number in the stream, from 1
 * @param offset the byte offset of its header in the stream
 * @param headerLength the header's length in bytes, newline included
 * @param metadata the metadata bytes (UTF-8 JSON)
 * @param body the body bytes (UTF-8 CSV), possibly empty: the first {@code bodyLength} bytes of
 *     the array; a reader that {@linkplain FrameReader#recycleBodies() recycles} its body buffer
 *     hands out a longer array
 * @param bodyLength the body's length in bytes
 */
public record Frame(int index, long offset, int headerLength, byte[] metadata, byte[] body,
    int bodyLength) {

  public Frame {
    if (bodyLength < 0 || bodyLength > body.length) {
      throw new IllegalArgumentException("body length " + bodyLength + " outside the array of "
          + body.length + " bytes");
    }
  }

  /** A frame whose body is the whole array. */
  public Frame(int index, long offset, int headerLength, byte[] metadata, byte[] body) {
    this(index, offset, headerLength, metadata, body, body.length);
  }

  /** The byte offset of the first metadata byte in the stream. */
  public long metadataOffset() {
    return offset + headerLength;
  }

  /** The byte offset of the first body byte in the stream. */
  public long bodyOffset() {
    return metadataOffset() + metadata.length;
  }

  /** Where this frame starts, as error messages say it. */
  public String position() {
    return "frame " + index + " at byte " + offset;
  }
}
