package io.ecd.spl;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Value semantics of SPL's eval and of its result tables. */
public final class Spl {
  private Spl() {}

  /**
   * A field value as a number, as eval sees it: a decimal with optional sign, fraction and
   * exponent, surrounding blanks allowed; anything else (and null) is not a number.
   */
  public static Double number(String value) {
    if (value == null) {
      return null;
    }
    String t = value.strip();
    if (t.isEmpty() || !looksNumeric(t)) {
      return null;
    }
    try {
      double d = Double.parseDouble(t);
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@link #number}, with NaN for "not a number", for code that keeps primitive doubles. */
  public static double numberOrNaN(String value) {
    Double d = number(value);
    return d == null ? Double.NaN : d;
  }

  private static boolean looksNumeric(String t) {
    // Double.parseDouble also takes "NaN", "Infinity", hex and a trailing d/f; eval does not
    for (int i = 0; i < t.length(); i++) {
      if (!numberCharacter(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True for the characters a value {@link #number} reads as a number may hold once stripped:
   * digits, signs, the point and the exponent's e.
   */
  public static boolean numberCharacter(int c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  }

  /**
   * eval's {@code a = b}: null when either side is null (the caller treats null as false), a
   * numeric comparison when both are numbers, else a case-sensitive string comparison.
   */
  public static Boolean equal(String a, String b) {
    if (a == null || b == null) {
      return null;
    }
    Double x = number(a);
    Double y = number(b);
    if (x != null && y != null) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.equals(b);
  }

  /** eval's {@code a != b}: null when either side is null, else the negation of {@link #equal}. */
  public static Boolean notEqual(String a, String b) {
    Boolean eq = equal(a, b);
    return eq == null ? null : !eq;
  }

  /** The unique values, sorted lexicographically, as {@code values()} returns them. */
  public static List<String> values(Collection<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }

  /** A computed number as it is printed in a result cell; see {@link SplNumbers#format}. */
  public static String format(double d) {
    return SplNumbers.format(d);
  }
}
