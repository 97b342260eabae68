package com.peakcare.returns;

import com.peakcare.notice.RefundCare;
import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Pays the refund through the gateway (idempotent per return number, so a retried job never pays twice) and tells
 * the refund-care process that the promise is kept.
 */
@Component
class IssueRefundDelegate implements JavaDelegate {

  private final RefundGateway gateway;
  private final RefundCare refundCare;
  private final ReturnCases cases;

  IssueRefundDelegate(RefundGateway gateway, RefundCare refundCare, ReturnCases cases) {
    this.gateway = gateway;
    this.refundCare = refundCare;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String returnNo = (String) execution.getVariable(Vars.RETURN_NO);
    Object partial = execution.getVariable(Vars.REFUND_AMOUNT);
    double amount = ((Number) (partial != null ? partial : execution.getVariable(Vars.AMOUNT))).doubleValue();
    BigDecimal money = BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
    RefundGateway.Refund refund = gateway.refund(returnNo, money, (String) execution.getVariable(Vars.REFUND_TO));
    refundCare.refundDone(returnNo, refund.amount(), refund.refundTo(), refund.doneAt());
    cases.event(returnNo, "system", "REFUNDED", refund.amount().toPlainString() + " to " + refund.refundTo()
        + " (" + refund.gatewayRef() + ")");
  }
}
