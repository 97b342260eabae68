package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 提醒处理人 · Remind the handler before the target (on the timeline; Tasklist shows the due date). */
@Component
class RemindComplaintHandlerDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  RemindComplaintHandlerDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.remind(execution.getProcessBusinessKey());
  }
}
