package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Vars;
import com.peakcare.returns.ReturnCaseRepository.CaseRow;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Task_PromiseRefundCare, a send task: money is involved, so the customer is promised a concrete refund time
 * (退款关怀), the policy's hours from now. Message RefundPromised starts the refund-care process, which watches the
 * promise; its notices read the amount and the customer from the case record.
 */
@Component
class PromiseRefundCareDelegate implements JavaDelegate {

  private final RefundCare refundCare;
  private final CaseSteps cases;

  PromiseRefundCareDelegate(RefundCare refundCare, CaseSteps cases) {
    this.refundCare = refundCare;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    CaseRow row = cases.caseOf(execution.getProcessBusinessKey(), execution.getProcessInstanceId());
    int hours = ((Number) execution.getVariable(Vars.REFUND_PROMISE_HOURS)).intValue();
    Instant promisedBy = Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    refundCare.promise(row.returnNo(), promisedBy);
    cases.event(row.returnNo(), "system", "REFUND_PROMISED", "by " + promisedBy);
  }
}
