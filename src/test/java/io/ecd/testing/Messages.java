package io.ecd.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a message shown to the user is fit to read: bounded, escaped, no trace. */
public final class Messages {
  /** The longest error text a user should have to read. */
  public static final int MAX_CHARS = 1200;

  private static final java.util.regex.Pattern TRACE_LINE = java.util.regex.Pattern.compile(
      "at [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\((\\w+\\.java:\\d+|Native Method|Unknown Source)\\)");

  private Messages() {}

  /**
   * Asserts that {@code text} is at most {@link #MAX_CHARS} chars, holds no control character, no
   * unpaired surrogate, no bidirectional override and no stack trace.
   */
  public static void assertReadable(String text) {
    assertTrue(text != null && !text.isBlank(), "an empty message");
    assertTrue(text.length() <= MAX_CHARS, () -> "message of " + text.length() + " chars: "
        + text.substring(0, 200));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int at = i;
      assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f), () -> "control char at " + at + " in " + text);
      assertFalse((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069),
          () -> "bidi control at " + at + " in " + text);
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else {
        assertFalse(Character.isSurrogate(c), () -> "unpaired surrogate at " + at + " in " + text);
      }
    }
    assertFalse(TRACE_LINE.matcher(text).find(), () -> "a stack trace: " + text);
  }

  /** Asserts {@link #assertReadable} and that the test session key is not in {@code text}. */
  public static void assertShowable(String text) {
    assertReadable(text);
    assertFalse(text.contains(Chunks.SESSION_KEY), "the session key");
  }
}
