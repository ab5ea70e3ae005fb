package io.ecd.commands.stdev;

/** Which rows {@code stdevoutlier} emits ({@code emit=}). */
enum Emit {
  /** Only the outliers, as the documented {@code where} keeps them. */
  OUTLIERS,
  /** Every row, with the statistics and {@code is_outlier} (1 or 0). */
  ALL
}
