package com.peakcare.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_GatherProblems: gathers the cycle's problems ({@link ReviewCycleSteps#gather}) and hands the process the
 * categories to discuss; a timer's instance gets its cycle as business key.
 */
@Component
class GatherReviewProblemsDelegate implements JavaDelegate {

  private final ReviewCycleSteps steps;

  GatherReviewProblemsDelegate(ReviewCycleSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ReviewCycleSteps.Gathered gathered = steps.gather(execution.getProcessBusinessKey(),
        execution.getProcessInstanceId());
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(gathered.cycleId());
    }
    execution.setVariable(ReviewCycleProcess.Vars.CATEGORIES, new java.util.ArrayList<>(gathered.categories()));
  }
}
