package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The customer's parcel never came: the case is cancelled and its refund promise withdrawn. */
@Component
class CancelCaseDelegate implements JavaDelegate {

  private final ReturnCases cases;

  CancelCaseDelegate(ReturnCases cases) {
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.endedWithoutRefund((String) execution.getVariable(Vars.RETURN_NO), Status.CANCELLED,
        "the parcel did not arrive within " + execution.getVariable(Vars.PARCEL_LIMIT));
  }
}
