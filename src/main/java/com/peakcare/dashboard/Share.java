package com.peakcare.dashboard;

/**
 * A share with its n and its Wilson 95 % interval, as every PeakCare page shows a rate (the page's {@code share()});
 * a null rate without n.
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "DashboardShare")
record Share(long k, long n, Double rate, Double low, Double high) {

  static Share of(long k, long n) {
    if (n == 0) {
      return new Share(k, 0, null, null, null);
    }
    double z = 1.959964;
    double p = (double) k / n;
    double denominator = 1 + z * z / n;
    double centre = (p + z * z / (2.0 * n)) / denominator;
    double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
    return new Share(k, n, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }
}
