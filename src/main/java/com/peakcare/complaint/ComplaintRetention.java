package com.peakcare.complaint;

import com.peakcare.retention.RetentionRule;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * A closed complaint's words age out (issue 27, row {@code complaint-text} of the retention table): the customer's
 * demand in their own words, the resolution's note and the timeline's details (replies, reasons) of a complaint closed
 * before the cut-off. What the report and the ladder's history need stays: order no., category, severity, the promise
 * and its times, each escalation's from, to and level, the resolution's kind and coupon amount. A complaint re-opened
 * has no close time, so it keeps its words until it closes again.
 */
@Component
class ComplaintRetention implements RetentionRule {

  static final String NAME = "complaint-text";

  private final ComplaintRepository repository;

  ComplaintRetention(ComplaintRepository repository) {
    this.repository = repository;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int expire(Instant cutoff) {
    return repository.forgetWords(repository.closedBeforeWithWords(cutoff));
  }
}
