package com.peakcare.notice;

import java.math.BigDecimal;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRefundPromise of refund-care.bpmn. */
@Component("recordRefundPromiseDelegate")
class RecordRefundPromiseDelegate implements JavaDelegate {

  private final RefundCare refundCare;

  RecordRefundPromiseDelegate(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date promisedBy = (Date) execution.getVariable(NoticeVariables.PROMISED_BY);
    if (promisedBy == null) {
      throw new IllegalArgumentException("refund care needs process variable " + NoticeVariables.PROMISED_BY);
    }
    Object amount = execution.getVariable(NoticeVariables.AMOUNT);
    refundCare.recordPromise(NoticeDelegate.caseRef(execution), promisedBy.toInstant(),
        amount == null ? null : new BigDecimal(amount.toString()));
  }
}
