package com.peakcare.returns;

import com.peakcare.notice.NoticeCustomer;
import com.peakcare.notice.RefundCare;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Money is involved: promise the customer a concrete refund time (退款关怀), watched by the refund-care process. */
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
    String returnNo = (String) execution.getVariable(Vars.RETURN_NO);
    int hours = ((Number) execution.getVariable(Vars.REFUND_PROMISE_HOURS)).intValue();
    Instant promisedBy = Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    execution.setVariable(Vars.PROMISED_BY, Date.from(promisedBy));
    refundCare.promise(returnNo, customer(execution), promisedBy,
        BigDecimal.valueOf(((Number) execution.getVariable(Vars.AMOUNT)).doubleValue()));
    cases.event(returnNo, "system", "REFUND_PROMISED", "by " + promisedBy);
  }

  static NoticeCustomer customer(DelegateExecution e) {
    return new NoticeCustomer((String) e.getVariable(Vars.CUSTOMER_NAME), (String) e.getVariable(Vars.CUSTOMER_PHONE),
        (String) e.getVariable(Vars.CUSTOMER_EMAIL), (String) e.getVariable(Vars.CUSTOMER_LOCALE),
        (String) e.getVariable(Vars.CUSTOMER_PROVINCE));
  }
}
