package com.peakcare.returns;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RegisterCase, the first step of every case: the process attaches itself to the case record that
 * {@link ReturnCases} registered (from the API or Tasklist's start form) in the same transaction. A process started
 * any other way has no record, fails here and rolls back: no case without its record, no record without its process.
 */
@Component
class RegisterReturnCaseDelegate implements JavaDelegate {

  private final CaseSteps cases;

  RegisterReturnCaseDelegate(CaseSteps cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.attach(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
  }
}
