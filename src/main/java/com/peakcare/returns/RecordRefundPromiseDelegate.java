package com.peakcare.returns;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_RecordRefundPromise of refund-care.bpmn: the promise is recorded when it is made ({@link RefundCare#promise});
 * this records it for an instance started otherwise (version 1, or a test starting the model alone). Once.
 */
@Component("recordRefundPromiseDelegate")
class RecordRefundPromiseDelegate implements JavaDelegate {

  private final RefundCare refundCare;

  RecordRefundPromiseDelegate(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object promisedBy = execution.getVariable(RefundCareProcess.PROMISED_BY);
    if (!(promisedBy instanceof Date date)) {
      throw new IllegalArgumentException("refund care needs process variable " + RefundCareProcess.PROMISED_BY
          + " (a date)");
    }
    refundCare.recordPromise(execution.getProcessBusinessKey(), date.toInstant());
  }
}
