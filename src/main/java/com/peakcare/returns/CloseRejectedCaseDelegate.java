package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The request was rejected (by policy, review, after inspection or at the second approval): its claim on the order's
 * ceiling is released and its refund promise withdrawn.
 */
@Component
class CloseRejectedCaseDelegate implements JavaDelegate {

  private final CaseSteps cases;

  CloseRejectedCaseDelegate(CaseSteps cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String returnNo = execution.getProcessBusinessKey();
    cases.endedWithoutRefund(returnNo, Status.REJECTED,
        cases.caseOf(returnNo, execution.getProcessInstanceId()).progress().rejectionReason());
  }
}
