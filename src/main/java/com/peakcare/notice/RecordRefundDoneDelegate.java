package com.peakcare.notice;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Task_RecordRefundDone of refund-care.bpmn. */
@Component("recordRefundDoneDelegate")
class RecordRefundDoneDelegate implements JavaDelegate {

  private final RefundCare refundCare;

  RecordRefundDoneDelegate(RefundCare refundCare) {
    this.refundCare = refundCare;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Date doneAt = (Date) execution.getVariable(NoticeVariables.DONE_AT);
    refundCare.recordDone(NoticeDelegate.caseRef(execution), doneAt == null ? Instant.now() : doneAt.toInstant());
  }
}
