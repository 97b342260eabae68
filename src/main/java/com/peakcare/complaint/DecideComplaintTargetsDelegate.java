package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 定目标与承诺 · Decide targets and promise: the shop's table (complaint-targets.dmn) by severity and tier. */
@Component
class DecideComplaintTargetsDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  DecideComplaintTargetsDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.decideTargets(execution.getProcessBusinessKey());
  }
}
