package io.ecd.spl;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * SPL's {@code round(x, n)} and how a computed statistic is printed in a result cell. Which field
 * values are numbers is {@link Spl#number(String)}.
 */
public final class SplNumbers {

  private static final double PLAIN_MIN = 1e-6;
  private static final double PLAIN_MAX = 1e16;

  private SplNumbers() {}

  /**
   * SPL's {@code round(x, digits)}: {@code floor(x * 10^digits + 0.5) / 10^digits}, so halves go
   * up (toward +infinity), as Splunk shows with {@code round(4.5)=5} and {@code round(-4.5)=-4}.
   * NaN and infinities are returned as they are.
   */
  public static double round(double x, int digits) {
    if (!Double.isFinite(x)) {
      return x;
    }
    double scale = Math.pow(10, digits);
    double scaled = x * scale;
    if (!Double.isFinite(scaled) || Math.abs(scaled) >= 0x1p52) {
      return x; // already an integer at this scale
    }
    return Math.floor(scaled + 0.5) / scale;
  }

  /**
   * A finite number as it is printed in a result cell: the shortest decimal that reads back as the
   * same double; no decimal point for whole numbers; plain notation for magnitudes in [1e-6, 1e16)
   * and zero, otherwise scientific ({@code 1e+308}, {@code 2.5e-07}). Negative zero prints as 0.
   *
   * @throws IllegalArgumentException for NaN or an infinity, which have no printed form (null)
   */
  public static String format(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("no printed form for " + x);
    }
    if (x == 0) {
      return "0";
    }
    BigDecimal shortest = shortest(x).stripTrailingZeros();
    double abs = Math.abs(x);
    if (abs >= PLAIN_MIN && abs < PLAIN_MAX) {
      return shortest.toPlainString();
    }
    // scientific: d[.ddd]e(+|-)XX
    String digits = shortest.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - shortest.scale();
    StringBuilder b = new StringBuilder();
    if (x < 0) {
      b.append('-');
    }
    b.append(digits.charAt(0));
    if (digits.length() > 1) {
      b.append('.').append(digits, 1, digits.length());
    }
    b.append('e').append(exponent < 0 ? '-' : '+');
    int e = Math.abs(exponent);
    if (e < 10) {
      b.append('0');
    }
    return b.append(e).toString();
  }

  private static BigDecimal shortest(double x) {
    BigDecimal exact = new BigDecimal(x);
    for (int precision = 1; precision < 17; precision++) {
      BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == x) {
        return candidate;
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
  }
}
