package io.ecd.spl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplNumbersTest {

  @ParameterizedTest(name = "round({0}, 2) = {1}")
  @CsvSource({
    "2.555, 2.56", // Splunk's documented example for round(X,Y)
    "2.406, 2.41",
    "8, 8",
    "0.125, 0.13", // 12.5 + 0.5 = 13: halves go up
    "-0.125, -0.12", // -12.5 + 0.5 = -12: toward +infinity, as round(-4.5) = -4 in Splunk
    "1.005, 1", // 1.005 is 1.00499999999999989... in binary: 100.49999999999999 + 0.5 floors to 100
  })
  void roundsHalfUpAtTwoPlaces(double x, double expected) {
    assertEquals(expected, SplNumbers.round(x, 2));
  }

  @Test
  void roundsHalvesTowardPositiveInfinityAtZeroPlaces() {
    assertEquals(5, SplNumbers.round(4.5, 0));
    assertEquals(-4, SplNumbers.round(-4.5, 0));
    assertEquals(-5, SplNumbers.round(-4.51, 0));
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({
    "25, 25",
    "-0.0, 0",
    "0, 0",
    "3.9900000000000055, 3.9900000000000055", // Splunk's avg() example prints all 17 digits
    "0.1, 0.1",
    "446.3636363636364, 446.3636363636364",
    "1234567.5, 1234567.5",
    "1e15, 1000000000000000",
    "1e16, 1e+16",
    "1e308, 1e+308",
    "-1.5e300, -1.5e+300",
    "0.000001, 0.000001",
    "2.5e-7, 2.5e-07",
    "2.41, 2.41",
  })
  void printsShortestRoundTripDigits(double x, String expected) {
    assertEquals(expected, SplNumbers.format(x));
  }

  @Test
  void printsNumbersThatReadBackExactly() {
    double x = Math.sqrt(6800.0 / 7);
    assertEquals(x, Double.parseDouble(SplNumbers.format(x)));
  }

  @Test
  void refusesToPrintNonFiniteNumbers() {
    assertThrows(IllegalArgumentException.class, () -> SplNumbers.format(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> SplNumbers.format(Double.POSITIVE_INFINITY));
  }
}
