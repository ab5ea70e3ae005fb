package io.ecd.protocol.frame;

/**
 * The frame layer's one exception: a stream that is not a well-formed sequence of chunks. Its
 * message starts with the frame number and byte offset and says what was expected.
 */
public class FrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int frame;
  private final long offset;

  public FrameException(int frame, long offset, String problem) {
    super("frame " + frame + " at byte " + offset + ": " + problem);
    this.frame = frame;
    this.offset = offset;
  }

  public FrameException(int frame, long offset, String problem, Throwable cause) {
    super("frame " + frame + " at byte " + offset + ": " + problem, cause);
    this.frame = frame;
    this.offset = offset;
  }

  /** The number of the frame at fault, from 1. */
  public int frame() {
    return frame;
  }

  /** The byte offset in the stream where the fault was found. */
  public long offset() {
    return offset;
  }
}
