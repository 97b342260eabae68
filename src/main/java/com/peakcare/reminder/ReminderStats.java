package com.peakcare.reminder;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * The report's statistics, on Apache Commons Math's distributions (no hand-written ones): the Wilson score interval of
 * a proportion (Wilson 1927), the interval of a difference of two independent proportions by Newcombe's method 10
 * (Newcombe 1998, hybrid score, from the two Wilson intervals), a two-sided p-value (Pearson's chi-square on the 2×2
 * table, or Fisher's exact test where an expected cell is below 5), the sample-ratio check, and the orders a
 * comparison needs (normal approximation, unequal groups).
 */
final class ReminderStats {

  private static final NormalDistribution NORMAL = new NormalDistribution();
  /** The normal quantile of a two-sided 95 % interval, 1.959964… */
  static final double Z95 = NORMAL.inverseCumulativeProbability(0.975);

  private ReminderStats() {}

  /** An interval of a rate or a difference of rates. */
  record Interval(double lower, double upper) {}

  /** The Wilson score interval of {@code x} of {@code n} at {@code z}; null when {@code n} is 0. */
  static Interval wilson(long x, long n, double z) {
    if (n <= 0) {
      return null;
    }
    double p = (double) x / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = p + z2 / (2.0 * n);
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Interval(Math.max(0, (centre - half) / denominator), Math.min(1, (centre + half) / denominator));
  }

  /**
   * Newcombe's method 10 for {@code x1/n1 − x2/n2}: δ = √((p1−l1)² + (u2−p2)²), ε = √((u1−p1)² + (p2−l2)²), interval
   * (p1−p2−δ, p1−p2+ε) from each proportion's Wilson interval (l, u). Null when a group is empty.
   */
  static Interval newcombe(long x1, long n1, long x2, long n2, double z) {
    Interval w1 = wilson(x1, n1, z);
    Interval w2 = wilson(x2, n2, z);
    if (w1 == null || w2 == null) {
      return null;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double d = p1 - p2;
    double delta = Math.sqrt(sq(p1 - w1.lower()) + sq(w2.upper() - p2));
    double epsilon = Math.sqrt(sq(w1.upper() - p1) + sq(p2 - w2.lower()));
    return new Interval(d - delta, d + epsilon);
  }

  /** A p-value and the test that gave it. */
  record PValue(double value, String test) {}

  static final String CHI_SQUARE = "chi-square";
  static final String FISHER = "fisher-exact";

  /**
   * Two-sided p-value of "both groups pay at the same rate": Pearson's chi-square (1 degree of freedom, no continuity
   * correction) on the 2×2 table, or Fisher's exact test when any expected count is below 5. Null when a group is
   * empty; 1 when nobody or everybody paid (no test can tell the groups apart).
   */
  static PValue pValue(long x1, long n1, long x2, long n2) {
    if (n1 <= 0 || n2 <= 0) {
      return null;
    }
    long paid = x1 + x2;
    long n = n1 + n2;
    if (paid == 0 || paid == n) {
      return new PValue(1.0, CHI_SQUARE);
    }
    double minExpected = Math.min(Math.min(n1, n2) * (double) Math.min(paid, n - paid) / n, Double.MAX_VALUE);
    if (minExpected < 5) {
      return new PValue(fisher(x1, n1, x2, n2), FISHER);
    }
    double p = new ChiSquareTest().chiSquareTest(new long[][] {{x1, n1 - x1}, {x2, n2 - x2}});
    return new PValue(p, CHI_SQUARE);
  }

  /** Fisher's exact test, two-sided: the probability of every table at most as likely as the one observed. */
  static double fisher(long x1, long n1, long x2, long n2) {
    int population = Math.toIntExact(n1 + n2);
    int successes = Math.toIntExact(x1 + x2);
    int sample = Math.toIntExact(n1);
    HypergeometricDistribution h = new HypergeometricDistribution(null, population, successes, sample);
    double observed = h.probability(Math.toIntExact(x1));
    double p = 0;
    for (int k = Math.max(0, successes - Math.toIntExact(n2)); k <= Math.min(successes, sample); k++) {
      double pk = h.probability(k);
      if (pk <= observed * (1 + 1e-7)) {
        p += pk;
      }
    }
    return Math.min(1, p);
  }

  /**
   * The sample-ratio check: chi-square goodness of fit of the observed counts against the expected ones (the planned
   * share); a small p-value means the split is not what was planned. 1 when there is nothing to check.
   */
  static double sampleRatio(double[] expected, long[] observed) {
    long total = 0;
    for (long o : observed) {
      total += o;
    }
    for (double e : expected) {
      if (e <= 0) {
        return 1.0;
      }
    }
    return total == 0 ? 1.0 : new ChiSquareTest().chiSquareTest(expected, observed);
  }

  /**
   * Eligible orders a campaign needs to show an uplift of {@code uplift} over a hold-out paying at {@code baseline},
   * with a hold-out share {@code holdout}, two-sided {@code alpha} and {@code power} (normal approximation for two
   * proportions with unequal groups): {@code [total, holdout, reminded]}.
   */
  static long[] ordersNeeded(double baseline, double uplift, double holdout, double alpha, double power) {
    double p0 = baseline;
    double p1 = baseline + uplift;
    double za = NORMAL.inverseCumulativeProbability(1 - alpha / 2);
    double zb = NORMAL.inverseCumulativeProbability(power);
    double pBar = holdout * p0 + (1 - holdout) * p1;
    double a = za * Math.sqrt(pBar * (1 - pBar) * (1 / holdout + 1 / (1 - holdout)));
    double b = zb * Math.sqrt(p1 * (1 - p1) / (1 - holdout) + p0 * (1 - p0) / holdout);
    long total = (long) Math.ceil(sq(a + b) / sq(uplift));
    long held = (long) Math.ceil(total * holdout);
    return new long[] {total, held, total - held};
  }

  private static double sq(double v) {
    return v * v;
  }
}
