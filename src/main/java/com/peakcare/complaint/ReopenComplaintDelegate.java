package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 重开投诉 · Re-open: a fresh target; the second re-open goes one level up at once. */
@Component
class ReopenComplaintDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  ReopenComplaintDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.reopen(execution.getProcessBusinessKey());
  }
}
