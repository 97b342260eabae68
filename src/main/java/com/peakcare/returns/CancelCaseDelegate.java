package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Status;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The customer's parcel never came: the case is cancelled, its claim on the order's ceiling released and its refund
 * promise withdrawn.
 */
@Component
class CancelCaseDelegate implements JavaDelegate {

  private final CaseSteps cases;
  private final ReturnTimers timers;

  CancelCaseDelegate(CaseSteps cases, ReturnTimers timers) {
    this.cases = cases;
    this.timers = timers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    cases.endedWithoutRefund(execution.getProcessBusinessKey(), Status.CANCELLED,
        "the parcel did not arrive within " + timers.parcelLimit());
  }
}
