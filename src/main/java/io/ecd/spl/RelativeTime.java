package io.ecd.spl;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Splunk relative time modifier such as {@code @d}, {@code -1d@d}, {@code -7d@w0}, {@code +1h},
 * {@code -30m@m}, {@code @q} or {@code now}, evaluated as {@code relative_time(now, modifier)}.
 *
 * <p>A modifier is a sequence of steps applied left to right: an offset {@code [+|-][N]unit} (N
 * defaults to 1) or a snap {@code @unit}. Units: {@code s, sec, secs, second, seconds}; {@code m,
 * min, mins, minute, minutes}; {@code h, hr, hrs, hour, hours}; {@code d, day, days}; {@code w,
 * week, weeks}; {@code mon, month, months}; {@code q, qtr, qtrs, quarter, quarters}; {@code y, yr,
 * yrs, year, years}; snaps also take {@code w0}..{@code w7} (w0 and w7 are Sunday, w1 Monday).
 *
 * <p>Semantics, in the given time zone (the search head's, {@code TZ}):
 *
 * <ul>
 *   <li>Offsets in seconds, minutes and hours move by that many elapsed seconds.
 *   <li>Offsets in days, weeks, months, quarters and years are calendar offsets: they keep the
 *       local wall-clock time, so {@code -1d} across a daylight-saving change moves by 23 or 25
 *       hours. A wall-clock time that does not exist on the target day moves forward by the gap.
 *   <li>A snap rounds down to the start of the unit in local time: {@code @d} is local midnight
 *       (or the first instant of the day where midnight is skipped), {@code @w1} the most recent
 *       Monday at midnight (today when today is Monday), {@code @q} the first day of the quarter
 *       (Jan, Apr, Jul, Oct), {@code @mon} the first of the month, {@code @y} January 1st.
 *       {@code @w} alone is {@code @w0}.
 *   <li>A snap drops fractional seconds; an offset keeps them.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class RelativeTime {

  private enum Unit {
    SECOND,
    MINUTE,
    HOUR,
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR
  }

  /** One step: an offset by {@code amount} units, or a snap to {@code unit} (weekday for weeks). */
  private record Step(boolean snap, long amount, Unit unit, int weekday) {}

  private static final String UNITS = "s, m, h, d, w, mon, q or y";

  private final String text;
  private final List<Step> steps;

  private RelativeTime(String text, List<Step> steps) {
    this.text = text;
    this.steps = List.copyOf(steps);
  }

  /**
   * Parses a modifier.
   *
   * @throws IllegalArgumentException naming the offset and what was expected there
   */
  public static RelativeTime parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("relative time must not be null");
    }
    String t = text.toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw error(text, 0, "a relative time such as @d, -1d@d or now");
    }
    List<Step> steps = new ArrayList<>();
    if (t.equals("now")) {
      return new RelativeTime(text, steps);
    }
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '@') {
        i++;
        int start = i;
        while (i < t.length() && Character.isLetter(t.charAt(i))) {
          i++;
        }
        String name = t.substring(start, i);
        Unit unit = unit(name);
        if (unit == null) {
          throw error(text, start, "a snap unit (" + UNITS + ", or w0..w7) after @");
        }
        int weekday = 0;
        if (unit == Unit.WEEK && i < t.length() && Character.isDigit(t.charAt(i))) {
          if (!name.equals("w")) {
            throw error(text, i, "a weekday digit only after @w");
          }
          weekday = t.charAt(i) - '0';
          if (weekday > 7) {
            throw error(text, i, "a weekday 0..7 after @w");
          }
          i++;
          weekday %= 7;
        }
        steps.add(new Step(true, 0, unit, weekday));
      } else if (c == '+' || c == '-') {
        int sign = c == '-' ? -1 : 1;
        i++;
        int start = i;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
          i++;
        }
        long amount = 1;
        if (i > start) {
          if (i - start > 9) {
            throw error(text, start, "an amount of at most 9 digits");
          }
          amount = Long.parseLong(t.substring(start, i));
        }
        int unitStart = i;
        while (i < t.length() && Character.isLetter(t.charAt(i))) {
          i++;
        }
        Unit unit = unit(t.substring(unitStart, i));
        if (unit == null) {
          throw error(text, unitStart, "a time unit (" + UNITS + ") after the amount");
        }
        steps.add(new Step(false, sign * amount, unit, 0));
      } else {
        throw error(text, i, "+, - or @");
      }
    }
    return new RelativeTime(text, steps);
  }

  /** The modifier as given. */
  public String text() {
    return text;
  }

  /**
   * {@code relative_time(epochSeconds, this)} in {@code zone}.
   *
   * @param epochSeconds the reference time ("now"), seconds since the epoch, may be fractional
   * @param zone the time zone snaps and calendar offsets use
   * @return seconds since the epoch
   */
  public double apply(double epochSeconds, ZoneId zone) {
    if (!Double.isFinite(epochSeconds)) {
      throw new IllegalArgumentException("time must be finite, was " + epochSeconds);
    }
    long whole = (long) Math.floor(epochSeconds);
    long nanos = Math.round((epochSeconds - whole) * 1e9);
    ZonedDateTime t = Instant.ofEpochSecond(whole, nanos).atZone(zone);
    for (Step step : steps) {
      t = step.snap() ? snap(t, step) : offset(t, step);
    }
    Instant out = t.toInstant();
    return out.getEpochSecond() + out.getNano() / 1e9;
  }

  private static ZonedDateTime offset(ZonedDateTime t, Step step) {
    long n = step.amount();
    return switch (step.unit()) {
      case SECOND -> t.plusSeconds(n);
      case MINUTE -> t.plusSeconds(n * 60);
      case HOUR -> t.plusSeconds(n * 3600);
      case DAY -> t.plusDays(n);
      case WEEK -> t.plusWeeks(n);
      case MONTH -> t.plusMonths(n);
      case QUARTER -> t.plusMonths(n * 3);
      case YEAR -> t.plusYears(n);
    };
  }

  private static ZonedDateTime snap(ZonedDateTime t, Step step) {
    ZoneId zone = t.getZone();
    LocalDate day = t.toLocalDate();
    return switch (step.unit()) {
      case SECOND -> t.truncatedTo(ChronoUnit.SECONDS);
      case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> day.atStartOfDay(zone);
      case WEEK -> {
        DayOfWeek target = step.weekday() == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(step.weekday());
        yield day.with(TemporalAdjusters.previousOrSame(target)).atStartOfDay(zone);
      }
      case MONTH -> day.withDayOfMonth(1).atStartOfDay(zone);
      case QUARTER -> {
        int firstMonth = (day.getMonthValue() - 1) / 3 * 3 + 1;
        yield LocalDate.of(day.getYear(), firstMonth, 1).atStartOfDay(zone);
      }
      case YEAR -> LocalDate.of(day.getYear(), 1, 1).atStartOfDay(zone);
    };
  }

  private static Unit unit(String name) {
    return switch (name) {
      case "s", "sec", "secs", "second", "seconds" -> Unit.SECOND;
      case "m", "min", "mins", "minute", "minutes" -> Unit.MINUTE;
      case "h", "hr", "hrs", "hour", "hours" -> Unit.HOUR;
      case "d", "day", "days" -> Unit.DAY;
      case "w", "week", "weeks" -> Unit.WEEK;
      case "mon", "month", "months" -> Unit.MONTH;
      case "q", "qtr", "qtrs", "quarter", "quarters" -> Unit.QUARTER;
      case "y", "yr", "yrs", "year", "years" -> Unit.YEAR;
      default -> null;
    };
  }

  private static IllegalArgumentException error(String text, int offset, String expected) {
    return new IllegalArgumentException(
        "invalid relative time " + io.ecd.command.Options.quote(text) + " at offset " + offset
            + ": expected " + expected);
  }

  @Override
  public String toString() {
    return text;
  }
}
