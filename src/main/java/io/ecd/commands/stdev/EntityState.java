package io.ecd.commands.stdev;

/**
 * What {@code stdevoutlier} keeps per entity: the number of rows (SPL {@code count}) and the
 * moments of its history values (rows before the current window). About 56 bytes an entity plus
 * the map entry and key; with {@code method=mad} also every history value.
 */
final class EntityState extends Moments {
  long rows;
  Samples history;

  /** Median of the history values, filled in once at the end ({@code method=mad}). */
  double median = Double.NaN;

  /** MAD of the history values, filled in once at the end ({@code method=mad}). */
  double mad = Double.NaN;

  boolean computed;
}
