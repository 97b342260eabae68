package com.peakcare.dashboard;

import com.peakcare.complaint.ComplaintFigures;
import java.time.Instant;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Complaints' promises (issue 24: "a concrete time for a resolution") for the promises tile, from the complaint
 * feature's figures. A complaint sends no apology with a new time when it misses its promise (its ladder hands it to
 * the superior instead), so its "apologised" is always 0.
 */
@Component
@Order(2)
class ComplaintPromises implements PromiseSource {

  private final ComplaintFigures complaints;

  ComplaintPromises(ComplaintFigures complaints) {
    this.complaints = complaints;
  }

  @Override
  public String kind() {
    return "complaint";
  }

  @Override
  public String label() {
    return "投诉承诺 · Complaint promise";
  }

  @Override
  public Figures due(Instant from, Instant to, Instant now) {
    ComplaintFigures.Promises p = complaints.resolutionPromises(from, to, now);
    return new Figures(p.due(), p.kept(), p.late(), 0, p.open());
  }
}
