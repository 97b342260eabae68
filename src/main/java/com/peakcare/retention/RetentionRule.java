package com.peakcare.retention;

import java.time.Instant;

/**
 * One kind of PeakCare record that ages out (issue 27): the registration point for every feature that keeps a
 * customer's data. A feature contributes a bean of this type, in its own package and on its own tables; the nightly
 * sweep ({@link RetentionSweep}) calls {@link #expire} with the cut-off its row of the retention table
 * ({@code peakcare.retention.records.<name>}) gives. A rule whose name has no row fails the start: every record kind is
 * in the documented table (docs/retention.md).
 *
 * <p>A rule never touches what a running case still needs (its own test says how it knows), and never what money or
 * audit must keep: it removes texts and contact, or replaces them with a pseudonym, where a record must stay.
 */
public interface RetentionRule {

  /** Its row in the retention table: {@code peakcare.retention.records.<name>}. */
  String name();

  /**
   * Ages out what is older than {@code cutoff} (now minus the table's period, by the engine's clock) and no longer
   * needed; returns how many rows it changed or removed. Idempotent: a second run at the same cut-off changes nothing.
   */
  int expire(Instant cutoff);
}
