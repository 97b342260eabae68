package com.peakcare.review;

import com.peakcare.engine.status.ProcessStatuses;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A review cycle's status, derived from where its process stands ({@link ReviewCycleProcess#STATUS_OF}). */
@Component
class ReviewCycleStatuses implements ProcessStatuses {

  private final ReviewCycleSteps steps;

  ReviewCycleStatuses(ReviewCycleSteps steps) {
    this.steps = steps;
  }

  @Override
  public String processKey() {
    return ReviewCycleProcess.KEY;
  }

  @Override
  public Map<String, String> statuses() {
    return ReviewCycleProcess.STATUS_OF;
  }

  @Override
  public Map<String, String> keepsStatus() {
    return ReviewCycleProcess.KEEPS_STATUS;
  }

  @Override
  public void apply(String cycleId, String processInstanceId, String status) {
    steps.status(cycleId, status);
  }
}
