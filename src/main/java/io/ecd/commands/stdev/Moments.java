package io.ecd.commands.stdev;

/**
 * Running count, sum, mean and sum of squared deviations of a stream of numbers. The variance uses
 * Welford's update (and Chan's rule to merge two partitions), which stays accurate where a sum of
 * squares cancels catastrophically. The mean reported is {@code sum / n}, summed in input order,
 * as SPL's {@code avg} computes it; when that sum overflows, the running (Welford) mean is used.
 */
class Moments {
  long n;
  double sum;
  double mean;
  double m2;

  /** Adds one finite value. */
  final void add(double x) {
    n++;
    sum += x;
    double delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }

  /** Adds every value of {@code other} (Chan et al.'s pairwise update). */
  final void merge(Moments other) {
    if (other.n == 0) {
      return;
    }
    if (n == 0) {
      n = other.n;
      sum = other.sum;
      mean = other.mean;
      m2 = other.m2;
      return;
    }
    long total = n + other.n;
    double delta = other.mean - mean;
    mean += delta * other.n / total;
    m2 += other.m2 + delta * delta * ((double) n * other.n / total);
    sum += other.sum;
    n = total;
  }

  /** SPL {@code avg}: NaN (null) when there are no values. */
  final double average() {
    if (n == 0) {
      return Double.NaN;
    }
    double avg = sum / n;
    return Double.isFinite(avg) ? avg : mean;
  }

  /** SPL {@code stdev}, the sample standard deviation: NaN (null) for fewer than two values. */
  final double sampleStdev() {
    if (n < 2) {
      return Double.NaN;
    }
    return Math.sqrt(Math.max(0, m2) / (n - 1));
  }
}
