package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 结案 · Close: on the customer's confirmation or after three documented follow-up attempts. */
@Component
class CloseComplaintDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  CloseComplaintDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.close(execution.getProcessBusinessKey(), Boolean.TRUE.equals(execution.getVariable(ComplaintProcess.Vars.FOLLOW_UPS_EXHAUSTED)));
  }
}
