package com.peakcare.reminder;

import com.peakcare.web.Fingerprints;
import java.math.BigDecimal;

/**
 * Which group a buyer falls in: SHA-256 of the campaign's salt and the buyer id, its first four bytes taken as an
 * unsigned number modulo 10,000 (the bucket); buckets below share × 10,000 are the hold-out. Deterministic, so any node
 * computes the same group; stored the first time anyway, so a later change of the share or the tier moves nobody.
 */
final class Holdout {

  static final String HOLDOUT = "HOLDOUT";
  static final String REMINDED = "REMINDED";
  static final int BUCKETS = 10_000;

  private Holdout() {}

  static int bucket(String salt, String buyerId) {
    String hex = Fingerprints.sha256(salt + ":" + buyerId);
    return (int) (Long.parseLong(hex.substring(0, 8), 16) % BUCKETS);
  }

  static String group(int bucket, BigDecimal share) {
    return bucket < share.multiply(BigDecimal.valueOf(BUCKETS)).intValue() ? HOLDOUT : REMINDED;
  }
}
