package com.peakcare.returns;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pays the refund the case record says is due (amount and destination from the record, never from a variable)
 * through the gateway, idempotent per return number so a retried job never pays twice, records the provider's
 * reference and tells the refund-care process that the promise is kept. A case not due a refund pays nothing: the
 * step fails and, after its retries, is an incident.
 */
@Component
class IssueRefundDelegate implements JavaDelegate {

  private final RefundGateway gateway;
  private final RefundCare refundCare;
  private final CaseSteps cases;

  IssueRefundDelegate(RefundGateway gateway, RefundCare refundCare, CaseSteps cases) {
    this.gateway = gateway;
    this.refundCare = refundCare;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String returnNo = execution.getProcessBusinessKey();
    ReturnCaseRepository.Refund due = cases.refundDue(returnNo, execution.getProcessInstanceId());
    RefundGateway.Refund refund = gateway.refund(returnNo, due.amount(), due.refundTo());
    cases.refunded(returnNo, refund.amount(), refund.refundTo(), refund.gatewayRef(), refund.doneAt());
    refundCare.refundDone(returnNo);
  }
}
