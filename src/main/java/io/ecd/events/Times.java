package io.ecd.events;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the time stamps events carry into {@code _time} as Splunk holds it: epoch seconds, written
 * as a plain decimal without trailing zeros ({@code 1706803654}, {@code 1706803654.25}).
 */
final class Times {
  private static final Pattern EPOCH = Pattern.compile("-?\\d{1,12}(\\.\\d{1,9})?");
  // 2024-02-01T16:07:34, 2024-02-01 16:07:34.000 UTC, 2024-02-01T16:07:34.000+00:00, ...Z
  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?"
          + "\\s*(Z|UTC|GMT|[+-]\\d{2}(?::?\\d{2})?)?");

  private Times() {}

  /**
   * Epoch seconds for {@code text}, which is epoch seconds already or an ISO 8601 date-time; one
   * without a zone is UTC, as O365's {@code CreationTime} is.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  static String toEpoch(String text) {
    String t = text.trim();
    if (EPOCH.matcher(t).matches()) {
      return plain(new BigDecimal(t));
    }
    Matcher m = ISO.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected epoch seconds or an ISO 8601 date-time such as 2024-02-01T16:07:34");
    }
    try {
      int nanos = 0;
      if (m.group(7) != null) {
        nanos = Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
      }
      LocalDateTime local = LocalDateTime.of(
          Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
          m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
      long seconds = local.toEpochSecond(offset(m.group(8)));
      return plain(BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, 9)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a valid date-time: " + e.getMessage(), e);
    }
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null || zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) {
      return ZoneOffset.UTC;
    }
    String digits = zone.replace(":", "");
    int hours = Integer.parseInt(digits.substring(1, 3));
    int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
    int sign = digits.charAt(0) == '-' ? -1 : 1;
    return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
