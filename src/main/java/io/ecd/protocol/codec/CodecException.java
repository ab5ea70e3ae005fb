package io.ecd.protocol.codec;

/**
 * The codec layer's one exception: metadata that is not the expected JSON, or a body that is not
 * splunkd's CSV. Its message names the frame and the byte offset (and row, for bodies) and says what
 * was expected.
 */
public class CodecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
