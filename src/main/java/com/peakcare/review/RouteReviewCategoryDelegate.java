package com.peakcare.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RouteToDepartment (a business rule task): the shop's routing table gives the category its department, recorded
 * on the cycle's topic, where the lead's task (its candidates) and the page read it.
 */
@Component
class RouteReviewCategoryDelegate implements JavaDelegate {

  private final ReviewCycleSteps steps;

  RouteReviewCategoryDelegate(ReviewCycleSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    steps.route(execution.getProcessBusinessKey(), (String) execution.getVariable(ReviewCycleProcess.Vars.CATEGORY));
  }
}
