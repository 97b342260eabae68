package com.peakcare.notice;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordRefundDone of refund-care.bpmn: {@link RefundCare#refundDone} records the time before it correlates;
 * this records it (now) for a message correlated otherwise. Once.
 */
@Component("recordRefundDoneDelegate")
class RecordRefundDoneDelegate implements JavaDelegate {

  private final RefundCare refundCare;

  RecordRefundDoneDelegate(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  @Override
  public void execute(DelegateExecution execution) {
    refundCare.recordDone(execution.getProcessBusinessKey(), Instant.now());
  }
}
