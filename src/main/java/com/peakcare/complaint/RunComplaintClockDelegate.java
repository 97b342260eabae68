package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 计时 · Run the clock: the ladder's due dates from the record's target (moved on after a pause). */
@Component
class RunComplaintClockDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  RunComplaintClockDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.runClock(execution);
  }
}
