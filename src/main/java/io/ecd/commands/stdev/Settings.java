package io.ecd.commands.stdev;

import io.ecd.command.CommandException;
import io.ecd.command.Options;
import io.ecd.command.SearchContext;
import io.ecd.spl.RelativeTime;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * The validated options of one {@code stdevoutlier} invocation.
 *
 * @param field the numeric field
 * @param by the entity field, or null for one entity holding every row
 * @param threshold how many deviations above the baseline a value must be, greater than 0
 * @param minSamples the least {@code num_data_samples} that may alert, at least 1
 * @param current where the current window starts, relative to {@code now}
 * @param now the search's time in epoch seconds
 * @param nowSource where {@code now} came from
 * @param emit which rows to emit
 * @param method the baseline statistic
 */
record Settings(
    String field,
    String by,
    double threshold,
    long minSamples,
    RelativeTime current,
    double now,
    String nowSource,
    Emit emit,
    Method method) {

  static final String COMMAND = "stdevoutlier";
  private static final Pattern FIELD_NAME = Pattern.compile("[^\\s\"'`=,|()\\[\\]*]{1,256}");
  private static final double MAX_EPOCH = 253_402_300_799d; // 9999-12-31T23:59:59Z

  static Settings parse(Options options, SearchContext context, Clock clock) {
    String field = fieldName(options, "field", options.required("field", "numeric field"));
    String byRaw = options.string("by", null);
    String by = byRaw == null ? null : fieldName(options, "by", byRaw);
    if (field.equals(by)) {
      throw options.invalid("by", by, "a field other than field=" + field);
    }
    double threshold = options.number("threshold", 3, 0, 1e9);
    if (threshold <= 0) {
      throw options.invalid("threshold", options.string("threshold", null), "a number greater than 0");
    }
    long minSamples = options.integer("min_samples", 4, 1, Integer.MAX_VALUE);
    String currentRaw = options.string("current", "@d");
    RelativeTime current;
    try {
      current = RelativeTime.parse(currentRaw);
    } catch (IllegalArgumentException e) {
      throw options.invalid(
          "current", currentRaw, "a relative time such as @d, -1d@d or @h (" + e.getMessage() + ")");
    }
    double now;
    String nowSource;
    if (options.has("now")) {
      now = options.number("now", 0, 0, MAX_EPOCH);
      nowSource = "option now";
    } else {
      options.string("now", null);
      SearchNow resolved = SearchNow.resolve(context, clock);
      now = resolved.epochSeconds();
      nowSource = resolved.source();
    }
    Emit emit = options.choice("emit", Emit.OUTLIERS);
    Method method = options.choice("method", Method.STDEV);
    options.checkAllUsed();
    return new Settings(field, by, threshold, minSamples, current, now, nowSource, emit, method);
  }

  private static String fieldName(Options options, String option, String value) {
    if (!FIELD_NAME.matcher(value).matches()) {
      throw options.invalid(
          option, value, "a field name (no blanks, quotes, =, comma, pipe, brackets or *)");
    }
    return value;
  }

  /** For messages. */
  static CommandException error(String text) {
    return new CommandException(COMMAND + ": " + text);
  }
}
