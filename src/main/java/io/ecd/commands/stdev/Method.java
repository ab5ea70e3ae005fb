package io.ecd.commands.stdev;

/** The baseline statistic ({@code method=}). */
enum Method {
  /** Mean and sample standard deviation, as SPL's {@code avg} and {@code stdev}. */
  STDEV,
  /** Median and median absolute deviation; robust z = 0.6745 (x - median) / MAD. */
  MAD
}
