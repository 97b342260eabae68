package com.peakcare.returns;

import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.RefundCare;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Money is involved: promise the customer a concrete refund time (退款关怀), watched by the refund-care process. The
 * amount and the customer come from the case record.
 */
@Component
class PromiseRefundCareDelegate implements JavaDelegate {

  private final RefundCare refundCare;
  private final ReturnCases cases;

  PromiseRefundCareDelegate(RefundCare refundCare, ReturnCases cases) {
    this.refundCare = refundCare;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRow row = cases.caseOf(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    int hours = ((Number) execution.getVariable(Vars.REFUND_PROMISE_HOURS)).intValue();
    Instant promisedBy = Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    execution.setVariable(Vars.PROMISED_BY, Date.from(promisedBy));
    refundCare.promise(row.returnNo(), customer(row.request().customer()), promisedBy, row.refund().amount());
    cases.event(row.returnNo(), "system", "REFUND_PROMISED", "by " + promisedBy);
  }

  static NoticeCustomer customer(ReturnRequest.Customer c) {
    return new NoticeCustomer(c.name(), c.phone(), c.email(), c.locale(), c.province());
  }
}
