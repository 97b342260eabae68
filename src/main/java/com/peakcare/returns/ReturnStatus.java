package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Keeps the case's status in step with the process: execution listeners in the BPMN call
 * {@code ${returnStatus.set(execution, 'AWAITING_PARCEL')}} where the case enters a new stage.
 */
@Component("returnStatus")
public class ReturnStatus {

  private final ReturnCases cases;

  ReturnStatus(ReturnCases cases) {
    this.cases = cases;
  }

  public void set(DelegateExecution execution, String status) {
    cases.status((String) execution.getVariable(Vars.RETURN_NO), Status.valueOf(status));
  }
}
