package com.peakcare.dashboard;

import java.time.Instant;

/**
 * The extension point of the promises tile (issue 25, point 3): one kind of promise made to customers. Refund care is
 * the first ({@link RefundCarePromises}); complaints' promises (issue 24, built on its own branch) are meant to come in
 * as a second bean of this type, next to this one, calling the complaint feature's own figures service, so that the
 * tile shows them as soon as complaints exist and nothing else changes.
 */
public interface PromiseSource {

  /** Its key in the tile: {@code refund-care}, {@code complaint}. */
  String kind();

  /** What staff read, Chinese first. */
  String label();

  /** The promises of this kind due in [from, to), as they stand at {@code now}. */
  Figures due(Instant from, Instant to, Instant now);

  /**
   * Due promises: kept (done by the promised time), late (done after it, or past it and not done), of those how many
   * got an apology with a new time, and open (not done, not yet due).
   */
  record Figures(long due, long kept, long late, long apologised, long open) {}
}
