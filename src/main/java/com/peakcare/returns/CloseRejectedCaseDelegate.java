package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The request was rejected (by policy, review or after inspection): its refund promise is withdrawn. */
@Component
class CloseRejectedCaseDelegate implements JavaDelegate {

  private final ReturnCases cases;

  CloseRejectedCaseDelegate(ReturnCases cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String returnNo = execution.getProcessBusinessKey();
    cases.endedWithoutRefund(returnNo, Status.REJECTED,
        cases.caseOf(returnNo, execution.getProcessInstanceId()).progress().rejectionReason());
  }
}
