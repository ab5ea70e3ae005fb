package io.ecd.commands.stdev;

/**
 * What {@code stdevoutlier} keeps per entity: the number of rows (SPL {@code count}) and the
 * moments of its history values (rows before the current window): five 8-byte fields, 56 bytes an
 * object on a 64-bit JVM with compressed references (by field layout), plus the map entry and key.
 */
class EntityState extends Moments {
  long rows;

  /** The history values for an exact median and MAD ({@code method=mad} only). */
  static final class WithSamples extends EntityState {
    Samples history = new Samples();
    double median = Double.NaN;
    double mad = Double.NaN;
    boolean computed;

    /** Computes median and MAD once, then drops the values. */
    void compute() {
      if (!computed) {
        median = history.median();
        mad = history.mad(median);
        history = null;
        computed = true;
      }
    }
  }
}
