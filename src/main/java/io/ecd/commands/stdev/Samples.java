package io.ecd.commands.stdev;

import java.util.Arrays;

/**
 * Every value of a series, kept for an exact median and median absolute deviation
 * ({@code method=mad}): 8 bytes a value plus array slack of at most half.
 */
final class Samples {
  private static final double[] EMPTY = new double[0];

  private double[] values = EMPTY;
  private int size;

  void add(double x) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.max(4, size + (size >> 1)));
    }
    values[size++] = x;
  }

  int size() {
    return size;
  }

  /** The exact median (mean of the two middle values for an even count), NaN when empty. */
  double median() {
    if (size == 0) {
      return Double.NaN;
    }
    double[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    return middle(sorted);
  }

  /** The median of |x - median|, NaN when empty. */
  double mad(double median) {
    if (size == 0) {
      return Double.NaN;
    }
    double[] deviations = new double[size];
    for (int i = 0; i < size; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    Arrays.sort(deviations);
    return middle(deviations);
  }

  private static double middle(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
  }
}
