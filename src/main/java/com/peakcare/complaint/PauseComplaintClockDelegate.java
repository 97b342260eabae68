package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 暂停计时 · Pause the clock while PeakCare waits for the customer. */
@Component
class PauseComplaintClockDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  PauseComplaintClockDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.pauseClock(execution.getProcessBusinessKey());
  }
}
