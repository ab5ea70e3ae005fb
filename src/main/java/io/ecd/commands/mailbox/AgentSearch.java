package io.ecd.commands.mailbox;

import io.ecd.command.FieldRef;
import io.ecd.command.Record;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The first agent pattern (in list order) that a ClientInfoString holds, ignoring case: the
 * documented {@code like(lower(ClientInfoString), "%pattern%")}, pattern by pattern. Patterns are
 * literal substrings, lower-cased; no regular expressions. Immutable, so one search serves any
 * number of threads.
 *
 * <p>An ASCII value is searched in one pass over its UTF-8 bytes, without lower-casing a copy, with
 * the same result. The positions where a pattern's first character stands are found eight bytes
 * at a time when the patterns start with at most {@value #WORD_FIRSTS} distinct characters, none
 * of them a control character or one of {@code @ [ \ ] ^ _} (the documented ones start with five
 * letters), else byte by byte; each is checked against the second character of the patterns that
 * start there before a pattern is compared. Any character outside ASCII (some lower-case to ASCII
 * letters, one to two characters) sends the value to the JDK's lower-casing.
 */
final class AgentSearch {
  /** What {@link #firstAscii} gives for a value with a byte outside ASCII. */
  private static final int NOT_ASCII = -2;
  /** The most distinct first characters the eight-byte scan looks for. */
  private static final int WORD_FIRSTS = 6;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  /** OR-ed into eight ASCII bytes: their letters lower-cased (and some other bytes changed). */
  private static final long CASE_BITS = 0x2020202020202020L;
  /** A first character that no byte of a word with {@link #CASE_BITS} set can equal. */
  private static final long NO_FIRST = HIGH_BITS;
  private static final long BYTE_INDEXES = 0x0001020304050607L;

  private final String[] patterns;
  /**
   * The patterns as ASCII bytes, or null when one is empty, not ASCII or past the 64th; then every
   * value is lower-cased by the JDK.
   */
  private final byte[][] ascii;
  /** For each ASCII character: the bit set of the patterns that start with it, either case. */
  private final long[] startingWith;
  /**
   * For each byte's low seven bits: the bit set of the patterns whose second character it is,
   * either case, and of those with a single character (a byte outside ASCII gives candidates that
   * its check then turns down).
   */
  private final long[] secondIs;
  /** The bit set of the patterns with a single character. */
  private final long oneCharacterPatterns;
  /**
   * The patterns' distinct first characters, each in all eight bytes, {@link #NO_FIRST} for the
   * unused; null when the eight-byte scan does not apply (see the class comment).
   */
  private final long[] firsts;

  AgentSearch(List<String> patterns) {
    this.patterns = lowerCasedDistinct(patterns);
    this.ascii = asciiPatterns(this.patterns);
    this.startingWith = ascii == null ? null : characters(ascii, 0);
    this.secondIs = ascii == null ? null : characters(ascii, 1);
    long single = 0;
    for (int k = 0; ascii != null && k < ascii.length; k++) {
      single |= ascii[k].length == 1 ? 1L << k : 0;
    }
    this.oneCharacterPatterns = single;
    this.firsts = ascii == null ? null : wordFirsts(ascii);
  }

  /** The distinct lower-cased patterns, in list order. */
  Set<String> patterns() {
    return new LinkedHashSet<>(List.of(patterns));
  }

  /** The first pattern {@code value} holds, lower-cased, or null; null for a null or empty value. */
  String first(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (ascii != null) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      int k = firstAscii(utf8, 0, utf8.length);
      if (k != NOT_ASCII) {
        return pattern(k);
      }
    }
    return firstLowerCased(value);
  }

  /**
   * The first pattern the UTF-8 text {@code b[from, to)} holds, lower-cased, or null (for empty
   * text too): that text is {@code field}'s value in {@code event}, read as a String only when it
   * is not ASCII.
   */
  String first(byte[] b, int from, int to, Record event, FieldRef field) {
    if (from == to) {
      return null;
    }
    if (ascii != null) {
      int k = firstAscii(b, from, to);
      if (k != NOT_ASCII) {
        return pattern(k);
      }
    }
    String value = field.get(event);
    return value == null || value.isEmpty() ? null : firstLowerCased(value);
  }

  private String pattern(int k) {
    return k < 0 ? null : patterns[k];
  }

  /**
   * The index of the first pattern (in list order) in {@code b[from, to)}, ignoring ASCII case;
   * -1 for none, {@link #NOT_ASCII} for a byte outside ASCII before the first pattern is found
   * (the JDK's lower-casing then decides). Only for ASCII patterns.
   */
  private int firstAscii(byte[] b, int from, int to) {
    // the tables in locals: C1 (the launcher's compiler) loads a field again at every use
    long[] starting = startingWith;
    long[] second = secondIs;
    long oneCharacter = oneCharacterPatterns;
    byte[][] asciiPatterns = ascii;
    long[] f = firsts;
    long found = 0;
    int i = from;
    if (f != null) {
      long f0 = f[0];
      long f1 = f[1];
      long f2 = f[2];
      long f3 = f[3];
      long f4 = f[4];
      long f5 = f[5];
      for (; i + 8 <= to; i += 8) {
        long w = (long) LONGS.get(b, i);
        if ((w & HIGH_BITS) != 0) {
          return NOT_ASCII;
        }
        long l = w | CASE_BITS;
        // the high bit of every byte that may be a first character (and no other byte's before it)
        long at = zeroBytes(l ^ f0) | zeroBytes(l ^ f1) | zeroBytes(l ^ f2)
            | zeroBytes(l ^ f3) | zeroBytes(l ^ f4) | zeroBytes(l ^ f5);
        while (at != 0) {
          int p = i + byteIndex(at & -at);
          at &= at - 1;
          long candidates = starting[b[p]] & ~found;
          if (candidates != 0) {
            // most first characters are followed by none of their patterns' second characters
            candidates &= p + 1 < to ? second[b[p + 1] & 0x7f] : oneCharacter;
            if (candidates != 0) {
              found = matchesAt(b, p, to, candidates, asciiPatterns, found);
              if ((found & 1) != 0) {
                return 0; // no pattern comes before it, whatever the rest holds
              }
            }
          }
        }
      }
    }
    for (; i < to; i++) {
      int c = b[i];
      if (c < 0) {
        return NOT_ASCII;
      }
      long candidates = starting[c] & ~found;
      if (candidates != 0) {
        candidates &= i + 1 < to ? second[b[i + 1] & 0x7f] : oneCharacter;
        if (candidates != 0) {
          found = matchesAt(b, i, to, candidates, asciiPatterns, found);
          if ((found & 1) != 0) {
            return 0;
          }
        }
      }
    }
    return found == 0 ? -1 : Long.numberOfTrailingZeros(found);
  }

  /** {@code found} with the bits of the {@code candidates} that {@code b[p, to)} starts with. */
  private static long matchesAt(byte[] b, int p, int to, long candidates, byte[][] asciiPatterns,
      long found) {
    long result = found;
    long left = candidates;
    while (left != 0) {
      long bit = left & -left;
      left &= left - 1;
      if (matchAt(b, p, to, asciiPatterns[Long.numberOfTrailingZeros(bit)])) {
        result |= bit;
      }
    }
    return result;
  }

  /**
   * Whether {@code b[from, to)} holds the lower-case ASCII {@code pattern} at {@code from},
   * ignoring ASCII case, its first byte known to match (a byte outside ASCII matches none).
   */
  static boolean matchAt(byte[] b, int from, int to, byte[] pattern) {
    if (pattern.length > to - from) {
      return false;
    }
    for (int j = 1; j < pattern.length; j++) {
      int c = b[from + j];
      if ((c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) != pattern[j]) {
        return false;
      }
    }
    return true;
  }

  private String firstLowerCased(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (String pattern : patterns) {
      if (lower.contains(pattern)) {
        return pattern;
      }
    }
    return null;
  }

  /** Non-zero when a byte of {@code x} is zero; every zero byte's high bit is set in it. */
  private static long zeroBytes(long x) {
    return (x - ONES) & ~x & HIGH_BITS;
  }

  /**
   * The index (0 to 7) of the byte whose high bit is the one bit of {@code highBit}: a multiply,
   * where C1 calls {@code Long.numberOfTrailingZeros} as a method.
   */
  private static int byteIndex(long highBit) {
    return (int) ((highBit >>> 7) * BYTE_INDEXES >>> 56);
  }

  /** Lower-cased, each once, in first-seen order (loops, not a stream: it runs at start-up). */
  private static String[] lowerCasedDistinct(List<String> patterns) {
    Set<String> distinct = new LinkedHashSet<>();
    for (String p : patterns) {
      distinct.add(p.toLowerCase(Locale.ROOT));
    }
    return distinct.toArray(new String[0]);
  }

  private static byte[][] asciiPatterns(String[] lowerCased) {
    if (lowerCased.length > Long.SIZE) {
      return null;
    }
    byte[][] result = new byte[lowerCased.length][];
    for (int k = 0; k < lowerCased.length; k++) {
      String p = lowerCased[k];
      if (p.isEmpty()) {
        return null;
      }
      for (int i = 0; i < p.length(); i++) {
        if (p.charAt(i) >= 0x80) {
          return null;
        }
      }
      result[k] = p.getBytes(StandardCharsets.US_ASCII);
    }
    return result;
  }

  /**
   * For each ASCII character: the bit set of the patterns whose character at {@code index} it is,
   * either case; a pattern too short to have one is in every entry.
   */
  private static long[] characters(byte[][] asciiPatterns, int index) {
    long[] table = new long[0x80];
    for (int k = 0; k < asciiPatterns.length; k++) {
      if (asciiPatterns[k].length <= index) {
        for (int c = 0; c < table.length; c++) {
          table[c] |= 1L << k;
        }
        continue;
      }
      int c = asciiPatterns[k][index];
      table[c] |= 1L << k;
      if (c >= 'a' && c <= 'z') {
        table[c - ('a' - 'A')] |= 1L << k;
      }
    }
    return table;
  }

  /**
   * The first characters for the eight-byte scan, or null. A byte OR-ed with {@link #CASE_BITS}
   * equals a character with that bit set exactly when it is that character or, for a letter, its
   * upper case (or, for a character that is not a letter, one other byte: checked like any
   * candidate). A character without that bit (such as {@code @} or {@code _}) could not be found
   * that way.
   */
  private static long[] wordFirsts(byte[][] asciiPatterns) {
    long[] result = new long[WORD_FIRSTS];
    Arrays.fill(result, NO_FIRST);
    int n = 0;
    boolean[] seen = new boolean[0x80];
    for (byte[] p : asciiPatterns) {
      int c = p[0];
      if ((c & 0x20) == 0) {
        return null;
      }
      if (!seen[c]) {
        seen[c] = true;
        if (n == WORD_FIRSTS) {
          return null;
        }
        result[n++] = ONES * c;
      }
    }
    return result;
  }
}
