package io.ecd.commands.stdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MomentsTest {

  private static Moments of(double... values) {
    Moments m = new Moments();
    for (double v : values) {
      m.add(v);
    }
    return m;
  }

  @Test
  void computesSampleStandardDeviation() {
    // 2,4,4,4,5,5,7,9: mean 5, squared deviations sum 32, sample variance 32/7
    Moments m = of(2, 4, 4, 4, 5, 5, 7, 9);
    assertEquals(5, m.average());
    assertEquals(Math.sqrt(32.0 / 7), m.sampleStdev(), 1e-15);
  }

  @Test
  void averagesAsSplDoesBySummingInOrder() {
    // Splunk's avg of 100 x 3.99 prints 3.9900000000000055 (Aggregate functions, avg, extended
    // example 1): the sequential sum divided by the count, not a running mean
    Moments m = new Moments();
    for (int i = 0; i < 100; i++) {
      m.add(3.99);
    }
    assertEquals(3.9900000000000055, m.average());
  }

  @Test
  void hasNoDeviationForOneValueAndNoAverageForNone() {
    assertTrue(Double.isNaN(of().average()));
    assertTrue(Double.isNaN(of(7).sampleStdev()));
    assertEquals(7, of(7).average());
  }

  @Test
  void staysExactWhereASumOfSquaresCancels() {
    // 1e9+4, 1e9+7, 1e9+13, 1e9+16: deviations -6,-3,3,6, sample variance 90/3 = 30;
    // sum(x^2) - n*mean^2 loses every digit at this magnitude in doubles
    Moments m = of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
    assertEquals(Math.sqrt(30), m.sampleStdev(), 1e-9);
  }

  @Test
  void keepsHugeValuesFiniteWhenTheSumOverflows() {
    // 1e308 + 1e308 overflows; the running mean stays 1e308 and the spread 0
    Moments m = of(1e308, 1e308, 1e308);
    assertEquals(1e308, m.average());
    assertEquals(0, m.sampleStdev());
  }

  @Test
  void mergesPartitionsAsIfAddedInOne() {
    Moments left = of(2, 4, 4, 4);
    Moments right = of(5, 5, 7, 9);
    left.merge(right);
    assertEquals(8, left.n);
    assertEquals(5, left.average());
    assertEquals(Math.sqrt(32.0 / 7), left.sampleStdev(), 1e-15);
    Moments empty = new Moments();
    empty.merge(of(1, 3));
    assertEquals(2, empty.average());
  }
}
