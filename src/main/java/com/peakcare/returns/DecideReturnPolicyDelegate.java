package com.peakcare.returns;

import com.peakcare.returns.ReturnCaseProcess.Vars;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The business rule task: evaluates the business's return policy (processes/return-policy.dmn) and keeps its
 * outputs as plain process variables, which the gateways and forms read.
 */
@Component
class DecideReturnPolicyDelegate implements JavaDelegate {

  private final DecisionService decisionService;
  private final ReturnCases cases;

  DecideReturnPolicyDelegate(DecisionService decisionService, ReturnCases cases) {
    this.decisionService = decisionService;
    this.cases = cases;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> inputs = Map.of(
        Vars.TYPE, execution.getVariable(Vars.TYPE),
        Vars.REASON, execution.getVariable(Vars.REASON),
        Vars.DAYS_SINCE_DELIVERY, execution.getVariable(Vars.DAYS_SINCE_DELIVERY),
        Vars.AMOUNT, execution.getVariable(Vars.AMOUNT),
        Vars.MEMBER_TIER, execution.getVariable(Vars.MEMBER_TIER),
        Vars.ITEM_CATEGORY, execution.getVariable(Vars.ITEM_CATEGORY));
    DmnDecisionResultEntries result = decisionService.evaluateDecisionByKey(ReturnCaseProcess.POLICY_DECISION)
        .variables(inputs).evaluate().getSingleResult();
    String outcome = result.getEntry("outcome");
    Integer reviewSla = number(result.getEntry("reviewSlaHours"));
    Integer promiseHours = number(result.getEntry("refundPromiseHours"));
    String rejectionCode = (String) result.getEntryMap().get("rejectionCode");
    execution.setVariable(Vars.POLICY_OUTCOME, outcome);
    execution.setVariable(Vars.REVIEW_SLA_HOURS, reviewSla);
    execution.setVariable(Vars.REFUND_PROMISE_HOURS, promiseHours);
    execution.setVariable(Vars.REJECTION_CODE, rejectionCode);
    execution.setVariable(Vars.REJECTION_REASON, rejectionCode == null ? null
        : RejectionReasons.text(rejectionCode, (String) execution.getVariable(Vars.CUSTOMER_LOCALE)));
    String returnNo = (String) execution.getVariable(Vars.RETURN_NO);
    cases.policyDecided(returnNo, outcome, rejectionCode == null
        ? outcome + " (review within " + reviewSla + " h, refund within " + promiseHours + " h)"
        : outcome + " " + rejectionCode);
  }

  private static Integer number(Object value) {
    return value == null ? null : ((Number) value).intValue();
  }
}
