package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The case reached its end: refunded or replaced, surveyed, followed up where needed. */
@Component
class CloseCaseDelegate implements JavaDelegate {

  private final CaseSteps cases;

  CloseCaseDelegate(CaseSteps cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object rating = execution.getVariable(Vars.RATING);
    cases.event(execution.getProcessBusinessKey(), "system", "CLOSED",
        rating == null ? "no survey answer" : "rating " + rating);
  }
}
