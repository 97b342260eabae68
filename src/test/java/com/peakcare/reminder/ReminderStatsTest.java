package com.peakcare.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The report's numbers against the published worked examples: Wilson's score interval as tabulated by Newcombe
 * (1998a, "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17:857–872, method 3) and
 * the difference of two proportions by method 10 (Newcombe 1998b, "Interval estimation for the difference between
 * independent proportions", Statistics in Medicine 17:873–890, Table II), each to its four published decimals.
 */
class ReminderStatsTest {

  @ParameterizedTest(name = "Wilson {0}/{1}: {2} to {3}")
  @CsvSource({"81, 263, 0.2553, 0.3662", "15, 148, 0.0624, 0.1605", "0, 20, 0.0000, 0.1611", "1, 29, 0.0061, 0.1718"})
  void wilsonMatchesNewcombesTable(long x, long n, double lower, double upper) {
    ReminderStats.Interval w = ReminderStats.wilson(x, n, ReminderStats.Z95);
    assertThat(w.lower()).isCloseTo(lower, within(0.00005));
    assertThat(w.upper()).isCloseTo(upper, within(0.00005));
  }

  @ParameterizedTest(name = "Newcombe method 10: {0}/{1} − {2}/{3}: {4} to {5}")
  @CsvSource({"56, 70, 48, 80, 0.0524, 0.3339", "9, 10, 3, 10, 0.1705, 0.8090", "6, 7, 2, 7, 0.0582, 0.8062",
      "5, 56, 0, 29, -0.0381, 0.1926", "0, 10, 0, 20, -0.1611, 0.2775", "0, 10, 0, 10, -0.2775, 0.2775",
      "10, 10, 0, 20, 0.6791, 1.0000", "10, 10, 0, 10, 0.6075, 1.0000"})
  void newcombeMethodTenMatchesHisTableTwo(long x1, long n1, long x2, long n2, double lower, double upper) {
    ReminderStats.Interval d = ReminderStats.newcombe(x1, n1, x2, n2, ReminderStats.Z95);
    assertThat(d.lower()).isCloseTo(lower, within(0.00005));
    assertThat(d.upper()).isCloseTo(upper, within(0.00005));
  }

  @Test
  void theDifferenceOfNewcombesFirstExampleIsTwentyPoints() {
    // 56/70 = 0.8000 and 48/80 = 0.6000: the point estimate sits inside its interval 0.0524 to 0.3339
    ReminderStats.Interval d = ReminderStats.newcombe(56, 70, 48, 80, ReminderStats.Z95);
    assertThat(56.0 / 70 - 48.0 / 80).isCloseTo(0.2, within(1e-12));
    assertThat(d.lower()).isLessThan(0.2);
    assertThat(d.upper()).isGreaterThan(0.2);
  }

  @Test
  void pValueIsPearsonsChiSquareOnLargeTablesAndFishersExactTestOnSmallOnes() {
    // 56/70 vs 48/80, by hand: expected 48.533, 21.467, 55.467, 24.533; chi-square 7.0233 on 1 df, p = 0.00805
    ReminderStats.PValue large = ReminderStats.pValue(56, 70, 48, 80);
    assertThat(large.test()).isEqualTo(ReminderStats.CHI_SQUARE);
    assertThat(large.value()).isCloseTo(0.00805, within(0.00005));
    // the lady tasting tea (Fisher 1935): 3 of 4 vs 1 of 4, two-sided p = 0.4857
    ReminderStats.PValue tea = ReminderStats.pValue(3, 4, 1, 4);
    assertThat(tea.test()).isEqualTo(ReminderStats.FISHER);
    assertThat(tea.value()).isCloseTo(0.4857, within(0.00005));
    assertThat(ReminderStats.pValue(0, 50, 0, 50).value()).isEqualTo(1.0);
  }

  @Test
  void sampleRatioCheckFlagsASplitFarFromThePlan() {
    assertThat(ReminderStats.sampleRatio(new double[] {100, 900}, new long[] {98, 902})).isGreaterThan(0.5);
    assertThat(ReminderStats.sampleRatio(new double[] {100, 900}, new long[] {160, 840})).isLessThan(0.001);
  }

  @Test
  void ordersNeededGrowAsTheUpliftShrinksAndTheHoldOutIsSmall() {
    long[] tenPoints = ReminderStats.ordersNeeded(0.30, 0.10, 0.5, 0.05, 0.8);
    // equal groups, 30 % vs 40 %: the textbook answer is about 356 per group (Fleiss, without continuity correction)
    assertThat(tenPoints[1]).isBetween(350L, 360L);
    long[] smallHoldout = ReminderStats.ordersNeeded(0.30, 0.10, 0.1, 0.05, 0.8);
    assertThat(smallHoldout[0]).isGreaterThan(tenPoints[0]);
    assertThat(ReminderStats.ordersNeeded(0.30, 0.02, 0.1, 0.05, 0.8)[0]).isGreaterThan(smallHoldout[0] * 20);
  }
}
