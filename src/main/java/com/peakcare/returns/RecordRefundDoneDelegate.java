package com.peakcare.returns;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordRefundDone of refund-care.bpmn: the refund is PC_REFUND's (the gateway recorded it before
 * {@link RefundCare#refundDone} correlated); this counts it on time or late.
 */
@Component("recordRefundDoneDelegate")
class RecordRefundDoneDelegate implements JavaDelegate {

  private final RefundCare refundCare;

  RecordRefundDoneDelegate(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  @Override
  public void execute(DelegateExecution execution) {
    refundCare.recordDone(execution.getProcessBusinessKey());
  }
}
