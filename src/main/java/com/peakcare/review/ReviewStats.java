package com.peakcare.review;

/** Rates with their interval: Wilson's score interval at 95 %, as every PeakCare page shows a rate. */
final class ReviewStats {

  private static final double Z = 1.959963984540054;

  private ReviewStats() {}

  /** Wilson 95 % interval of hits out of n; [0, 1] when n is 0. */
  static double[] wilson(int hits, int n) {
    if (n == 0) {
      return new double[] {0, 1};
    }
    double p = (double) hits / n;
    double z2 = Z * Z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }
}
