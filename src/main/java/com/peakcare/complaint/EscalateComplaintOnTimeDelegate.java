package com.peakcare.complaint;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** 升级 · A timer of the ladder fired: level 1 (the superior: Task_EscalateToSuperior) or 2 (the superior's superior) unless reached already; the transient {@code escalated} routes the gateway after it. */
@Component
class EscalateComplaintOnTimeDelegate implements JavaDelegate {

  private final ComplaintSteps steps;

  EscalateComplaintOnTimeDelegate(ComplaintSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int level = ComplaintProcess.Elements.TASK_ESCALATE_LEVEL_TWO.equals(execution.getCurrentActivityId()) ? 2 : 1;
    execution.setVariable(ComplaintProcess.Vars.ESCALATED, org.camunda.bpm.engine.variable.Variables
        .booleanValue(steps.escalateOnTime(execution.getProcessBusinessKey(), level), true));
  }
}
